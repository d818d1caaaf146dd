import { describe, expect, it } from 'vitest';
import { costOf, DEFAULT_PRICES, priceOf } from '../../src/domain/ai/prices';
import { errorReply, hangReply, textReply, type RecordedRequest } from '../support/aiServers';
import { ALL_KEYS, ask, failureOf, KEYS, logOf, rawText, serve, setup } from '../support/aiServiceHarness';

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
