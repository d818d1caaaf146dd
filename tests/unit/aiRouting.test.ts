import { describe, expect, it } from 'vitest';
import {
  AI_PRIORITIES,
  completeAiSettings,
  defaultAiSettings,
  enabledCloudProviders,
  isLocalUrl,
  type AiSettings,
  type ProviderSettings,
} from '../../src/domain/ai/aiSettings';
import { type ProviderId } from '../../src/domain/ai/chat';
import { DEFAULT_PRICES, type ModelPrice } from '../../src/domain/ai/prices';
import { PROVIDERS, providerInfo } from '../../src/domain/ai/providerCatalogue';
import { noProviderMessage, routeCandidates, routeChain, type RouteCandidate } from '../../src/domain/ai/router';

describe('aiSettings', () => {
  it('defaults to privacy, a $5 budget, every provider disabled at its documented endpoint, no file names', () => {
    const settings = defaultAiSettings();
    expect(settings.priority).toBe('privacy');
    expect(settings.monthlyBudget).toBe(5);
    expect(settings.sendFileNames).toBe(false);
    expect(settings.providers.map((p) => p.id)).toEqual(PROVIDERS.map((p) => p.id));
    expect(settings.providers.every((p) => !p.enabled)).toBe(true);
    expect(settings.providers.find((p) => p.id === 'openai')).toEqual({
      id: 'openai',
      enabled: false,
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    });
    expect(settings.prices).toEqual(DEFAULT_PRICES);
    expect(settings.prices).not.toBe(DEFAULT_PRICES); // a copy the user may edit
    expect(AI_PRIORITIES.map((p) => p.id)).toEqual(['privacy', 'speed', 'cost', 'quality']);
  });

  it('completes settings saved before a provider existed, keeping every saved value', () => {
    expect(completeAiSettings(undefined)).toEqual(defaultAiSettings());
    const saved: Partial<AiSettings> = {
      priority: 'speed',
      monthlyBudget: 12,
      sendFileNames: true,
      providers: [
        { id: 'openai', enabled: true, baseUrl: 'https://proxy.example/v1', model: 'gpt-4o' },
        { id: 'ollama', enabled: true, baseUrl: 'http://192.168.1.5:11434/v1', model: 'qwen2.5' },
      ],
    };
    const settings = completeAiSettings(saved);
    expect(settings.priority).toBe('speed');
    expect(settings.monthlyBudget).toBe(12);
    expect(settings.sendFileNames).toBe(true);
    expect(settings.providers.map((p) => p.id)).toEqual(PROVIDERS.map((p) => p.id));
    expect(settings.providers.find((p) => p.id === 'openai')).toEqual(saved.providers![0]);
    expect(settings.providers.find((p) => p.id === 'ollama')).toEqual(saved.providers![1]);
    expect(settings.providers.find((p) => p.id === 'deepseek')).toEqual({
      id: 'deepseek',
      enabled: false,
      baseUrl: providerInfo('deepseek').defaultBaseUrl,
      model: 'deepseek-chat',
    });
    expect(settings.prices).toEqual(DEFAULT_PRICES);

    const prices: ModelPrice[] = [{ provider: 'openai', model: 'gpt-4o', inputPerMillion: 1, outputPerMillion: 2 }];
    expect(completeAiSettings({ prices }).prices).toEqual(prices);
    // A provider saved with only some fields gets the rest from the defaults.
    const partial = completeAiSettings({ providers: [{ id: 'groq', enabled: true } as ProviderSettings] });
    expect(partial.providers.find((p) => p.id === 'groq')).toEqual({
      id: 'groq',
      enabled: true,
      baseUrl: 'https://api.groq.com/openai/v1',
      model: 'llama-3.3-70b-versatile',
    });
  });

  it('treats this machine and private networks as local, and everything else as not', () => {
    const local = [
      'http://localhost:11434/v1',
      'http://LOCALHOST:8080',
      'http://api.localhost/v1',
      'http://127.0.0.1:8080/v1',
      'http://127.45.6.7',
      'http://10.0.0.5:11434',
      'http://192.168.1.20/v1',
      'http://172.16.0.1',
      'http://172.20.3.4:8000',
      'http://172.31.255.255',
      'http://[::1]:11434/v1',
      'http://studio.local:11434/v1',
    ];
    const remote = [
      'http://172.32.0.1',
      'http://172.15.0.1',
      'http://192.169.1.1',
      'http://11.0.0.1',
      'http://8.8.8.8',
      'https://api.openai.com/v1',
      'https://generativelanguage.googleapis.com/v1beta',
      'http://127.0.0.1.example.com/v1',
      'http://localhost.example.com',
      'http://local.example.com',
      'not a url',
      '',
      'localhost:11434',
    ];
    for (const url of local) expect(isLocalUrl(url), url).toBe(true);
    for (const url of remote) expect(isLocalUrl(url), url).toBe(false);
  });
});

