/**
 * Local mock AI servers (node:http on 127.0.0.1, an ephemeral port) that speak the OpenAI Chat
 * Completions, Anthropic Messages and Gemini streamGenerateContent wire formats. Unit tests fetch
 * them from Node; e2e tests point the app's provider base URL at them, so they answer CORS
 * preflights and send CORP (the app is cross-origin isolated).
 *
 *   const server = await startAiServer('openai', { apiKey: 'sk-test' });
 *   server.reply(toolCallsReply([{ name: 'search', arguments: { q: 'kick' } }]), textReply('Found 3 kicks.'));
 *   // base URL for the app: server.baseUrl; what it sent: server.requests
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { viewRequest, type RequestView } from './aiServerRequests';
import {
  errorBody,
  streamFrames,
  type AiWireFormat,
  type DropScript,
  type ErrorScript,
  type HangScript,
  type ScriptedResponse,
  type ScriptedToolCall,
  type StreamErrorScript,
  type StreamedResponse,
  type TextScript,
  type ToolCallsScript,
} from './aiServerWire';

export type {
  AiWireFormat,
  DropScript,
  ErrorScript,
  HangScript,
  ScriptedResponse,
  ScriptedToolCall,
  ScriptedUsage,
  StreamErrorScript,
  TextScript,
  ToolCallsScript,
} from './aiServerWire';
export type { RequestView, ToolResultSeen } from './aiServerRequests';

export interface RecordedRequest extends RequestView {
  method: string;
  /** Path and query as sent, e.g. /v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse */
  url: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body text exactly as received. */
  body: string;
  /** The body parsed, or undefined when it is not JSON. */
  json: unknown;
}

/** Chooses the answer from what was asked. */
export type Responder = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;
export type Script = ScriptedResponse | Responder;

export interface AiServerOptions {
  /** When set, requests without exactly this key in the format's key header are refused in the format's error shape. */
  apiKey?: string;
  /** The answer when nothing is queued (default: a short fixed text). */
  defaultResponse?: Script;
}

export interface AiServer {
  format: AiWireFormat;
  /** The base URL to configure the provider with (…/v1 for OpenAI and Anthropic, …/v1beta for Gemini). */
  baseUrl: string;
  /** Every chat request so far (CORS preflights are not included). */
  requests: RecordedRequest[];
  /** Queue answers for the next requests, in order. */
  reply(...responses: Script[]): void;
  /** The answer used whenever the queue is empty. */
  setDefault(response: Script): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export const textReply = (text: string, options: Omit<TextScript, 'kind' | 'text'> = {}): TextScript => ({
  kind: 'text',
  text,
  ...options,
});
/** A text answer that is the JSON of `value` (for structured-output requests). */
export const jsonReply = (value: unknown, options: Omit<TextScript, 'kind' | 'text'> = {}): TextScript =>
  textReply(JSON.stringify(value), options);
export const toolCallsReply = (calls: ScriptedToolCall[], options: Omit<ToolCallsScript, 'kind' | 'calls'> = {}): ToolCallsScript => ({
  kind: 'toolCalls',
  calls,
  ...options,
});
export const errorReply = (status: number, options: Omit<ErrorScript, 'kind' | 'status'> = {}): ErrorScript => ({
  kind: 'error',
  status,
  ...options,
});
export const streamErrorReply = (options: Omit<StreamErrorScript, 'kind'> = {}): StreamErrorScript => ({ kind: 'streamError', ...options });
export const dropReply = (text: string, options: Omit<DropScript, 'kind' | 'text'> = {}): DropScript => ({
  kind: 'drop',
  text,
  ...options,
});
export const hangReply = (): HangScript => ({ kind: 'hang' });

const BASE_PATHS: Record<AiWireFormat, string> = { openai: '/v1', anthropic: '/v1', gemini: '/v1beta' };
const GEMINI_STREAM_PATH = /^\/v1beta\/models\/([^/:]+):streamGenerateContent$/;

interface Refusal {
  status: number;
  body: string;
}

/** OpenAI shows a wrong key masked: the first three and last four characters. */
const maskKey = (key: string): string =>
  key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '*'.repeat(key.length);

/** The documented refusal for a missing or wrong key, or undefined when the key is right. */
function keyRefusal(format: AiWireFormat, apiKey: string, headers: Record<string, string>, url: URL): Refusal | undefined {
  if (format === 'openai') {
    const sent = headers.authorization?.replace(/^Bearer\s+/i, '');
    if (sent === apiKey) return undefined;
    const message = sent
      ? `Incorrect API key provided: ${maskKey(sent)}. You can find your API key at https://platform.openai.com/account/api-keys.`
      : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    return { status: 401, body: errorBody('openai', 401, message) };
  }
  if (format === 'anthropic') {
    return headers['x-api-key'] === apiKey ? undefined : { status: 401, body: errorBody('anthropic', 401, 'invalid x-api-key') };
  }
  const sent = headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
  if (sent === apiKey) return undefined;
  if (sent === undefined) {
    const message =
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    return { status: 403, body: errorBody('gemini', 403, message) };
  }
  // Gemini answers a wrong key with 400, not 401.
  const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }];
  return {
    status: 400,
    body: errorBody('gemini', 400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', { details }),
  };
}

