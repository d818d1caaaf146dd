import { describe, expect, it } from 'vitest';
import { checkBudget, monthStart, worstCaseTokens } from '../../src/domain/ai/budget';
import { type ChatRequest } from '../../src/domain/ai/chat';
import { SEARCH_SAMPLES_TOOL } from '../../src/domain/ai/kitTools';
import { blendedPrice, costOf, DEFAULT_PRICES, formatDollars, priceOf, type ModelPrice } from '../../src/domain/ai/prices';

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
