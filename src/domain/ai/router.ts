import type { ProviderId } from './chat';
import type { AiPriority, AiSettings } from './aiSettings';
import { isLocalUrl } from './aiSettings';
import { blendedPrice, priceOf } from './prices';
import { providerInfo } from './providerCatalogue';

/** A provider the router may use now: enabled, with its key (where one is needed) and its model ready. */
export interface RouteCandidate {
  id: ProviderId;
  model: string;
  /** On this device or the user's network. */
  local: boolean;
  speed: number;
  quality: number;
  /** Blended dollars per million tokens; null when the price table does not know it. */
  price: number | null;
}

export interface Availability {
  /** Providers with a key stored and unlocked. */
  keys: ReadonlySet<ProviderId>;
  /** Whether the in-browser model is downloaded and WebGPU present. */
  webLlmReady: boolean;
}

/** The enabled providers that can answer now, with the traits the router ranks them by. */
export function routeCandidates(settings: AiSettings, availability: Availability): RouteCandidate[] {
  const candidates: RouteCandidate[] = [];
  for (const provider of settings.providers) {
    if (!provider.enabled) continue;
    const info = providerInfo(provider.id);
    if (info.needsKey && !availability.keys.has(provider.id)) continue;
    if (provider.id === 'webllm' && !availability.webLlmReady) continue;
    // A "local" server type pointed at a remote host is treated like a cloud provider.
    const local = provider.id === 'webllm' || (info.local && isLocalUrl(provider.baseUrl));
    const price = priceOf(settings.prices, provider.id, provider.model, local);
    candidates.push({
      id: provider.id,
      model: provider.model,
      local,
      speed: info.speed,
      quality: info.quality,
      price: price && blendedPrice(price),
    });
  }
  return candidates;
}

const byNumber = (a: number, b: number): number => a - b;

/**
 * The fallback chain for a task, best first: the first provider answers, and each failure moves
 * to the next. Privacy keeps local providers only; the others rank everyone available.
 */
export function routeChain(candidates: readonly RouteCandidate[], priority: AiPriority): RouteCandidate[] {
  const chain = priority === 'privacy' ? candidates.filter((c) => c.local) : [...candidates];
  const unknownPrice = Number.POSITIVE_INFINITY;
  const rank: Record<AiPriority, (a: RouteCandidate, b: RouteCandidate) => number> = {
    privacy: (a, b) => byNumber(a.quality, b.quality) || byNumber(a.speed, b.speed),
    speed: (a, b) => byNumber(a.speed, b.speed) || byNumber(a.quality, b.quality),
    quality: (a, b) => byNumber(a.quality, b.quality) || byNumber(a.speed, b.speed),
    cost: (a, b) => byNumber(a.price ?? unknownPrice, b.price ?? unknownPrice) || byNumber(a.quality, b.quality),
  };
  return chain.sort(rank[priority]);
}

/** Why nothing can answer, in words that say what to do. */
export function noProviderMessage(settings: AiSettings, candidates: readonly RouteCandidate[]): string {
  if (candidates.length === 0) {
    return 'No AI provider is set up. Open AI settings to download a local model, point to an Ollama server, or add a key.';
  }
  if (settings.priority === 'privacy') {
    return 'Private mode uses only local models, and none is ready. Download one or start a local server in AI settings, or choose another priority to use a cloud provider.';
  }
  return 'No AI provider is available.';
}
