import { describe, expect, it } from 'vitest';
import {
  AI_PRIORITIES,
  completeAiSettings,
  defaultAiSettings,
  isLocalUrl,
  type AiSettings,
  type ProviderSettings,
} from '../../src/domain/ai/aiSettings';
import { checkBudget, monthStart, worstCaseTokens } from '../../src/domain/ai/budget';
import { type ChatRequest, type ProviderId } from '../../src/domain/ai/chat';
import { proposeFromValues, readProposals } from '../../src/domain/ai/describe';
import { readSearchArguments, referencedSampleIds, SEARCH_SAMPLES_TOOL, type SearchSamplesArguments } from '../../src/domain/ai/kitTools';
import { blendedPrice, costOf, DEFAULT_PRICES, formatDollars, priceOf, type ModelPrice } from '../../src/domain/ai/prices';
import { PROVIDERS, providerInfo } from '../../src/domain/ai/providerCatalogue';
import { refineQueryMessages, validateRefinedQuery } from '../../src/domain/ai/queryRefine';
import { parseQuery } from '../../src/domain/ai/queryParser';
import { noProviderMessage, routeCandidates, routeChain, type RouteCandidate } from '../../src/domain/ai/router';
import { sampleFacts, type SampleFacts } from '../../src/domain/ai/sampleFacts';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';
import { row } from '../support/rows';

describe('prices', () => {
  it('finds the exact model row first, then a "*" row the user added; the published table has no catch-all rows', () => {
    expect(priceOf(DEFAULT_PRICES, 'openai', 'gpt-4o-mini', false)).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    // An unlisted cloud model has no price: guessing one could let the budget be overrun.
    expect(priceOf(DEFAULT_PRICES, 'openai', 'gpt-9-unlisted', false)).toBeNull();
    expect(priceOf(DEFAULT_PRICES, 'anthropic', 'claude-3-5-haiku-latest', false)).toEqual({ inputPerMillion: 0.8, outputPerMillion: 4 });
    // An exact row wins even when the '*' row comes first in the table.
    const table: ModelPrice[] = [
      { provider: 'groq', model: '*', inputPerMillion: 9, outputPerMillion: 9 },
      { provider: 'groq', model: 'small', inputPerMillion: 0.01, outputPerMillion: 0.02 },
    ];
    expect(priceOf(table, 'groq', 'small', false)).toEqual({ inputPerMillion: 0.01, outputPerMillion: 0.02 });
    expect(priceOf(table, 'groq', 'other', false)).toEqual({ inputPerMillion: 9, outputPerMillion: 9 });
  });

  it('prices unlisted local models as free and unlisted cloud models as unknown', () => {
    expect(priceOf(DEFAULT_PRICES, 'ollama', 'llama3.2', true)).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(priceOf(DEFAULT_PRICES, 'webllm', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', true)).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
    });
    expect(priceOf(DEFAULT_PRICES, 'custom', 'default', false)).toBeNull();
    expect(priceOf([], 'openai', 'gpt-4o-mini', false)).toBeNull();
    // A price row the user added for a local server is used, not "free".
    const table: ModelPrice[] = [{ provider: 'custom', model: 'big', inputPerMillion: 1, outputPerMillion: 2 }];
    expect(priceOf(table, 'custom', 'big', true)).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
  });

  it('costs tokens in dollars per million and blends three input tokens per output token', () => {
    const price = { inputPerMillion: 0.15, outputPerMillion: 0.6 };
    expect(costOf({ inputTokens: 1000, outputTokens: 500 }, price)).toBeCloseTo(0.00045, 12);
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, price)).toBeCloseTo(0.75, 12);
    expect(costOf({ inputTokens: 0, outputTokens: 0 }, price)).toBe(0);
    expect(blendedPrice(price)).toBeCloseTo(0.2625, 12);
  });

  it('formats dollars: $0, small costs with two significant digits, the rest in cents', () => {
    expect(formatDollars(0)).toBe('$0');
    expect(formatDollars(0.00045)).toBe('$0.00045');
    expect(formatDollars(0.0012)).toBe('$0.0012');
    expect(formatDollars(0.002)).toBe('$0.0020');
    expect(formatDollars(0.01)).toBe('$0.01');
    expect(formatDollars(1.5)).toBe('$1.50');
    expect(formatDollars(5)).toBe('$5.00');
  });
});

