import { estimateTokens, type ChatRequest } from './chat';
import { costOf, formatDollars, type ModelPrice } from './prices';

/** The first millisecond of the calendar month `at` falls in (local time: the user's month). */
export function monthStart(at: number): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), 1).getTime();
}

/** What a request could cost at most: its text counted generously (three characters a token) and every output token it may use. */
export function worstCaseTokens(request: ChatRequest, defaultMaxTokens: number): { inputTokens: number; outputTokens: number } {
  let characters = 0;
  for (const message of request.messages) {
    characters += message.content.length + 8;
    for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
  }
  for (const tool of request.tools ?? []) characters += JSON.stringify(tool).length;
  if (request.responseSchema) characters += JSON.stringify(request.responseSchema.schema).length;
  // estimateTokens counts four characters a token; a third more covers code-like JSON and non-English text.
  const inputTokens = Math.ceil((estimateTokens('x'.repeat(characters)) * 4) / 3);
  return { inputTokens, outputTokens: request.maxTokens ?? defaultMaxTokens };
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
