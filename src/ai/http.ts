/**
 * One POST to an AI provider, with what every provider needs: a timeout per attempt joined to the
 * caller's cancel signal, retries on rate limits, outages and dropped connections (honouring the
 * server's retry-after), and failures turned into SampleMindError codes with messages a user can
 * act on. The API key travels in headers only: onSend sees the URL and body, messages are
 * scrubbed of the key in case a server echoes it, and redirects are refused rather than followed.
 */
import type { ChatOptions } from '../domain/ai/chat';
import { SampleMindError } from '../domain/errors';
import { parseSse, type SseEvent } from './sse';
import {
  describeWait,
  errorForStatus,
  isRetryableStatus,
  readServerMessage,
  retryDelayFromHeaders,
  scrubKey,
  withFullStop,
} from './httpErrors';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 2;
/** A server asking for a longer pause than this is not waited for: the user is told when to try again. */
export const MAX_RETRY_WAIT_MS = 30_000;
const BACKOFF_CAP_MS = 8_000;

/** Waits `ms`, rejecting early when `signal` aborts. Tests pass one that returns at once. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpDeps {
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** The clock for HTTP-date retry-after headers. */
  now?: () => number;
}

export interface ProviderPost {
  url: string;
  /** Content type and the key header(s); never passed to onSend. */
  headers: Record<string, string>;
  /** The exact JSON text sent. */
  body: string;
  /** The provider's name as users know it ("OpenAI"), for error messages. */
  providerLabel: string;
  /** Only to scrub it from error messages. */
  apiKey?: string;
}

export interface StreamingReply {
  response: Response;
  /**
   * The body's events. The per-attempt timeout keeps running while it streams, as an idle limit:
   * each chunk restarts it. Cancelling, a silent server or a dropped connection throw SampleMindError.
   */
  events(): AsyncGenerator<SseEvent>;
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function cancelledError(): SampleMindError {
  return new SampleMindError('cancelled', 'The request was cancelled.');
}

/** One signal that aborts when any of the given ones does. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController(); // older browsers: join them by hand
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/**
 * For a server on this machine (Ollama, LM Studio, llama.cpp), what usually keeps it out of reach:
 * not running, or not accepting this page's origin. "Failed to fetch" alone said neither.
 */
function localServerHint(url: string): string {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return '';
  }
  if (!['localhost', '127.0.0.1', '[::1]'].includes(hostname)) return '';
  const origin = globalThis.location?.origin;
  const allow = origin ? ` For Ollama, start it with OLLAMA_ORIGINS=${origin}.` : '';
  return `. Is the server running on this machine, and does it accept requests from this page?${allow}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function resolved(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error && cause.message ? cause.message : error.message;
}

/** A redirect left unfollowed: an opaque one in browsers (status 0), the 3xx itself in Node. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function redirectError(response: Response, request: ProviderPost): SampleMindError {
  const location = response.headers.get('location'); // hidden from pages in browsers
  const target = location ? ` to ${scrubKey(hostOf(resolved(location, request.url)), request.apiKey)}` : '';
  const status = response.status ? ` (${response.status})` : '';
  const notSent = request.apiKey ? 'the API key was not forwarded' : 'the request was not forwarded';
  return new SampleMindError(
    'ai_bad_response',
    `${request.providerLabel} (${hostOf(request.url)}) redirected the request${status}${target}. SampleMind does not follow ` +
      `redirects, so ${notSent}. Check the provider's base URL.`,
  );
}

