import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AiService, type AiLogEntry } from '../../src/ai/aiService';
import { KeyVault } from '../../src/ai/keyVault';
import { createHttpProvider } from '../../src/ai/providers/index';
import { describeSamples } from '../../src/ai/tasks/describeSamples';
import { KitConversation } from '../../src/ai/tasks/kitAssistant';
import { refineSearch } from '../../src/ai/tasks/refineSearch';
import { AiRepository } from '../../src/db/aiRepository';
import { SampleMindDatabase, type AiRequestRecord } from '../../src/db/schema';
import type { AiPriority, AiSettings } from '../../src/domain/ai/aiSettings';
import { worstCaseTokens } from '../../src/domain/ai/budget';
import type { ChatMessage, ProviderId } from '../../src/domain/ai/chat';
import { proposeFromValues } from '../../src/domain/ai/describe';
import type { SearchSamplesArguments } from '../../src/domain/ai/kitTools';
import { costOf, DEFAULT_PRICES, priceOf } from '../../src/domain/ai/prices';
import { parseQuery } from '../../src/domain/ai/queryParser';
import { sampleFacts, type SampleFacts } from '../../src/domain/ai/sampleFacts';
import { SampleMindError } from '../../src/domain/errors';
import {
  errorReply,
  hangReply,
  jsonReply,
  startAiServer,
  textReply,
  toolCallsReply,
  type AiServer,
  type AiWireFormat,
  type RecordedRequest,
} from '../support/aiServers';
import { row } from '../support/rows';

const KEYS = {
  openai: 'sk-proj-OPENAI-secret-0123456789abcdef',
  anthropic: 'sk-ant-api03-ANTHROPIC-secret-0123456789',
  gemini: 'AIzaSy-GEMINI-secret-0123456789abcdef',
  deepseek: 'sk-DEEPSEEK-secret-0123456789abcdef',
} as const;
const ALL_KEYS: string[] = Object.values(KEYS);
const PASSPHRASE = 'correct horse battery staple';

let dbCount = 0;
const databases: SampleMindDatabase[] = [];
const servers: AiServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const db of databases.splice(0)) {
    db.close();
    await db.delete();
  }
});

function freshDatabase(): { db: SampleMindDatabase; repo: AiRepository } {
  const db = new SampleMindDatabase(`ai-service-test-${++dbCount}-${Date.now()}`);
  databases.push(db);
  return { db, repo: new AiRepository(db) };
}

async function serve(format: AiWireFormat, apiKey?: string): Promise<AiServer> {
  const server = await startAiServer(format, apiKey === undefined ? {} : { apiKey });
  servers.push(server);
  return server;
}

/** The SampleMindError the promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<SampleMindError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SampleMindError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

interface Setup {
  db: SampleMindDatabase;
  repo: AiRepository;
  vault: KeyVault;
  service: AiService;
}

interface SetupOptions {
  keys?: Partial<Record<ProviderId, string>>;
  /** Providers to enable, each at a mock server (or any base URL). */
  providers?: Partial<Record<ProviderId, string | AiServer>>;
  priority?: AiPriority;
  monthlyBudget?: number;
  now?: () => number;
}

async function setup(options: SetupOptions = {}): Promise<Setup> {
  const { db, repo } = freshDatabase();
  const vault = new KeyVault(repo);
  const service = new AiService({
    store: repo,
    vault,
    createProvider: (id, connection) => createHttpProvider({ id, ...connection }),
    webLlmReady: () => false,
    ...(options.now ? { now: options.now } : {}),
  });
  await service.load();
  for (const [provider, key] of Object.entries(options.keys ?? {})) await vault.setKey(provider as ProviderId, key);
  const enabled = options.providers ?? {};
  const patch: Partial<AiSettings> = {
    providers: service.settings.providers.map((provider) => {
      const at = enabled[provider.id];
      if (at === undefined) return provider;
      return { ...provider, enabled: true, baseUrl: typeof at === 'string' ? at : at.baseUrl };
    }),
  };
  if (options.priority) patch.priority = options.priority;
  if (options.monthlyBudget !== undefined) patch.monthlyBudget = options.monthlyBudget;
  await service.saveSettings(patch);
  return { db, repo, vault, service };
}

/** The request log, oldest first. */
const logOf = (db: SampleMindDatabase): Promise<AiRequestRecord[]> => db.aiRequests.orderBy('id').toArray();

const ask = (text = 'Name a punchy kick.'): { messages: ChatMessage[]; maxTokens: number } => ({
  messages: [{ role: 'user', content: text }],
  maxTokens: 64,
});

