/**
 * Reading a provider's refusal: its error message in any of the shapes the wire formats use, how
 * long it asks us to wait, and which SampleMindError code the status means.
 */
import { SampleMindError } from '../domain/errors';
import { isRecord } from '../domain/json';

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504, 529]);
const MAX_MESSAGE_CHARS = 300;

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export interface ServerError {
  message: string;
  /** Machine words from the body (error.type, error.status, error.code, details[].reason) to tell refusals apart. */
  kinds: string[];
}

function stringsOf(...values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * The message from an error body. OpenAI and Gemini send {error: {message}}, Anthropic
 * {type: 'error', error: {type, message}}, Ollama {error: "text"}, Gemini's streaming endpoint
 * sometimes an array around it; anything else is shown as text.
 */
export function parseServerError(text: string, fallback: string): ServerError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const trimmed = text.trim().slice(0, MAX_MESSAGE_CHARS);
    return { message: trimmed || fallback, kinds: [] };
  }
  const root = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  if (isRecord(root)) {
    const inner = root.error;
    if (typeof inner === 'string') return { message: inner, kinds: [] };
    if (isRecord(inner)) {
      const details = Array.isArray(inner.details) ? inner.details.filter(isRecord).map((detail) => detail.reason) : [];
      const [message] = stringsOf(inner.message, root.message);
      return { message: message ?? fallback, kinds: stringsOf(inner.type, inner.status, inner.code, ...details) };
    }
    const [message] = stringsOf(root.message, root.detail);
    if (message) return { message, kinds: stringsOf(root.type, root.code) };
  }
  return { message: text.trim().slice(0, MAX_MESSAGE_CHARS) || fallback, kinds: [] };
}

export async function readServerMessage(response: Response): Promise<ServerError> {
  const text = await response.text();
  return parseServerError(text, response.statusText || `HTTP ${response.status}`);
}

/** Milliseconds the server asks us to wait (`retry-after-ms`, or `retry-after` in seconds or as an HTTP date). */
export function retryDelayFromHeaders(headers: Headers, now: () => number): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = headers.get('retry-after')?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number.parseFloat(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** "in 45 seconds", "in 3 minutes": when the user may try again. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `in ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

export function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Replaces the key wherever a server echoed it, so no message, log or report ever shows it. */
export function scrubKey(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[key hidden]') : text;
}

function refusesKey(status: number, error: ServerError): boolean {
  if (status === 401 || status === 403) return true;
  // Gemini answers a wrong key with 400 INVALID_ARGUMENT and the reason API_KEY_INVALID.
  return status === 400 && (error.kinds.includes('API_KEY_INVALID') || /api key not valid/i.test(error.message));
}

/** The SampleMindError for an HTTP refusal (its message already scrubbed of the key). */
export function errorForStatus(status: number, error: ServerError, providerLabel: string, sentKey: boolean): SampleMindError {
  const detail = error.message;
  if (refusesKey(status, error)) {
    const what = sentKey ? 'refused the key' : 'needs an API key';
    return new SampleMindError('ai_unauthorized', `${providerLabel} ${what} (${status}): ${detail}`);
  }
  if (status === 429) return new SampleMindError('ai_rate_limited', `${providerLabel} is rate limiting requests (429): ${detail}`);
  if (status === 529) return new SampleMindError('ai_unavailable', `${providerLabel} is overloaded (529): ${detail}`);
  if (status >= 500) return new SampleMindError('ai_unavailable', `${providerLabel} is unavailable (${status}): ${detail}`);
  if (status === 404) return new SampleMindError('ai_bad_response', `${providerLabel} has no such endpoint or model (404): ${detail}`);
  return new SampleMindError('ai_bad_response', `${providerLabel} rejected the request (${status}): ${detail}`);
}

const STREAM_ERROR_CODES: ReadonlyArray<[SampleMindError['code'], readonly string[]]> = [
  ['ai_unavailable', ['overloaded_error', 'api_error', 'server_error', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED']],
  ['ai_rate_limited', ['rate_limit_error', 'rate_limit_exceeded', 'RESOURCE_EXHAUSTED']],
  ['ai_unauthorized', ['authentication_error', 'permission_error', 'invalid_api_key', 'UNAUTHENTICATED', 'PERMISSION_DENIED']],
];

/** An error the server sent inside the stream, after it had accepted the request (e.g. Anthropic's overloaded_error). */
export function streamFailure(data: string, providerLabel: string, apiKey: string | undefined): SampleMindError {
  const error = parseServerError(data, 'unknown error');
  const code = STREAM_ERROR_CODES.find(([, kinds]) => error.kinds.some((kind) => kinds.includes(kind)))?.[0] ?? 'ai_bad_response';
  const kind = error.kinds[0] ? ` (${error.kinds[0]})` : '';
  return new SampleMindError(code, `${providerLabel} failed mid-answer${kind}: ${scrubKey(error.message, apiKey)}`);
}