describe('budget', () => {
  it('starts the month at local midnight on the 1st', () => {
    const mid = new Date(2026, 2, 15, 13, 45, 10).getTime();
    expect(monthStart(mid)).toBe(new Date(2026, 2, 1).getTime());
    const first = new Date(2026, 2, 1).getTime();
    expect(monthStart(first)).toBe(first);
    expect(monthStart(new Date(2026, 3, 1).getTime() - 1)).toBe(first);
    expect(monthStart(new Date(2026, 0, 31, 23, 59).getTime())).toBe(new Date(2026, 0, 1).getTime());
  });

  it("uses the user's time zone, not UTC", () => {
    const saved = process.env.TZ;
    try {
      // 12:00 UTC on 31 March is 01:00 on 1 April in Auckland (UTC+13 until April's first Sunday).
      process.env.TZ = 'Pacific/Auckland';
      const at = Date.UTC(2026, 2, 31, 12);
      expect(new Date(at).getDate()).toBe(1); // the zone really changed
      expect(monthStart(at)).toBe(Date.UTC(2026, 2, 31, 11)); // 1 April 00:00 in Auckland
      process.env.TZ = 'America/Los_Angeles';
      // 03:00 UTC on 1 April is still 31 March (20:00) in Los Angeles.
      expect(monthStart(Date.UTC(2026, 3, 1, 3))).toBe(Date.UTC(2026, 2, 1, 8)); // 1 March 00:00 PST
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };

  it('counts the worst case generously: more messages, tools, tool calls and schemas mean more input tokens', () => {
    const small = worstCaseTokens(base, 1024);
    // A token per UTF-8 byte (5 bytes) plus 20 tokens of framing for the one message.
    expect(small).toEqual({ inputTokens: 5 + 20, outputTokens: 1024 });

    const longer = worstCaseTokens({ ...base, messages: [...base.messages, { role: 'assistant', content: 'x'.repeat(300) }] }, 1024);
    expect(longer.inputTokens).toBe(5 + 300 + 2 * 20);
    // Bytes, not characters: text in other scripts is never undercounted.
    const japanese = worstCaseTokens({ ...base, messages: [{ role: 'user', content: 'キックドラム' }] }, 1024);
    expect(japanese.inputTokens).toBe(18 + 20);

    const withTools = worstCaseTokens({ ...base, tools: [SEARCH_SAMPLES_TOOL] }, 1024);
    expect(withTools.inputTokens).toBeGreaterThan(small.inputTokens + JSON.stringify(SEARCH_SAMPLES_TOOL).length / 4);

    const withCalls = worstCaseTokens(
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c', name: 'search_samples', arguments: JSON.stringify({ text: 'x'.repeat(400) }) }],
          },
        ],
      },
      1024,
    );
    expect(withCalls.inputTokens).toBeGreaterThan(longer.inputTokens);

    const withSchema = worstCaseTokens(
      { ...base, responseSchema: { name: 's', schema: { type: 'object', description: 'y'.repeat(400) } } },
      1024,
    );
    expect(withSchema.inputTokens).toBeGreaterThan(small.inputTokens + 100);
  });

  it('counts every output token the request allows: its maxTokens, else the default', () => {
    expect(worstCaseTokens(base, 1024).outputTokens).toBe(1024);
    expect(worstCaseTokens(base, 77).outputTokens).toBe(77);
    expect(worstCaseTokens({ ...base, maxTokens: 300 }, 1024).outputTokens).toBe(300);
    expect(worstCaseTokens({ ...base, maxTokens: 4000 }, 1024).outputTokens).toBe(4000);
  });

  const price = { inputPerMillion: 1, outputPerMillion: 1 };
  const worstCase = { inputTokens: 1000, outputTokens: 1000 }; // $0.002 at $1 per million

  it('always allows free requests, even with the budget spent', () => {
    const check = checkBudget({
      spentThisMonth: 100,
      monthlyBudget: 5,
      price: { inputPerMillion: 0, outputPerMillion: 0 },
      worstCase: { inputTokens: 1e6, outputTokens: 1e6 },
      providerLabel: 'Ollama',
    });
    expect(check).toEqual({ allowed: true, worstCase: 0 });
  });

  it('allows a request whose worst case fits what is left, up to the last cent', () => {
    const within = checkBudget({ spentThisMonth: 1, monthlyBudget: 5, price, worstCase, providerLabel: 'OpenAI' });
    expect(within.allowed).toBe(true);
    expect(within.worstCase).toBeCloseTo(0.002, 12);
    const exact = checkBudget({ spentThisMonth: 0, monthlyBudget: 0.002, price, worstCase, providerLabel: 'OpenAI' });
    expect(exact.allowed).toBe(true);
  });

  it('refuses a request that could overrun the budget, naming the provider, the worst case and what is left', () => {
    const check = checkBudget({ spentThisMonth: 4.999, monthlyBudget: 5, price, worstCase, providerLabel: 'Anthropic' });
    expect(check.allowed).toBe(false);
    expect(check.worstCase).toBeCloseTo(0.002, 12);
    if (check.allowed) throw new Error('expected a refusal');
    expect(check.message).toContain('Anthropic');
    expect(check.message).toContain('up to $0.0020');
    expect(check.message).toContain('$0.0010 of this');
    expect(check.message).toContain('$5.00');

    const overspent = checkBudget({ spentThisMonth: 7, monthlyBudget: 5, price, worstCase, providerLabel: 'Groq' });
    expect(overspent.allowed).toBe(false);
    if (overspent.allowed) throw new Error('expected a refusal');
    expect(overspent.message).toContain('Groq');
    expect(overspent.message).toContain('$0 of this');
  });
});

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