/** The timer and signals of one attempt: the timeout restarts with each streamed chunk. */
class Attempt {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly timeoutController = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.signal = userSignal ? anySignal([userSignal, this.timeoutController.signal]) : this.timeoutController.signal;
    this.restartTimer();
  }

  restartTimer(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.timeoutController.abort(new DOMException('timed out', 'TimeoutError'));
    }, this.timeoutMs);
  }

  stopTimer(): void {
    clearTimeout(this.timer);
  }

  /** The error for a failure while fetching or reading: the cause of an abort wins over the symptom. */
  failure(error: unknown, request: ProviderPost, whileStreaming: boolean): SampleMindError {
    if (this.userSignal?.aborted) return cancelledError();
    if (this.timedOut) {
      const limit = this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`;
      const what = whileStreaming ? 'stopped answering mid-answer' : 'did not answer';
      return new SampleMindError('ai_timeout', `${request.providerLabel} ${what} within ${limit}.`);
    }
    if (error instanceof SampleMindError) return error;
    const detail = scrubKey(networkDetail(error), request.apiKey);
    const message = whileStreaming
      ? `The connection to ${hostOf(request.url)} dropped mid-answer: ${detail}`
      : `Could not reach ${hostOf(request.url)}: ${detail}${localServerHint(request.url)}`;
    return new SampleMindError('ai_network', message, { cause: error });
  }
}

type AttemptOutcome =
  { ok: true; reply: StreamingReply } | { ok: false; error: SampleMindError; retryable: boolean; retryAfterMs?: number };

async function attemptOnce(request: ProviderPost, options: ChatOptions, deps: HttpDeps): Promise<AttemptOutcome> {
  const attempt = new Attempt(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
  const fetchFn = deps.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    // Redirects are never followed: browsers drop only Authorization when a redirect leaves the
    // origin, so x-api-key and x-goog-api-key would reach whatever host the server names.
    const init: RequestInit = { method: 'POST', headers: request.headers, body: request.body, signal: attempt.signal, redirect: 'manual' };
    response = await fetchFn(request.url, init);
  } catch (error) {
    attempt.stopTimer();
    const failure = attempt.failure(error, request, false);
    return { ok: false, error: failure, retryable: failure.code === 'ai_network' };
  }
  if (isRedirect(response)) {
    attempt.stopTimer();
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, error: redirectError(response, request), retryable: false };
  }
  if (response.ok && response.body) return { ok: true, reply: streamingReply(response, response.body, attempt, request) };
  try {
    if (response.ok) throw new SampleMindError('ai_bad_response', `${request.providerLabel} answered with an empty body.`);
    const serverError = await readServerMessage(response);
    const scrubbed = { ...serverError, message: scrubKey(serverError.message, request.apiKey) };
    const error = errorForStatus(response.status, scrubbed, request.providerLabel, Boolean(request.apiKey));
    const retryAfterMs = retryDelayFromHeaders(response.headers, deps.now ?? Date.now);
    return { ok: false, error, retryable: isRetryableStatus(response.status), retryAfterMs };
  } catch (error) {
    return { ok: false, error: attempt.failure(error, request, false), retryable: false };
  } finally {
    attempt.stopTimer();
  }
}

function streamingReply(response: Response, body: ReadableStream<Uint8Array>, attempt: Attempt, request: ProviderPost): StreamingReply {
  return {
    response,
    async *events() {
      // Each chunk restarts the timeout, so a long answer that keeps coming is never cut off.
      const watched = body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            attempt.restartTimer();
            controller.enqueue(chunk);
          },
        }),
      );
      const events = parseSse(watched);
      try {
        for (;;) {
          let next: IteratorResult<SseEvent>;
          try {
            next = await events.next();
          } catch (error) {
            throw attempt.failure(error, request, true);
          }
          if (next.done) return;
          yield next.value;
        }
      } finally {
        attempt.stopTimer();
        await events.return(undefined);
      }
    },
  };
}

/**
 * POSTs `request` and returns the streaming answer once the server accepts it. Retries happen
 * only before the answer starts: once text has reached onText, a failure is final.
 */
export async function postWithRetry(request: ProviderPost, options: ChatOptions = {}, deps: HttpDeps = {}): Promise<StreamingReply> {
  const retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
  const sleep = deps.sleep ?? abortableSleep;
  for (let attemptIndex = 0; ; attemptIndex++) {
    if (options.signal?.aborted) throw cancelledError();
    options.onSend?.({ url: request.url, body: request.body });
    const outcome = await attemptOnce(request, options, deps);
    if (outcome.ok) return outcome.reply;
    if (!outcome.retryable) throw outcome.error;
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > MAX_RETRY_WAIT_MS) {
      const code = outcome.error.code === 'ai_unavailable' ? 'ai_unavailable' : 'ai_rate_limited';
      throw new SampleMindError(code, `${withFullStop(outcome.error.message)} Try again ${describeWait(outcome.retryAfterMs)}.`);
    }
    if (attemptIndex >= retries) {
      const tries = attemptIndex + 1;
      throw new SampleMindError(outcome.error.code, `${outcome.error.message}${tries > 1 ? ` (tried ${tries} times)` : ''}`, {
        cause: outcome.error.cause,
      });
    }
    const waitMs = outcome.retryAfterMs ?? Math.min(BACKOFF_CAP_MS, 1000 * 2 ** attemptIndex);
    try {
      await sleep(waitMs, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError();
      throw error;
    }
  }
}
