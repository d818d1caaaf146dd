import type { ProviderId } from './chat';
import { DEFAULT_PRICES, type ModelPrice } from './prices';
import { PROVIDERS } from './providerCatalogue';

/** What the router optimises for. 'privacy' (the default) uses only models on this device or the user's own servers. */
export type AiPriority = 'privacy' | 'speed' | 'cost' | 'quality';

export const AI_PRIORITIES: readonly { id: AiPriority; label: string; hint: string }[] = [
  { id: 'privacy', label: 'Private', hint: 'Only models in this browser or on your own server. Nothing leaves your network.' },
  { id: 'speed', label: 'Fastest', hint: 'The quickest provider you enabled answers first.' },
  { id: 'cost', label: 'Cheapest', hint: 'Free local models first, then the lowest price per token.' },
  { id: 'quality', label: 'Best answers', hint: 'The strongest model you enabled answers first.' },
];

export interface ProviderSettings {
  id: ProviderId;
  enabled: boolean;
  baseUrl: string;
  model: string;
}

/** The user's AI choices (keys are kept apart, in the key vault). */
export interface AiSettings {
  priority: AiPriority;
  /** US dollars a calendar month, across all cloud providers. */
  monthlyBudget: number;
  providers: ProviderSettings[];
  prices: ModelPrice[];
  /** File names may be sent with the analysed values (off by default). */
  sendFileNames: boolean;
  /** A model re-reads typed searches when one is available (on by default; the offline parser answers first). */
  refineSearches: boolean;
}

export function defaultAiSettings(): AiSettings {
  return {
    priority: 'privacy',
    monthlyBudget: 5,
    providers: PROVIDERS.map((info) => ({ id: info.id, enabled: false, baseUrl: info.defaultBaseUrl, model: info.defaultModel })),
    prices: DEFAULT_PRICES.map((price) => ({ ...price })),
    sendFileNames: false,
    refineSearches: true,
  };
}

/** Settings read back from storage, completed with any provider or field added since they were saved. */
export function completeAiSettings(saved: Partial<AiSettings> | undefined): AiSettings {
  const defaults = defaultAiSettings();
  if (!saved) return defaults;
  const providers = defaults.providers.map((provider) => ({ ...provider, ...saved.providers?.find((p) => p.id === provider.id) }));
  return { ...defaults, ...saved, providers, prices: saved.prices ?? defaults.prices };
}

/** Hosts on this machine or a private network: a server there keeps the data at home. */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '[::1]') return true;
  const ipv4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (!ipv4) return false;
  const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/**
 * The enabled providers a request would leave the user's network for (a cloud service, or a local
 * server type pointed at a remote host), by name: what leaving Private asks consent for.
 */
export function enabledCloudProviders(settings: AiSettings): string[] {
  return settings.providers
    .filter((provider) => {
      if (!provider.enabled || provider.id === 'webllm') return false;
      const info = PROVIDERS.find((p) => p.id === provider.id);
      return !info?.local || !isLocalUrl(provider.baseUrl);
    })
    .map((provider) => PROVIDERS.find((p) => p.id === provider.id)?.label ?? provider.id);
}