describe('queryRefine', () => {
  const answer = {
    text: ' Punchy Dark ',
    kind: 'one-shot',
    categories: ['kick', 'kick', 'snare'],
    excludeCategories: ['vocal'],
    bpm: { min: 120, max: 130 },
    key: { tonic: 'Eb', scale: 'minor' },
    duration: { min: null, max: 2 },
    excludeWords: ['Reverb', 3],
  };
  const expected = {
    text: 'punchy dark',
    kind: 'one-shot',
    categories: ['kick', 'snare'],
    excludeCategories: ['vocal'],
    bpm: { min: 120, max: 130 },
    key: { tonic: 'D#', scale: 'minor' },
    duration: { min: null, max: 2 },
    excludeWords: ['reverb'],
  };
  const reasonOf = (value: unknown): string => {
    const result = validateRefinedQuery(typeof value === 'string' ? value : JSON.stringify(value));
    if (result.ok) throw new Error(`expected a refusal of ${JSON.stringify(value)}`);
    return result.reason;
  };

  it('accepts a good answer, spelling flats as sharps and normalising words', () => {
    expect(validateRefinedQuery(JSON.stringify(answer))).toEqual({ ok: true, query: expected });
  });

  it('accepts an answer inside a ```json fence', () => {
    expect(validateRefinedQuery('```json\n' + JSON.stringify(answer, null, 2) + '\n```')).toEqual({ ok: true, query: expected });
    expect(validateRefinedQuery('```\n' + JSON.stringify(answer) + '\n```')).toEqual({ ok: true, query: expected });
  });

  it('reads missing and null fields as "nothing said"', () => {
    expect(validateRefinedQuery('{"text":"warm"}')).toEqual({
      ok: true,
      query: { text: 'warm', kind: null, categories: [], excludeCategories: [], bpm: null, key: null, duration: null, excludeWords: [] },
    });
    const result = validateRefinedQuery(JSON.stringify({ ...answer, bpm: { min: null, max: null }, key: { tonic: 'a', scale: null } }));
    expect(result.ok && result.query.bpm).toBeNull();
    expect(result.ok && result.query.key).toEqual({ tonic: 'A', scale: null });
  });

  it('rejects unknown categories, with the reason', () => {
    expect(reasonOf({ ...answer, categories: ['kicks'] })).toBe('categories names an unknown category "kicks"');
    expect(reasonOf({ ...answer, excludeCategories: ['kick', 'violin'] })).toBe('excludeCategories names an unknown category "violin"');
    expect(reasonOf({ ...answer, categories: 'kick' })).toBe('categories is not a list');
  });

  it('rejects an unknown kind', () => {
    expect(reasonOf({ ...answer, kind: 'loopz' })).toBe('kind "loopz" is unknown');
    expect(reasonOf({ ...answer, kind: 3 })).toBe('kind 3 is unknown');
  });

  it('rejects tempos outside 20–400 bpm and ranges that run backwards', () => {
    expect(reasonOf({ ...answer, bpm: { min: 10, max: 130 } })).toBe('bpm has 10, outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: 120, max: 401 } })).toBe('bpm has 401, outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: '120', max: null } })).toBe('bpm has "120", outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: 140, max: 120 } })).toBe('bpm runs backwards');
    expect(reasonOf({ ...answer, duration: { min: 5, max: 1 } })).toBe('duration runs backwards');
    expect(reasonOf({ ...answer, bpm: 120 })).toBe('bpm is not a range');
    expect(validateRefinedQuery(JSON.stringify({ ...answer, bpm: { min: 20, max: 400 } })).ok).toBe(true);
  });

  it('rejects answers that are not JSON or not a query object', () => {
    expect(reasonOf('Sure! Here is the query you asked for.')).toBe('the answer is not JSON');
    expect(reasonOf('')).toBe('the answer is not JSON');
    expect(reasonOf([answer])).toBe('the answer is not an object');
    expect(reasonOf('null')).toBe('the answer is not an object');
    expect(reasonOf({ ...answer, text: undefined })).toBe('text is missing');
  });

  it('rejects keys that are not notes or scales', () => {
    expect(reasonOf({ ...answer, key: { tonic: 'H', scale: 'minor' } })).toBe('key tonic "H" is not a note');
    expect(reasonOf({ ...answer, key: { tonic: 'A', scale: 'dorian' } })).toBe('scale "dorian" is unknown');
    expect(reasonOf({ ...answer, key: { scale: 'minor' } })).toBe('key has no tonic');
  });

  it("asks with the search and the parser's reading", () => {
    const parsed = parseQuery('dark kick 120 bpm');
    const messages = refineQueryMessages('dark kick 120 bpm', parsed);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1]!.content).toContain('"dark kick 120 bpm"');
    expect(messages[1]!.content).toContain(JSON.stringify(parsed));
  });
});

