/** One AI request as the request log keeps it: exactly what was sent (never the key), and what it cost. */
export interface AiRequestLogEntry {
  at: number;
  /** What the request was for ('search', 'describe', 'assistant' …). */
  task: string;
  provider: string;
  model: string;
  url: string;
  body: string;
  status: 'ok' | 'failed' | 'cancelled' | 'refused';
  error?: string;
  inputTokens: number;
  outputTokens: number;
  /** US dollars. */
  cost: number;
  durationMs: number;
}

/** One provider's answered requests, tokens and cost over a period. */
export interface ProviderUsage {
  provider: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}
