import { describe, expect, it } from 'vitest';
import type { AiLogEntry } from '../../src/ai/aiService';
import { worstCaseTokens } from '../../src/domain/ai/budget';
import { costOf, DEFAULT_PRICES, priceOf } from '../../src/domain/ai/prices';
import type { SampleMindError } from '../../src/domain/errors';
import { textReply } from '../support/aiServers';
import { ask, failureOf, KEYS, logOf, serve, setup } from '../support/aiServiceHarness';

describe('AiService', () => {
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
});