describe('sampleFacts', () => {
  const kick = row(
    7,
    'Drums/Kicks/Big Kick 01.wav',
    { category: 'kick', kind: 'one-shot', duration: 0.34567, loudnessLufs: -8.04, bpm: 127.96, rootMidi: 36, key: 'A', scale: 'minor' },
    { tags: ['punchy'] },
  );

  it('includes the file name only when allowed', () => {
    expect(sampleFacts(kick, { includeName: false })).not.toHaveProperty('name');
    expect(sampleFacts(kick, { includeName: true }).name).toBe('Big Kick 01.wav');
    expect(JSON.stringify(sampleFacts(kick, { includeName: false }))).not.toContain('Kick 01');
  });

  it('sends the analysed values and tags, rounded, and nothing about the audio or its path', () => {
    const facts = sampleFacts(kick, { includeName: false });
    expect(facts).toEqual({
      id: 7,
      kind: 'one-shot',
      category: 'kick',
      bpm: 128,
      key: 'A minor',
      rootNote: 'C2',
      duration: 0.35,
      loudness: -8,
      tags: ['punchy'],
    });
    expect(Object.keys(facts).sort()).toEqual(['bpm', 'category', 'duration', 'id', 'key', 'kind', 'loudness', 'rootNote', 'tags']);
    const text = JSON.stringify(sampleFacts(kick, { includeName: true }));
    for (const field of ['path', 'dir', 'Drums', 'sampleRate', 'channels', 'peakDbfs', 'format', 'peaks', 'embedding'])
      expect(text).not.toContain(field);
    expect(facts.tags).not.toBe(kick.tags);
  });

  it('rounds bpm and loudness to one decimal and duration to two', () => {
    const facts = sampleFacts(row(1, 'a.wav', { bpm: 93.456, duration: 12.3456, loudnessLufs: -14.26 }), { includeName: false });
    expect([facts.bpm, facts.duration, facts.loudness]).toEqual([93.5, 12.35, -14.3]);
  });

  it('reports nulls for what was not analysed', () => {
    expect(sampleFacts(row(3, 'x.wav', null), { includeName: false })).toEqual({
      id: 3,
      kind: null,
      category: null,
      bpm: null,
      key: null,
      rootNote: null,
      duration: null,
      loudness: null,
      tags: [],
    });
    const keyOnly = sampleFacts(row(4, 'y.wav', { key: 'F#', scale: null, loudnessLufs: null }), { includeName: false });
    expect(keyOnly.key).toBe('F#');
    expect(keyOnly.loudness).toBeNull();
    expect(keyOnly.rootNote).toBeNull();
  });
});

