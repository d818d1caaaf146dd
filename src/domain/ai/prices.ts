import type { ChatUsage, ProviderId } from './chat';

/** US dollars per million tokens, as the providers publish them. */
export interface ModelPrice {
  provider: ProviderId;
  /** The model id, or '*' for any model of that provider not listed (a row the user adds). */
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * Published list prices (November 2026 price pages) of the default models. The user edits this
 * table in the AI settings and adds rows for other models: a cloud model with no row is refused,
 * since the budget cannot be kept without its price. Local providers cost nothing.
 */
export const DEFAULT_PRICES: readonly ModelPrice[] = [
  { provider: 'openai', model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6 },
  { provider: 'openai', model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 },
  { provider: 'anthropic', model: 'claude-3-5-haiku-latest', inputPerMillion: 0.8, outputPerMillion: 4 },
  { provider: 'gemini', model: 'gemini-2.0-flash', inputPerMillion: 0.1, outputPerMillion: 0.4 },
  { provider: 'groq', model: 'llama-3.3-70b-versatile', inputPerMillion: 0.59, outputPerMillion: 0.79 },
  { provider: 'deepseek', model: 'deepseek-chat', inputPerMillion: 0.27, outputPerMillion: 1.1 },
];

const FREE = { inputPerMillion: 0, outputPerMillion: 0 };

/** The price of a provider's model: an exact row, else its '*' row, else free for local ones and unknown (null) for cloud ones. */
export function priceOf(
  prices: readonly ModelPrice[],
  provider: ProviderId,
  model: string,
  local: boolean,
): Omit<ModelPrice, 'provider' | 'model'> | null {
  const exact = prices.find((price) => price.provider === provider && price.model === model);
  const fallback = prices.find((price) => price.provider === provider && price.model === '*');
  const row = exact ?? fallback;
  if (row) return { inputPerMillion: row.inputPerMillion, outputPerMillion: row.outputPerMillion };
  return local ? FREE : null;
}

/** Dollars for this many tokens at this price. */
export function costOf(usage: Pick<ChatUsage, 'inputTokens' | 'outputTokens'>, price: Omit<ModelPrice, 'provider' | 'model'>): number {
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}

/** A blended price for ranking by cost: three input tokens for every output token, as these tasks send. */
export function blendedPrice(price: Omit<ModelPrice, 'provider' | 'model'>): number {
  return (3 * price.inputPerMillion + price.outputPerMillion) / 4;
}

/** "$0.0012", "$1.50": small costs keep their significant digits. */
export function formatDollars(dollars: number): string {
  if (dollars === 0) return '$0';
  if (dollars < 0.01) return `$${dollars.toPrecision(2)}`;
  return `$${dollars.toFixed(2)}`;
}
