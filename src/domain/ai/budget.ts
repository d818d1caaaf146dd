import type { ChatRequest } from './chat';
import { costOf, formatDollars, type ModelPrice } from './prices';

/** The first millisecond of the calendar month `at` falls in (local time: the user's month). */
export function monthStart(at: number): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), 1).getTime();
}

/** Framing a provider adds per message, and the instructions it adds when tools are declared (Anthropic's tool-use prompt is ~350 tokens). */
const TOKENS_PER_MESSAGE = 20;
const TOKENS_FOR_TOOLS = 500;
const utf8 = new TextEncoder();

/**
 * What a request could cost at most. No tokenizer makes more tokens than the text has UTF-8 bytes
 * (every token covers at least one byte), so the bytes bound the prompt whatever the language;
 * the output is every token the request allows.
 */
export function worstCaseTokens(request: ChatRequest, defaultMaxTokens: number): { inputTokens: number; outputTokens: number } {
  let bytes = 0;
  for (const message of request.messages) {
    bytes += utf8.encode(message.content).length;
    for (const call of message.toolCalls ?? []) bytes += utf8.encode(call.name + call.arguments).length;
  }
  if (request.tools?.length) bytes += utf8.encode(JSON.stringify(request.tools)).length;
  if (request.responseSchema) bytes += utf8.encode(JSON.stringify(request.responseSchema.schema)).length;
  const overhead = request.messages.length * TOKENS_PER_MESSAGE + (request.tools?.length ? TOKENS_FOR_TOOLS : 0);
  return { inputTokens: bytes + overhead, outputTokens: request.maxTokens ?? defaultMaxTokens };
}

export type BudgetCheck = { allowed: true; worstCase: number } | { allowed: false; worstCase: number; message: string };

/**
 * A request goes out only when even its worst-case cost fits what is left of the month's budget,
 * so the budget is never exceeded, whatever the provider answers. Free (local) requests always go.
 */
export function checkBudget(options: {
  spentThisMonth: number;
  monthlyBudget: number;
  price: Omit<ModelPrice, 'provider' | 'model'>;
  worstCase: { inputTokens: number; outputTokens: number };
  providerLabel: string;
}): BudgetCheck {
  const worstCase = costOf(options.worstCase, options.price);
  if (worstCase === 0) return { allowed: true, worstCase };
  const left = Math.max(0, options.monthlyBudget - options.spentThisMonth);
  if (worstCase <= left) return { allowed: true, worstCase };
  return {
    allowed: false,
    worstCase,
    message:
      `This request to ${options.providerLabel} could cost up to ${formatDollars(worstCase)}, and ${formatDollars(left)} of this ` +
      `month's ${formatDollars(options.monthlyBudget)} AI budget is left. Raise the budget in AI settings, or use a local model.`,
  };
}