describe('kitTools', () => {
  const read = (json: string): SearchSamplesArguments => {
    const result = readSearchArguments(json);
    if (typeof result === 'string') throw new Error(result);
    return result;
  };

  it('maps the arguments to a library query', () => {
    const args = read(
      JSON.stringify({
        categories: ['kick', 'snare', 'kicks', 7],
        kind: 'loop',
        bpmMin: 120,
        bpmMax: 130,
        key: 'A minor',
        text: 'lofi',
        limit: 4,
      }),
    );
    expect(args).toEqual({
      query: {
        ...EMPTY_QUERY,
        text: 'lofi',
        kind: 'loop',
        categories: ['kick', 'snare'],
        bpm: { min: 120, max: 130, halfDouble: true },
        key: { tonic: 'A', scale: 'minor', compatible: true },
      },
      limit: 4,
    });
  });

  it('reads keys in the usual spellings', () => {
    expect(read('{"key":"F#"}').query.key).toEqual({ tonic: 'F#', scale: 'major', compatible: true });
    expect(read('{"key":"Am"}').query.key).toEqual({ tonic: 'A', scale: 'minor', compatible: true });
    expect(read('{"key":"Bb min"}').query.key).toEqual({ tonic: 'A#', scale: 'minor', compatible: true });
    expect(read('{"key":"eb major"}').query.key).toEqual({ tonic: 'D#', scale: 'major', compatible: true });
    expect(read('{"key":"H minor"}').query.key).toBeNull();
    expect(read('{"key":"A dorian"}').query.key).toBeNull();
  });

  it('clamps the limit to 1–10, six by default', () => {
    expect(read('{}').limit).toBe(6);
    expect(read('{"limit":50}').limit).toBe(10);
    expect(read('{"limit":0}').limit).toBe(1);
    expect(read('{"limit":-3}').limit).toBe(1);
    expect(read('{"limit":3.6}').limit).toBe(4);
    expect(read('{"limit":"9"}').limit).toBe(6);
  });

  it('drops unknown categories and kinds, and keeps open what was not given', () => {
    const args = read('{"categories":["violin"],"kind":"drum","bpmMin":"fast","text":' + JSON.stringify('w'.repeat(200)) + '}');
    expect(args.query.categories).toEqual([]);
    expect(args.query.kind).toBeNull();
    expect(args.query.bpm).toEqual({ min: null, max: null, halfDouble: true });
    expect(args.query.text).toHaveLength(80);
    expect(read('').query).toEqual({ ...EMPTY_QUERY, bpm: { min: null, max: null, halfDouble: true } });
  });

  it('says what is wrong with arguments that are not a JSON object', () => {
    expect(readSearchArguments('{"kind": "loop"')).toBe('the arguments are not JSON');
    expect(readSearchArguments('kick please')).toBe('the arguments are not JSON');
    expect(readSearchArguments('[1,2]')).toBe('the arguments are not an object');
    expect(readSearchArguments('"kick"')).toBe('the arguments are not an object');
  });

  it('keeps the ids the tools returned, in order, and reports invented ones', () => {
    const returned = new Set([7, 12, 30]);
    expect(referencedSampleIds('Try [#12] with #7; then [#99], #12 again and #4.', returned)).toEqual({ ids: [12, 7], invented: [99, 4] });
    expect(referencedSampleIds('Nothing fits, try searching for "vinyl".', returned)).toEqual({ ids: [], invented: [] });
    expect(referencedSampleIds('[#300] is not [#30]', returned)).toEqual({ ids: [30], invented: [300] });
  });
});