/** Everything stored, as text: strings as they are, byte buffers as latin1, so a stored secret shows up whatever its shape. */
function rawText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('latin1');
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  if (Array.isArray(value)) return value.map(rawText).join('\n');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${k}=${rawText(v)}`)
      .join('\n');
  return String(value);
}

describe('KeyVault over IndexedDB', () => {
  it('stores keys as typed (trimmed) without a passphrase, and removes a key set to blank', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    expect(vault.state).toBe('open');
    await vault.setKey('openai', `  ${KEYS.openai}  `);
    await vault.setKey('gemini', KEYS.gemini);
    expect(await db.aiKeys.orderBy('provider').toArray()).toEqual([
      { provider: 'gemini', plain: KEYS.gemini },
      { provider: 'openai', plain: KEYS.openai },
    ]);
    expect(await db.aiState.get('vault')).toBeUndefined();

    const reloaded = new KeyVault(repo);
    await reloaded.load();
    expect(reloaded.state).toBe('open');
    expect(reloaded.get('openai')).toBe(KEYS.openai);
    expect([...reloaded.usableProviders()].sort()).toEqual(['gemini', 'openai']);

    await reloaded.setKey('gemini', '   ');
    expect(await db.aiKeys.toArray()).toEqual([{ provider: 'openai', plain: KEYS.openai }]);
    expect(reloaded.get('gemini')).toBeUndefined();
  });

  it('seals keys with a passphrase: nothing plain is stored, a fresh vault is locked until the right passphrase unlocks it', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('openai', KEYS.openai);
    await vault.setKey('anthropic', KEYS.anthropic);
    await expect(vault.setPassphrase('short')).rejects.toMatchObject({ code: 'usage' });
    await vault.setPassphrase(PASSPHRASE);
    expect(vault.state).toBe('unlocked');
    expect(vault.get('openai')).toBe(KEYS.openai); // still usable in this session

    const records = await db.aiKeys.orderBy('provider').toArray();
    expect(records.map((r) => r.provider)).toEqual(['anthropic', 'openai']);
    for (const record of records) {
      expect(record.plain).toBeUndefined();
      expect(record.sealed).toBeDefined();
      expect(record.sealed!.iv.byteLength).toBe(12);
      // AES-GCM: the ciphertext is the key's length plus a 16-byte tag.
      expect(record.sealed!.data.byteLength).toBe(KEYS[record.provider as 'openai' | 'anthropic'].length + 16);
    }
    const stored = rawText([records, await db.aiState.toArray()]);
    for (const key of [KEYS.openai, KEYS.anthropic, 'OPENAI-secret', 'ANTHROPIC-secret', PASSPHRASE]) expect(stored).not.toContain(key);
    const meta = (await db.aiState.get('vault'))?.value as { salt: Uint8Array; iterations: number } | undefined;
    expect(meta?.salt.byteLength).toBe(16);
    expect(meta?.iterations).toBeGreaterThanOrEqual(100_000);

    // A new session: the keys are there but locked.
    const fresh = new KeyVault(repo);
    await fresh.load();
    expect(fresh.state).toBe('locked');
    expect(fresh.usableProviders().size).toBe(0);
    expect(fresh.get('openai')).toBeUndefined();
    expect([...fresh.storedProviders()].sort()).toEqual(['anthropic', 'openai']);
    await expect(fresh.setKey('gemini', KEYS.gemini)).rejects.toMatchObject({ code: 'ai_locked' });

    const wrong = await failureOf(fresh.unlock('not the passphrase'));
    expect(wrong.code).toBe('ai_locked');
    expect(wrong.message).toMatch(/passphrase/);
    expect(fresh.state).toBe('locked');
    expect(fresh.usableProviders().size).toBe(0);

    let notified = 0;
    fresh.subscribe(() => notified++);
    await fresh.unlock(PASSPHRASE);
    expect(notified).toBeGreaterThan(0);
    expect(fresh.state).toBe('unlocked');
    expect(fresh.get('openai')).toBe(KEYS.openai);
    expect(fresh.get('anthropic')).toBe(KEYS.anthropic);
    expect([...fresh.usableProviders()].sort()).toEqual(['anthropic', 'openai']);

    fresh.lock();
    expect(fresh.state).toBe('locked');
    expect(fresh.get('openai')).toBeUndefined();
  }, 60_000);

  it('stores the keys plain again when the passphrase is removed', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('gemini', KEYS.gemini);
    await vault.setPassphrase(PASSPHRASE);
    expect((await db.aiKeys.toArray())[0]!.plain).toBeUndefined();

    await vault.removePassphrase();
    expect(vault.state).toBe('open');
    expect(await db.aiKeys.toArray()).toEqual([{ provider: 'gemini', plain: KEYS.gemini }]);
    expect(await db.aiState.get('vault')).toBeUndefined();
    const reloaded = new KeyVault(repo);
    await reloaded.load();
    expect(reloaded.state).toBe('open');
    expect(reloaded.get('gemini')).toBe(KEYS.gemini);
  }, 60_000);

  it('never loses a sealed key when an unlocked vault is loaded again', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('openai', KEYS.openai);
    await vault.setPassphrase(PASSPHRASE);
    await vault.load(); // e.g. AiService.load() run a second time in the same session
    // Either still unlocked with its keys, or locked again: never "unlocked" with the keys forgotten.
    if (vault.state === 'unlocked') expect(vault.get('openai')).toBe(KEYS.openai);
    else expect(vault.state).toBe('locked');
    await vault.setKey('groq', 'gsk-GROQ-secret-0123456789').catch((error: unknown) => expect(error).toMatchObject({ code: 'ai_locked' }));
    expect((await db.aiKeys.toArray()).map((r) => r.provider)).toContain('openai');
    const fresh = new KeyVault(repo);
    await fresh.load();
    await fresh.unlock(PASSPHRASE);
    expect(fresh.get('openai')).toBe(KEYS.openai);
  }, 60_000);

  it('keeps a locked vault’s cloud providers out of the routing until it is unlocked', async () => {
    const openai = await serve('openai', KEYS.openai);
    const first = await setup({ keys: { openai: KEYS.openai }, providers: { openai }, priority: 'speed' });
    await first.vault.setPassphrase(PASSPHRASE);

    // A new session over the same database.
    const vault = new KeyVault(first.repo);
    const service = new AiService({
      store: first.repo,
      vault,
      createProvider: (id, connection) => createHttpProvider({ id, ...connection }),
      webLlmReady: () => false,
    });
    await service.load();
    expect(vault.state).toBe('locked');
    expect(service.available()).toBe(false);
    expect((await failureOf(service.chat('test', ask()))).code).toBe('ai_no_provider');
    expect(openai.requests).toHaveLength(0);

    await vault.unlock(PASSPHRASE);
    expect(service.chain().map((c) => c.id)).toEqual(['openai']);
    openai.reply(textReply('Unlocked answer.'));
    expect((await service.chat('test', ask())).response.text).toBe('Unlocked answer.');
    expect(openai.requests[0]!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
  }, 60_000);
});

describe('AiService', () => {
  it('with the default privacy priority and only a cloud key, refuses with ai_no_provider and says why', async () => {
    const openai = await serve('openai', KEYS.openai);
    const { db, service } = await setup({ keys: { openai: KEYS.openai }, providers: { openai } });
    expect(service.settings.priority).toBe('privacy');
    expect(service.available()).toBe(false);
    const error = await failureOf(service.chat('test', ask()));
    expect(error.code).toBe('ai_no_provider');
    expect(error.message).toMatch(/Private mode uses only local models/);
    expect(openai.requests).toHaveLength(0);
    expect(await logOf(db)).toEqual([]);
  });

  it('routes by speed to the enabled cloud provider and logs exactly what was sent, the tokens and the cost', async () => {
    const openai = await serve('openai', KEYS.openai);
    const { db, service } = await setup({
      keys: { openai: KEYS.openai }, // anthropic is enabled but has no key: skipped
      providers: { openai, anthropic: 'http://127.0.0.1:9/v1' },
      priority: 'speed',
    });
    openai.reply(textReply('A punchy kick.', { usage: { inputTokens: 120, outputTokens: 30 } }));
    const deltas: string[] = [];
    const answer = await service.chat('search', ask(), { onText: (delta) => deltas.push(delta) });

    expect(answer.provider).toBe('openai');
    expect(answer.model).toBe('gpt-4o-mini');
    expect(answer.response.text).toBe('A punchy kick.');
    expect(deltas.join('')).toBe('A punchy kick.');
    expect(openai.requests).toHaveLength(1);
    const request = openai.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.model).toBe('gpt-4o-mini');
    expect(request.lastUserText).toBe('Name a punchy kick.');

    const log = await logOf(db);
    expect(log).toHaveLength(1);
    const entry = log[0]!;
    const cost = costOf({ inputTokens: 120, outputTokens: 30 }, priceOf(DEFAULT_PRICES, 'openai', 'gpt-4o-mini', false)!);
    expect(entry).toMatchObject({
      task: 'search',
      provider: 'openai',
      model: 'gpt-4o-mini',
      url: `${openai.baseUrl}/chat/completions`,
      status: 'ok',
      inputTokens: 120,
      outputTokens: 30,
    });
    expect(entry.body).toBe(request.body);
    expect(entry.cost).toBeGreaterThan(0);
    expect(entry.cost).toBeCloseTo(cost, 15);
    expect(entry.error).toBeUndefined();
    expect(await service.spentThisMonth()).toBeCloseTo(cost, 15);
  });

  it('falls back to the next provider when the first keeps failing, logging the failure then the answer', async () => {
    const gemini = await serve('gemini', KEYS.gemini);
    const openai = await serve('openai', KEYS.openai);
    const { db, service } = await setup({
      keys: { gemini: KEYS.gemini, openai: KEYS.openai },
      providers: { gemini, openai },
      priority: 'speed',
    });
    expect(service.chain().map((c) => c.id)).toEqual(['gemini', 'openai']);
    const outage = errorReply(500, { message: 'Internal error encountered.', headers: { 'retry-after-ms': '0' } });
    gemini.reply(outage, outage);
    openai.reply(textReply('Fallback answer.'));

    const answer = await service.chat('test', ask(), { retries: 1, timeoutMs: 5000 });
    expect(answer.provider).toBe('openai');
    expect(answer.response.text).toBe('Fallback answer.');
    expect(gemini.requests).toHaveLength(2); // the first try and one retry
    expect(openai.requests).toHaveLength(1);

    const log = await logOf(db);
    expect(log.map((e) => [e.provider, e.status])).toEqual([
      ['gemini', 'failed'],
      ['openai', 'ok'],
    ]);
    expect(log[0]!.url).toBe(`${gemini.baseUrl}/models/gemini-2.0-flash:streamGenerateContent?alt=sse`);
    expect(log[0]!.body).toBe(gemini.requests[1]!.body);
    expect(log[0]!.error).toMatch(/Google Gemini is unavailable \(500\)/);
    expect(log[0]!.cost).toBe(0);
    expect(log[1]!.body).toBe(openai.requests[0]!.body);
  });

  it('reports every failure when the whole chain fails', async () => {
    const gemini = await serve('gemini', KEYS.gemini);
    const openai = await serve('openai', KEYS.openai);
    const { db, service } = await setup({
      keys: { gemini: KEYS.gemini, openai: KEYS.openai },
      providers: { gemini, openai },
      priority: 'speed',
    });
    gemini.reply(errorReply(503));
    openai.reply(errorReply(429, { headers: { 'retry-after-ms': '0' } }));
    const error = await failureOf(service.chat('test', ask(), { retries: 0, timeoutMs: 5000 }));
    expect(error.code).toBe('ai_rate_limited');
    expect(error.message).toContain('Google Gemini:');
    expect(error.message).toContain('OpenAI:');
    expect((await logOf(db)).map((e) => e.status)).toEqual(['failed', 'failed']);
  });

  it('refuses a cloud request its budget cannot cover without sending it, while a local server still answers', async () => {
    const openai = await serve('openai', KEYS.openai);
    const ollama = await serve('openai');
    const { db, service } = await setup({
      keys: { openai: KEYS.openai },
      providers: { openai },
      priority: 'speed',
      monthlyBudget: 0.00001,
    });

    const refused = await failureOf(service.chat('test', ask()));
    expect(refused.code).toBe('ai_over_budget');
    expect(refused.message).toContain('OpenAI');
    expect(refused.message).toMatch(/could cost up to \$0\.0\d+/);
    expect(refused.message).toContain('$0.000010 of this month');
    expect(openai.requests).toHaveLength(0);

    // An Ollama server on this machine: free, so the budget does not apply.
    await service.saveSettings({
      providers: service.settings.providers.map((p) => (p.id === 'ollama' ? { ...p, enabled: true, baseUrl: ollama.baseUrl } : p)),
    });
    expect(service.chain().map((c) => [c.id, c.local])).toEqual([
      ['openai', false],
      ['ollama', true],
    ]);
    ollama.reply(textReply('Local answer.'));
    const answer = await service.chat('test', ask());
    expect(answer.provider).toBe('ollama');
    expect(answer.response.text).toBe('Local answer.');
    expect(openai.requests).toHaveLength(0);
    expect(ollama.requests).toHaveLength(1);
    expect(ollama.requests[0]!.headers.authorization).toBeUndefined();

    const log = await logOf(db);
    expect(log.map((e) => [e.provider, e.status])).toEqual([
      ['openai', 'refused'],
      ['openai', 'refused'],
      ['ollama', 'ok'],
    ]);
    expect(log[0]).toMatchObject({ url: '', body: '', cost: 0 });
    expect(log[0]!.error).toContain('OpenAI');
    expect(log[2]!.cost).toBe(0);
    expect(log[2]!.url).toBe(`${ollama.baseUrl}/chat/completions`);
  });

  it('counts this month’s logged spending (and only this month’s) against the budget', async () => {
    const now = new Date(2026, 5, 15, 12, 0).getTime();
    const openai = await serve('openai', KEYS.openai);
    const { repo, service } = await setup({
      keys: { openai: KEYS.openai },
      providers: { openai },
      priority: 'speed',
      monthlyBudget: 1,
      now: () => now,
    });
    const entry = (at: number, cost: number): AiLogEntry => ({
      at,
      task: 'test',
      provider: 'openai',
      model: 'gpt-4o-mini',
      url: 'u',
      body: 'b',
      status: 'ok',
      inputTokens: 1,
      outputTokens: 1,
      cost,
      durationMs: 1,
    });
    await repo.logRequest(entry(new Date(2026, 4, 31, 23, 59).getTime(), 1)); // last month
    await repo.logRequest(entry(new Date(2026, 5, 1).getTime(), 0.25)); // the first moment of this month
    await repo.logRequest(entry(new Date(2026, 5, 14).getTime(), 0.5));
    expect(await service.spentThisMonth()).toBeCloseTo(0.75, 12);

    // $0.25 left covers a small request (it would not if last month's dollar counted).
    openai.reply(textReply('Within budget.', { usage: { inputTokens: 100, outputTokens: 10 } }));
    expect((await service.chat('test', ask())).provider).toBe('openai');
    const spent = await service.spentThisMonth();
    expect(spent).toBeCloseTo(0.75 + costOf({ inputTokens: 100, outputTokens: 10 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 }), 12);

    // Spend all but a thousandth of a cent: the next request's worst case no longer fits.
    await repo.logRequest(entry(new Date(2026, 5, 15).getTime(), 1 - spent - 0.00001));
    expect(await service.spentThisMonth()).toBeCloseTo(0.99999, 12);
    expect((await failureOf(service.chat('test', ask()))).code).toBe('ai_over_budget');
    expect(openai.requests).toHaveLength(1);
  });

  it('reserves the worst case of requests in flight, so concurrent requests cannot overrun the budget together', async () => {
    const openai = await serve('openai', KEYS.openai);
    const request = ask('Name a snare.');
    const worst = costOf(worstCaseTokens({ ...request, model: 'gpt-4o-mini' }, 1024), { inputPerMillion: 0.15, outputPerMillion: 0.6 });
    const { db, service } = await setup({
      keys: { openai: KEYS.openai },
      providers: { openai },
      priority: 'speed',
      monthlyBudget: worst * 1.5,
    });
    openai.setDefault(textReply('A crisp snare.', { chunks: 5, delayMs: 30, usage: { inputTokens: 10, outputTokens: 5 } }));

    const results = await Promise.allSettled([service.chat('test', request), service.chat('test', request)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((rejected.reason as SampleMindError).code).toBe('ai_over_budget');
    expect(openai.requests).toHaveLength(1);

    // Once the first has finished, only its real (small) cost counts: another request fits.
    expect((await service.chat('test', request)).response.text).toBe('A crisp snare.');
    expect((await logOf(db)).map((e) => e.status).sort()).toEqual(['ok', 'ok', 'refused']);
  });

  it('stops at a cancel mid-answer: logged as cancelled, no fallback to the next provider', async () => {
    const openai = await serve('openai', KEYS.openai);
    const deepseek = await serve('openai', KEYS.deepseek);
    const { db, service } = await setup({
      keys: { openai: KEYS.openai, deepseek: KEYS.deepseek },
      providers: { openai, deepseek },
      priority: 'speed',
    });
    expect(service.chain().map((c) => c.id)).toEqual(['openai', 'deepseek']);
    openai.reply(textReply('kick '.repeat(40), { chunks: 20, delayMs: 40 }));
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await failureOf(
      service.chat('assistant', ask(), {
        signal: controller.signal,
        timeoutMs: 5000,
        onText: (delta) => {
          deltas.push(delta);
          controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.length).toBeLessThan(20);
    expect(deepseek.requests).toHaveLength(0);
    const log = await logOf(db);
    expect(log.map((e) => [e.provider, e.status])).toEqual([['openai', 'cancelled']]);
    expect(log[0]!.body).toBe(openai.requests[0]!.body);
  });

  it('does not fall back when cancelled before any answer text arrived', async () => {
    const openai = await serve('openai', KEYS.openai);
    const deepseek = await serve('openai', KEYS.deepseek);
    const { db, service } = await setup({
      keys: { openai: KEYS.openai, deepseek: KEYS.deepseek },
      providers: { openai, deepseek },
      priority: 'speed',
    });
    openai.reply(hangReply());
    const controller = new AbortController();
    const pending = failureOf(service.chat('assistant', ask(), { signal: controller.signal, timeoutMs: 10_000, retries: 2 }));
    await openai.waitForRequests(1);
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('cancelled');
    expect(openai.requests).toHaveLength(1); // no retry either
    expect(deepseek.requests).toHaveLength(0);
    expect((await logOf(db)).map((e) => [e.provider, e.status])).toEqual([['openai', 'cancelled']]);
  });

  it('sends each provider only its own key, and never logs a key', async () => {
    const openai = await serve('openai', KEYS.openai);
    const anthropic = await serve('anthropic', KEYS.anthropic);
    const { db, service } = await setup({
      keys: { openai: KEYS.openai, anthropic: KEYS.anthropic },
      providers: { openai, anthropic },
      priority: 'quality', // anthropic first, then openai
    });
    expect(service.chain().map((c) => c.id)).toEqual(['anthropic', 'openai']);
    // Anthropic refuses the first request with a message that echoes the key back.
    anthropic.reply(errorReply(400, { message: `Bad request for key ${KEYS.anthropic}` }), textReply('Claude answer.'));
    openai.reply(textReply('OpenAI answer.'));

    expect((await service.chat('test', ask())).provider).toBe('openai'); // after Anthropic's refusal
    expect((await service.chat('test', ask('Second question'))).provider).toBe('anthropic');
    await service.saveSettings({ priority: 'cost' }); // openai is cheaper
    openai.reply(textReply('Cheap answer.'));
    expect((await service.chat('test', ask('Third question'))).provider).toBe('openai');

    expect(anthropic.requests).toHaveLength(2);
    expect(openai.requests).toHaveLength(2);
    const others = (request: RecordedRequest, own: string): string[] =>
      ALL_KEYS.filter((key) => key !== own).filter((key) => rawText([request.headers, request.url, request.body]).includes(key));
    for (const request of anthropic.requests) {
      expect(request.headers['x-api-key']).toBe(KEYS.anthropic);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body).not.toContain(KEYS.anthropic);
      expect(others(request, KEYS.anthropic)).toEqual([]);
    }
    for (const request of openai.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.body).not.toContain(KEYS.openai);
      expect(others(request, KEYS.openai)).toEqual([]);
    }

    const log = await logOf(db);
    expect(log.map((e) => [e.provider, e.status])).toEqual([
      ['anthropic', 'failed'],
      ['openai', 'ok'],
      ['anthropic', 'ok'],
      ['openai', 'ok'],
    ]);
    expect(log[0]!.error).toContain('[key hidden]');
    const logged = rawText(log);
    for (const key of ALL_KEYS) expect(logged).not.toContain(key);
  });
});

describe('AI tasks', () => {
  const localSetup = async (): Promise<{ ollama: AiServer } & Setup> => {
    const ollama = await serve('openai');
    return { ollama, ...(await setup({ providers: { ollama } })) }; // privacy: the local server answers
  };

  it('refineSearch keeps the parser’s reading when the model answers something invalid', async () => {
    const { ollama, service } = await localSetup();
    const text = 'dark kick 120 bpm';
    ollama.reply(textReply('You are looking for a dark kick drum at 120 BPM!'));
    const result = await refineSearch(service, text);
    expect(result.source).toBe('parser');
    expect(result.query).toEqual(parseQuery(text));
    expect(result.fallbackReason).toMatch(/not usable \(the answer is not JSON\)/);
    expect(ollama.requests).toHaveLength(1);
    expect(ollama.requests[0]!.lastUserText).toContain(JSON.stringify(text));
    expect((ollama.requests[0]!.json as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name).toBe(
      'library_query',
    );

    ollama.reply(
      jsonReply({
        text: 'dark',
        kind: 'loop',
        categories: ['violin'],
        excludeCategories: [],
        bpm: null,
        key: null,
        duration: null,
        excludeWords: [],
      }),
    );
    const unknown = await refineSearch(service, text);
    expect(unknown.source).toBe('parser');
    expect(unknown.fallbackReason).toContain('unknown category "violin"');
  });

  it('refineSearch uses the model’s answer once it validates', async () => {
    const { ollama, service } = await localSetup();
    ollama.reply(
      jsonReply({
        text: 'Dark',
        kind: 'one-shot',
        categories: ['kick'],
        excludeCategories: [],
        bpm: { min: 118, max: 122 },
        key: { tonic: 'Gb', scale: 'minor' },
        duration: null,
        excludeWords: [],
      }),
    );
    const result = await refineSearch(service, 'dark kick around 120 in g flat minor');
    expect(result).toEqual({
      source: 'ollama',
      query: {
        text: 'dark',
        kind: 'one-shot',
        categories: ['kick'],
        excludeCategories: [],
        bpm: { min: 118, max: 122 },
        key: { tonic: 'F#', scale: 'minor' },
        duration: null,
        excludeWords: [],
      },
    });
  });

  it('refineSearch reads with the parser alone when no model is available', async () => {
    const { service } = await setup();
    expect(await refineSearch(service, 'snare loop')).toEqual({ query: parseQuery('snare loop'), source: 'parser' });
  });

  it('describeSamples asks in batches of twelve, merges the model’s tags, and falls back per batch on garbage', async () => {
    const { ollama, service } = await localSetup();
    const samples = Array.from({ length: 25 }, (_, i) => ({
      facts: sampleFacts(row(i + 1, `kick ${i + 1}.wav`, { category: 'kick', kind: 'one-shot', duration: 0.1, loudnessLufs: -6 }), {
        includeName: false,
      }),
      heard: [] as string[],
    }));
    const batchOf = (request: RecordedRequest): SampleFacts[] => JSON.parse(request.lastUserText) as SampleFacts[];
    const goodAnswer = (request: RecordedRequest) =>
      jsonReply({
        samples: batchOf(request).map((facts) => ({ id: facts.id, tags: ['Warm', 'trap'], description: `Model says ${facts.id}.` })),
      });
    ollama.reply(goodAnswer, textReply('Sorry, I cannot tag audio.'), goodAnswer);

    const progress: number[] = [];
    const result = await describeSamples(service, samples, { useModel: true, onProgress: (p) => progress.push(p.done) });
    expect(ollama.requests).toHaveLength(3);
    expect(ollama.requests.map((r) => batchOf(r).map((f) => f.id))).toEqual([
      samples.slice(0, 12).map((s) => s.facts.id),
      samples.slice(12, 24).map((s) => s.facts.id),
      [25],
    ]);
    expect(progress).toEqual([12, 24, 25]);
    expect(result.source).toBe('model');
    expect(result.proposals.map((p) => p.id)).toEqual(samples.map((s) => s.facts.id));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/could not be read as proposals/);

    const values = (id: number) => proposeFromValues(samples[id - 1]!.facts);
    expect(values(1).tags).toEqual(['short', 'loud']);
    expect(result.proposals[0]).toEqual({ id: 1, tags: ['short', 'loud', 'warm', 'trap'], description: 'Model says 1.' });
    expect(result.proposals[24]).toEqual({ id: 25, tags: ['short', 'loud', 'warm', 'trap'], description: 'Model says 25.' });
    for (let id = 13; id <= 24; id++) expect(result.proposals[id - 1]).toEqual(values(id)); // the garbage batch
  });

  it('describeSamples reports the values as the source when every batch fell back', async () => {
    const { ollama, service } = await localSetup();
    ollama.setDefault(errorReply(400, { message: 'model "llama3.2" not found' }));
    const facts = sampleFacts(row(5, 'snare.wav', { category: 'snare', kind: 'one-shot', duration: 0.2 }), { includeName: false });
    const result = await describeSamples(service, [{ facts, heard: [] }], { useModel: true });
    expect(ollama.requests).toHaveLength(1);
    expect(result.proposals).toEqual([proposeFromValues(facts)]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('not found');
    expect(result.source).toBe('values'); // no model answered
  });

  it('describeSamples proposes from the values alone without a model', async () => {
    const { service } = await setup();
    const facts = sampleFacts(row(9, 'pad.wav', { category: 'pad', kind: 'one-shot', duration: 4, loudnessLufs: -30 }), {
      includeName: false,
    });
    const result = await describeSamples(service, [{ facts, heard: ['Airy'] }], { useModel: true });
    expect(result).toEqual({ proposals: [proposeFromValues(facts, ['Airy'])], source: 'values', problems: [] });
  });

  it('KitConversation searches through the tool and keeps only the samples the search returned', async () => {
    const { ollama, service } = await localSetup();
    // Answers by content: a search first, then (once the tool result is in) the final answer.
    ollama.setDefault((request) =>
      request.toolResults.length === 0
        ? toolCallsReply([{ id: 'call_kick', name: 'search_samples', arguments: { categories: ['kick'], kind: 'one-shot', limit: 3 } }])
        : textReply('Use [#11] for the low end, and [#999] for extra snap.'),
    );
    const found = [
      sampleFacts(row(11, 'Kicks/k1.wav', { category: 'kick', kind: 'one-shot', duration: 0.4, loudnessLufs: -7 }), { includeName: false }),
      sampleFacts(row(12, 'Kicks/k2.wav', { category: 'kick', kind: 'one-shot', duration: 0.2, rootMidi: 36 }, { tags: ['808'] }), {
        includeName: false,
      }),
    ];
    const searches: SearchSamplesArguments[] = [];
    const conversation = new KitConversation(service, (args) => {
      searches.push(args);
      return found;
    });

    const reply = await conversation.send('Build me a trap kit.');
    expect(reply.text).toBe('Use [#11] for the low end, and [#999] for extra snap.');
    expect(reply.sampleIds).toEqual([11]);
    expect(reply.searches).toBe(1);

    expect(searches).toHaveLength(1);
    expect(searches[0]!.query.categories).toEqual(['kick']);
    expect(searches[0]!.query.kind).toBe('one-shot');
    expect(searches[0]!.limit).toBe(3);

    expect(ollama.requests).toHaveLength(2);
    const [first, second] = ollama.requests as [RecordedRequest, RecordedRequest];
    expect(first.toolNames).toEqual(['search_samples']);
    expect(first.toolResults).toEqual([]);
    expect(second.toolResults).toHaveLength(1);
    expect(second.toolResults[0]!.callId).toBe('call_kick');
    expect(second.toolResults[0]!.name).toBe('search_samples');
    expect(JSON.parse(second.toolResults[0]!.content)).toEqual({ count: 2, samples: found });
  });
});

describe('budget and vault edge cases', () => {
  it('charges a request cancelled mid-answer its reserved worst case, and the spend survives clearing the log', async () => {
    const openai = await serve('openai', KEYS.openai);
    const { db, service } = await setup({ keys: { openai: KEYS.openai }, providers: { openai }, priority: 'speed' });
    openai.reply(textReply('kick '.repeat(40), { chunks: 20, delayMs: 40 }));
    const controller = new AbortController();
    const error = await failureOf(service.chat('assistant', ask(), { signal: controller.signal, onText: () => controller.abort() }));
    expect(error.code).toBe('cancelled');
    const [entry] = await logOf(db);
    const price = priceOf(DEFAULT_PRICES, 'openai', 'gpt-4o-mini', false)!;
    expect(entry!.cost).toBeCloseTo(costOf(worstCaseTokens({ ...ask(), model: 'gpt-4o-mini' }, 1024), price), 10);
    expect(entry!.cost).toBeGreaterThan(0);
    await service.clearLog();
    expect(await logOf(db)).toEqual([]);
    expect(await service.spentThisMonth()).toBeCloseTo(entry!.cost, 10);
  });

  it('refuses a cloud model that is not in the price table rather than guessing its price', async () => {
    const openai = await serve('openai', KEYS.openai);
    const { service } = await setup({ keys: { openai: KEYS.openai }, providers: { openai }, priority: 'speed' });
    await service.saveSettings({ providers: service.settings.providers.map((p) => (p.id === 'openai' ? { ...p, model: 'o1-pro' } : p)) });
    const error = await failureOf(service.chat('search', ask()));
    expect(error.code).toBe('ai_over_budget');
    expect(error.message).toMatch(/not in the price table/);
    expect(openai.requests).toHaveLength(0);
  });

  it('never stores a key in plain text next to a passphrase set in another window, and ignores plain ones there', async () => {
    const { repo, db } = freshDatabase();
    const tabA = new KeyVault(repo);
    const tabB = new KeyVault(repo);
    await tabA.load();
    await tabB.load();
    await tabA.setKey('openai', KEYS.openai);
    await tabA.setPassphrase(PASSPHRASE);
    // Tab B never saw the passphrase: its write is refused and it reloads, locked.
    const error = await failureOf(tabB.setKey('groq', 'gsk-plain-from-tab-b'));
    expect(error.code).toBe('ai_locked');
    expect(tabB.state).toBe('locked');
    expect(rawText(await db.aiKeys.toArray())).not.toContain('gsk-plain-from-tab-b');
    expect(rawText(await db.aiKeys.toArray())).not.toContain(KEYS.openai);
    // A plain record that got in anyway (an older version, say) is neither used nor shown while a passphrase is set.
    await db.aiKeys.put({ provider: 'deepseek', plain: KEYS.deepseek });
    const tabC = new KeyVault(repo);
    await tabC.load();
    expect([...tabC.usableProviders()]).toEqual([]);
    expect([...tabC.storedProviders()]).toEqual(['openai']);
    await tabC.unlock(PASSPHRASE);
    expect(tabC.get('openai')).toBe(KEYS.openai);
    expect(tabC.get('deepseek')).toBeUndefined();
  });
});