/** Refusals a real server gives before looking at the key or the script: wrong path, missing headers, bad JSON. */
function requestRefusal(format: AiWireFormat, request: RecordedRequest, url: URL): Refusal | undefined {
  const pathOk =
    format === 'gemini'
      ? GEMINI_STREAM_PATH.test(url.pathname)
      : url.pathname === `/v1/${format === 'openai' ? 'chat/completions' : 'messages'}`;
  if (request.method !== 'POST' || !pathOk)
    return { status: 404, body: errorBody(format, 404, `No route for ${request.method} ${url.pathname}`) };
  if (format === 'anthropic' && !request.headers['anthropic-version']) {
    return { status: 400, body: errorBody('anthropic', 400, 'anthropic-version: header is required') };
  }
  if (format === 'anthropic' && request.headers.origin && request.headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
    const message = 'CORS requests must set the anthropic-dangerous-direct-browser-access header';
    return { status: 401, body: errorBody('anthropic', 401, message) };
  }
  if (request.json === undefined) return { status: 400, body: errorBody(format, 400, 'The request body is not valid JSON.') };
  const streamed = format === 'gemini' ? url.searchParams.get('alt') === 'sse' : (request.json as { stream?: unknown }).stream === true;
  if (!streamed) return { status: 400, body: errorBody(format, 400, 'This mock server only answers streamed requests.') };
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function record(format: AiWireFormat, req: IncomingMessage, url: URL, body: string): RecordedRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
  const pathModel = decodeURIComponent(GEMINI_STREAM_PATH.exec(url.pathname)?.[1] ?? '');
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    path: url.pathname,
    headers,
    body,
    json,
    ...viewRequest(format, json, pathModel),
  };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(format: AiWireFormat, response: StreamedResponse, request: RecordedRequest, res: ServerResponse): Promise<void> {
  const includeUsage =
    format !== 'openai' || (request.json as { stream_options?: { include_usage?: unknown } }).stream_options?.include_usage === true;
  const frames = streamFrames(format, response, { model: request.model, inputTokens: Math.ceil(request.body.length / 4), includeUsage });
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  let clientGone = false;
  res.on('close', () => (clientGone = true));
  for (const frame of frames) {
    if (clientGone || res.destroyed) return; // the client went away (a cancelled request)
    res.write(frame);
    await wait(response.delayMs ?? 0);
  }
  if (response.kind === 'drop') res.socket?.destroy();
  else res.end();
}

function allowCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Access-Control-Expose-Headers', 'retry-after, retry-after-ms, request-id, x-request-id');
  if (req.method !== 'OPTIONS') return;
  // "*" does not cover Authorization, so the requested headers are echoed back.
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
    'Access-Control-Max-Age': '600',
    // Chromium's Private Network Access asks before a page reaches a loopback server.
    ...(req.headers['access-control-request-private-network'] === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
  });
  res.end();
}

export async function startAiServer(format: AiWireFormat, options: AiServerOptions = {}): Promise<AiServer> {
  const requests: RecordedRequest[] = [];
  const queue: Script[] = [];
  let fallback: Script = options.defaultResponse ?? textReply(`Mock ${format} answer.`);
  const arrivals: (() => void)[] = [];

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    allowCors(req, res);
    if (req.method === 'OPTIONS') return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = record(format, req, url, await readBody(req));
    requests.push(request);
    arrivals.splice(0).forEach((notify) => notify());
    const refusal =
      requestRefusal(format, request, url) ??
      (options.apiKey !== undefined ? keyRefusal(format, options.apiKey, request.headers, url) : undefined);
    if (refusal) return void res.writeHead(refusal.status, { 'Content-Type': 'application/json' }).end(refusal.body);
    const script = queue.shift() ?? fallback;
    const response = typeof script === 'function' ? await script(request) : script;
    if (response.kind === 'hang') return; // never answers: the client's timeout must fire
    if (response.kind === 'error') {
      const body = response.body ?? errorBody(format, response.status, response.message, response.errorType);
      return void res.writeHead(response.status, { 'Content-Type': 'application/json', ...response.headers }).end(body);
    }
    await stream(format, response, request, res);
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      console.error('mock AI server failed', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(errorBody(format, 500, String(error)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    format,
    baseUrl: `http://127.0.0.1:${port}${BASE_PATHS[format]}`,
    requests,
    reply: (...responses) => void queue.push(...responses),
    setDefault: (response) => void (fallback = response),
    async waitForRequests(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests to the mock ${format} server, got ${requests.length}`);
        await Promise.race([new Promise<void>((resolve) => arrivals.push(resolve)), wait(50)]);
      }
      return requests.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hung and streaming responses included
        server.close(() => resolve());
      }),
  };
}