type ProviderPatch = Partial<Record<ProviderId, Partial<Omit<ProviderSettings, 'id'>>>>;
const settingsWith = (patch: ProviderPatch, over: Partial<AiSettings> = {}): AiSettings => {
  const settings = defaultAiSettings();
  return {
    ...settings,
    ...over,
    providers: settings.providers.map((provider) => ({ ...provider, ...patch[provider.id] })),
  };
};
const everyProviderEnabled = (): AiSettings =>
  settingsWith(Object.fromEntries(PROVIDERS.map((p) => [p.id, { enabled: true }])) as ProviderPatch, {});
const allKeys = new Set<ProviderId>(['openai', 'anthropic', 'gemini', 'groq', 'deepseek']);
const ids = (chain: readonly RouteCandidate[]): ProviderId[] => chain.map((c) => c.id);

describe('router', () => {
  it('skips disabled providers, cloud providers without a key, and WebLLM until its model is ready', () => {
    const settings = settingsWith({
      openai: { enabled: true },
      anthropic: { enabled: true }, // no key
      gemini: { enabled: false }, // a key, but disabled
      webllm: { enabled: true },
      ollama: { enabled: true },
    });
    const keys = new Set<ProviderId>(['openai', 'gemini']);
    expect(ids(routeCandidates(settings, { keys, webLlmReady: false })).sort()).toEqual(['ollama', 'openai']);
    expect(ids(routeCandidates(settings, { keys, webLlmReady: true })).sort()).toEqual(['ollama', 'openai', 'webllm']);
    expect(
      ids(routeCandidates(settings, { keys: new Set<ProviderId>(['anthropic', 'openai', 'gemini']), webLlmReady: false })).sort(),
    ).toEqual(['anthropic', 'ollama', 'openai']);
    expect(routeCandidates(defaultAiSettings(), { keys: allKeys, webLlmReady: true })).toEqual([]);
  });

  it('describes each candidate: local servers are free, cloud models carry their blended price', () => {
    const settings = settingsWith({ ollama: { enabled: true }, openai: { enabled: true }, webllm: { enabled: true } });
    const candidates = routeCandidates(settings, { keys: allKeys, webLlmReady: true });
    expect(candidates.find((c) => c.id === 'ollama')).toEqual({
      id: 'ollama',
      model: 'llama3.2',
      local: true,
      speed: 3,
      quality: 4,
      price: 0,
    });
    expect(candidates.find((c) => c.id === 'webllm')).toMatchObject({ local: true, price: 0 });
    const openai = candidates.find((c) => c.id === 'openai')!;
    expect(openai.local).toBe(false);
    expect(openai.price).toBeCloseTo(0.2625, 12);
  });

  it('does not count a local server type pointed at a public host as local', () => {
    const settings = settingsWith({
      custom: { enabled: true, baseUrl: 'https://llm.example.com/v1', model: 'mixtral' },
      ollama: { enabled: true, baseUrl: 'http://10.1.2.3:11434/v1' },
    });
    const candidates = routeCandidates(settings, { keys: new Set(), webLlmReady: false });
    const custom = candidates.find((c) => c.id === 'custom')!;
    expect(custom.local).toBe(false);
    expect(custom.price).toBeNull(); // no price known for a remote server: it is not free
    expect(candidates.find((c) => c.id === 'ollama')!.local).toBe(true);
    expect(ids(routeChain(candidates, 'privacy'))).toEqual(['ollama']);
  });

  it('keeps only local providers for privacy, best model first', () => {
    const candidates = routeCandidates(everyProviderEnabled(), { keys: allKeys, webLlmReady: true });
    expect(candidates).toHaveLength(PROVIDERS.length);
    const chain = routeChain(candidates, 'privacy');
    expect(chain.every((c) => c.local)).toBe(true);
    expect(ids(chain).sort()).toEqual(['custom', 'ollama', 'webllm']);
    expect(chain.at(-1)!.id).toBe('webllm'); // the smallest model answers last
    expect(
      routeChain(
        candidates.filter((c) => !c.local),
        'privacy',
      ),
    ).toEqual([]);
  });

  it('orders by speed, by quality, and by price with unknown prices last', () => {
    const settings = everyProviderEnabled();
    settings.providers = settings.providers.map((p) => (p.id === 'custom' ? { ...p, baseUrl: 'https://llm.example.com/v1' } : p));
    const candidates = routeCandidates(settings, { keys: allKeys, webLlmReady: true });
    const before = ids(candidates);

    // speed rank, then quality: gemini(1,2) groq(1,3) anthropic(2,1) openai(2,2) deepseek(3,2) ollama/custom(3,4) webllm(4,5)
    expect(ids(routeChain(candidates, 'speed'))).toEqual([
      'gemini',
      'groq',
      'anthropic',
      'openai',
      'deepseek',
      'ollama',
      'custom',
      'webllm',
    ]);
    // quality rank, then speed: anthropic(1) gemini(2,1) openai(2,2) deepseek(2,3) groq(3) ollama/custom(4) webllm(5)
    expect(ids(routeChain(candidates, 'quality'))).toEqual([
      'anthropic',
      'gemini',
      'openai',
      'deepseek',
      'groq',
      'ollama',
      'custom',
      'webllm',
    ]);
    // blended $/M: ollama 0 (q4), webllm 0 (q5), gemini .175, openai .2625, deepseek .4775, groq .64, anthropic 1.6, custom unknown
    expect(ids(routeChain(candidates, 'cost'))).toEqual([
      'ollama',
      'webllm',
      'gemini',
      'openai',
      'deepseek',
      'groq',
      'anthropic',
      'custom',
    ]);
    // The candidates themselves are left in their order.
    expect(ids(candidates)).toEqual(before);
  });

  it('puts every unknown price after every known one under cost', () => {
    const candidate = (id: ProviderId, price: number | null, quality: number): RouteCandidate => ({
      id,
      model: 'm',
      local: false,
      speed: 1,
      quality,
      price,
    });
    const chain = routeChain(
      [candidate('groq', null, 1), candidate('openai', 50, 5), candidate('custom', null, 3), candidate('gemini', 0.1, 4)],
      'cost',
    );
    expect(ids(chain)).toEqual(['gemini', 'openai', 'groq', 'custom']);
  });

  it('says what to do when nothing can answer', () => {
    expect(noProviderMessage(defaultAiSettings(), [])).toMatch(/No AI provider is set up/);
    const cloud = routeCandidates(settingsWith({ openai: { enabled: true } }), { keys: allKeys, webLlmReady: false });
    expect(noProviderMessage(defaultAiSettings(), cloud)).toMatch(/Private mode uses only local models/);
  });
});

describe('which enabled providers leaving Private asks consent for', () => {
  it('names cloud services and local server types pointed at a remote host, not local ones or disabled ones', () => {
    const settings = defaultAiSettings();
    const set = (id: string, patch: Partial<AiSettings['providers'][number]>) =>
      (settings.providers = settings.providers.map((p) => (p.id === id ? { ...p, ...patch } : p)));
    expect(enabledCloudProviders(settings)).toEqual([]);
    set('ollama', { enabled: true });
    set('webllm', { enabled: true });
    set('groq', { enabled: false });
    expect(enabledCloudProviders(settings)).toEqual([]);
    set('openai', { enabled: true });
    set('ollama', { baseUrl: 'https://ollama.example.com/v1' });
    expect(enabledCloudProviders(settings)).toEqual(['Ollama (local server)', 'OpenAI']);
  });
});