describe('describe', () => {
  const facts = (over: Partial<SampleFacts>): SampleFacts => ({
    id: 1,
    kind: 'one-shot',
    category: 'kick',
    bpm: null,
    key: null,
    rootNote: null,
    duration: 0.5,
    loudness: -14,
    tags: [],
    ...over,
  });

  it('words the analysed values: length, loudness, heard words, and a description', () => {
    const proposal = proposeFromValues(facts({ id: 4, duration: 0.18, loudness: -6, rootNote: 'C2', tags: ['punchy'] }), [
      'Punchy',
      'Boomy  Low',
    ]);
    expect(proposal).toEqual({ id: 4, tags: ['short', 'loud', 'boomy-low'], description: 'Short, loud kick one-shot, root C2, 0.18 s.' });

    const quiet = proposeFromValues(facts({ duration: 3, loudness: -30 }));
    expect(quiet.tags).toEqual(['long', 'quiet']);
    expect(quiet.description).toBe('Long, quiet kick one-shot, 3 s.');
  });

  it('describes loops by tempo and key, without one-shot length words', () => {
    const loop = proposeFromValues(
      facts({ kind: 'loop', category: 'drum-loop', bpm: 127.6, key: 'A minor', rootNote: 'A3', duration: 7.5, loudness: -14 }),
    );
    expect(loop).toEqual({ id: 1, tags: [], description: 'Drum-loop loop, 128 BPM, A minor, 7.5 s.' });
    const bare = proposeFromValues(facts({ kind: null, category: null, duration: null, loudness: null }));
    expect(bare.description).toBe('Sample.');
  });

  it('caps the tags at five', () => {
    const many = proposeFromValues(facts({}), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(many.tags).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("reads a model's proposals: only the batch's ids, once each, tags normalised and capped", () => {
    const answer = JSON.stringify({
      samples: [
        { id: 1, tags: ['Warm', 'warm', '  Dusty Vinyl ', '#lofi', 5, 'a', 'b', 'c'], description: '  A warm, dusty kick.  ' },
        { id: 1, tags: ['duplicate'], description: 'second answer for 1' },
        { id: 99, tags: ['foreign'], description: 'not in this batch' },
        { id: '2', tags: ['string id'], description: 'id as text' },
        { id: 2, tags: 'gritty', description: 42 },
        { id: 3, tags: [], description: 'd'.repeat(300) },
        'junk',
      ],
    });
    expect(readProposals(answer, new Set([1, 2, 3]))).toEqual([
      { id: 1, tags: ['warm', 'dusty-vinyl', 'lofi', 'a', 'b'], description: 'A warm, dusty kick.' },
      { id: 2, tags: [], description: '' },
      { id: 3, tags: [], description: 'd'.repeat(140) },
    ]);
  });

  it('accepts a bare list or a fenced answer, and returns null for anything unreadable', () => {
    const list = [{ id: 5, tags: ['dark'], description: 'Dark.' }];
    expect(readProposals(JSON.stringify(list), new Set([5]))).toEqual(list);
    expect(readProposals('```json\n' + JSON.stringify({ samples: list }) + '\n```', new Set([5]))).toEqual(list);
    expect(readProposals('Here are some tags: dark, warm', new Set([5]))).toBeNull();
    expect(readProposals('{"samples":"none"}', new Set([5]))).toBeNull();
    expect(readProposals('42', new Set([5]))).toBeNull();
    expect(readProposals('{"samples":[]}', new Set([5]))).toEqual([]);
  });
});
