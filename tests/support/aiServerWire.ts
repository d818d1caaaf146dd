/**
 * What the mock AI servers send, byte for byte in each provider's documented streaming shape:
 * OpenAI chat.completion.chunk lines ending in `data: [DONE]`, Anthropic's named Messages events,
 * Gemini's `data:` lines of GenerateContentResponse (CRLF-separated, as Google sends them), and
 * each format's error body.
 */

export type AiWireFormat = 'openai' | 'anthropic' | 'gemini';

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ScriptedToolCall {
  name: string;
  /** The arguments object (sent as JSON text, or as an object where the format does that). */
  arguments: unknown;
  /** The call id (OpenAI, Anthropic); Gemini sends none. Defaults to call_mock_<n> / toolu_mock_<n>. */
  id?: string;
}

interface StreamedParts {
  /** Pause between frames, so a test can cancel mid-answer. */
  delayMs?: number;
  /** Usage to report; false reports none (OpenAI omits the usage chunk, Anthropic the usage fields, Gemini usageMetadata). */
  usage?: ScriptedUsage | false;
}

/** A streamed text answer. */
export interface TextScript extends StreamedParts {
  kind: 'text';
  text: string;
  /** Pieces to stream the text in (default 3). */
  chunks?: number;
  /** The format's own finish word (default stop / end_turn / STOP). */
  finishReason?: string;
}

/** One or several tool calls, optionally after some text. */
export interface ToolCallsScript extends StreamedParts {
  kind: 'toolCalls';
  calls: ScriptedToolCall[];
  text?: string;
  /** Pieces each call's argument JSON is streamed in (default 3). */
  argumentPieces?: number;
}

/** An HTTP error in the format's error shape. */
export interface ErrorScript {
  kind: 'error';
  status: number;
  message?: string;
  /** The format's error type / status word (default from the status). */
  errorType?: string;
  headers?: Record<string, string>;
  /** A raw body instead of the format's shape. */
  body?: string;
}

/** A stream that starts, then reports an error in the format's in-stream shape. */
export interface StreamErrorScript extends StreamedParts {
  kind: 'streamError';
  /** Text streamed before the failure. */
  text?: string;
  errorType?: string;
  message?: string;
}

/** A stream whose connection is cut after some text. */
export interface DropScript extends StreamedParts {
  kind: 'drop';
  text?: string;
}

/** Never answers (for timeouts). */
export interface HangScript {
  kind: 'hang';
}

export type ScriptedResponse = TextScript | ToolCallsScript | ErrorScript | StreamErrorScript | DropScript | HangScript;
export type StreamedResponse = TextScript | ToolCallsScript | StreamErrorScript | DropScript;

export interface StreamContext {
  model: string;
  /** Counted from the request when the script gives no usage. */
  inputTokens: number;
  /** OpenAI sends the usage chunk only when stream_options.include_usage asked for it. */
  includeUsage: boolean;
}

const MOCK_CREATED = 1_700_000_000;

export function splitInto(text: string, pieces: number): string[] {
  const characters = Array.from(text); // never split a character made of two UTF-16 units
  if (characters.length === 0) return [];
  const size = Math.ceil(characters.length / Math.max(1, pieces));
  const parts: string[] = [];
  for (let at = 0; at < characters.length; at += size) parts.push(characters.slice(at, at + size).join(''));
  return parts;
}

function usageOf(response: StreamedResponse, context: StreamContext): ScriptedUsage | undefined {
  if (response.usage === false) return undefined;
  if (response.usage) return response.usage;
  const calls = response.kind === 'toolCalls' ? response.calls.map((call) => call.name + JSON.stringify(call.arguments)).join('') : '';
  return { inputTokens: context.inputTokens, outputTokens: Math.ceil(((response.text ?? '') + calls).length / 4) || 1 };
}

const callId = (format: AiWireFormat, call: ScriptedToolCall, index: number): string =>
  call.id ?? (format === 'anthropic' ? `toolu_mock_${index}` : `call_mock_${index}`);
const sse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
const named = (data: { type: string; [field: string]: unknown }): string => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

function openAiFrames(response: StreamedResponse, context: StreamContext): string[] {
  const base = {
    id: 'chatcmpl-mock',
    object: 'chat.completion.chunk',
    created: MOCK_CREATED,
    model: context.model,
    system_fingerprint: 'fp_mock',
  };
  const nullUsage = context.includeUsage ? { usage: null } : {};
  const chunk = (delta: unknown, finishReason: string | null): string =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...nullUsage });
  const frames = [chunk({ role: 'assistant', content: '', refusal: null }, null)];
  for (const piece of splitInto(response.text ?? '', response.kind === 'text' ? (response.chunks ?? 3) : 3))
    frames.push(chunk({ content: piece }, null));
  if (response.kind === 'streamError') {
    const error = {
      message: response.message ?? 'The server had an error while processing your request.',
      type: response.errorType ?? 'server_error',
    };
    return [...frames, sse({ error: { ...error, param: null, code: null } })];
  }
  if (response.kind === 'drop') return frames;
  if (response.kind === 'toolCalls') {
    response.calls.forEach((call, index) => {
      const id = callId('openai', call, index);
      frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }, null));
      for (const piece of splitInto(JSON.stringify(call.arguments), response.argumentPieces ?? 3)) {
        frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
      }
    });
  }
  frames.push(chunk({}, response.kind === 'toolCalls' ? 'tool_calls' : (response.finishReason ?? 'stop')));
  const usage = usageOf(response, context);
  if (context.includeUsage && usage) {
    const counts = {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    };
    frames.push(sse({ ...base, choices: [], usage: counts }));
  }
  return [...frames, 'data: [DONE]\n\n'];
}

function anthropicFrames(response: StreamedResponse, context: StreamContext): string[] {
  const usage = usageOf(response, context);
  const message = {
    id: 'msg_mock',
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const frames = [
    named({
      type: 'message_start',
      message: { ...message, ...(usage ? { usage: { input_tokens: usage.inputTokens, output_tokens: 1 } } : {}) },
    }),
  ];
  let index = 0;
  const textPieces = splitInto(response.text ?? '', response.kind === 'text' ? (response.chunks ?? 3) : 3);
  if (textPieces.length > 0) {
    frames.push(named({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }), named({ type: 'ping' }));
    for (const text of textPieces) frames.push(named({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
    if (response.kind !== 'streamError' && response.kind !== 'drop') frames.push(named({ type: 'content_block_stop', index: index++ }));
  }
  if (response.kind === 'streamError') {
    return [
      ...frames,
      named({ type: 'error', error: { type: response.errorType ?? 'overloaded_error', message: response.message ?? 'Overloaded' } }),
    ];
  }
  if (response.kind === 'drop') return frames;
  const calls = response.kind === 'toolCalls' ? response.calls : [];
  calls.forEach((call, callIndex) => {
    const block = { type: 'tool_use', id: callId('anthropic', call, callIndex), name: call.name, input: {} };
    frames.push(named({ type: 'content_block_start', index, content_block: block }));
    for (const partial_json of [
      '',
      ...splitInto(JSON.stringify(call.arguments), response.kind === 'toolCalls' ? (response.argumentPieces ?? 3) : 3),
    ]) {
      frames.push(named({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }));
    }
    frames.push(named({ type: 'content_block_stop', index }));
    index++;
  });
  const stopReason = calls.length ? 'tool_use' : response.kind === 'text' && response.finishReason ? response.finishReason : 'end_turn';
  frames.push(
    named({
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      ...(usage ? { usage: { output_tokens: usage.outputTokens } } : {}),
    }),
    named({ type: 'message_stop' }),
  );
  return frames;
}

function geminiFrames(response: StreamedResponse, context: StreamContext): string[] {
  const usage = usageOf(response, context);
  const frame = (parts: unknown[], last: boolean): string => {
    const counts =
      usage && last ? { candidatesTokenCount: usage.outputTokens, totalTokenCount: usage.inputTokens + usage.outputTokens } : {};
    const usageMetadata = usage ? { usageMetadata: { promptTokenCount: usage.inputTokens, ...counts } } : {};
    const candidate = {
      content: { parts, role: 'model' },
      ...(last ? { finishReason: response.kind === 'text' ? (response.finishReason ?? 'STOP') : 'STOP' } : {}),
      index: 0,
    };
    return `data: ${JSON.stringify({ candidates: [candidate], ...usageMetadata, modelVersion: context.model, responseId: 'mock-response' })}\r\n\r\n`;
  };
  const textPieces = splitInto(response.text ?? '', response.kind === 'text' ? (response.chunks ?? 3) : 3);
  const calls = response.kind === 'toolCalls' ? response.calls : [];
  const finished = response.kind === 'text' || response.kind === 'toolCalls';
  const frames = textPieces.map((text, index) => frame([{ text }], finished && calls.length === 0 && index === textPieces.length - 1));
  if (response.kind === 'streamError') {
    const error = {
      code: 503,
      message: response.message ?? 'The model is overloaded. Please try again later.',
      status: response.errorType ?? 'UNAVAILABLE',
    };
    return [...frames, `data: ${JSON.stringify({ error })}\r\n\r\n`];
  }
  if (calls.length > 0)
    frames.push(
      frame(
        calls.map((call) => ({ functionCall: { name: call.name, args: call.arguments } })),
        true,
      ),
    );
  return frames;
}

export function streamFrames(format: AiWireFormat, response: StreamedResponse, context: StreamContext): string[] {
  if (format === 'openai') return openAiFrames(response, context);
  if (format === 'anthropic') return anthropicFrames(response, context);
  return geminiFrames(response, context);
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};
const GEMINI_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Invalid authentication.',
  403: 'Permission denied.',
  404: 'Not found.',
  429: 'Rate limit reached. Please try again later.',
  500: 'Internal server error.',
  503: 'The service is unavailable.',
  529: 'Overloaded',
};

/** The error body each format documents. `extra` adds fields (Gemini's details). */
export function errorBody(
  format: AiWireFormat,
  status: number,
  message?: string,
  errorType?: string,
  extra: Record<string, unknown> = {},
): string {
  const text = message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
  if (format === 'anthropic')
    return JSON.stringify({ type: 'error', error: { type: errorType ?? ANTHROPIC_ERROR_TYPES[status] ?? 'api_error', message: text } });
  if (format === 'gemini')
    return JSON.stringify({ error: { code: status, message: text, status: errorType ?? GEMINI_STATUSES[status] ?? 'UNKNOWN', ...extra } });
  const type = errorType ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error');
  return JSON.stringify({ error: { message: text, type, param: null, code: status === 401 ? 'invalid_api_key' : null, ...extra } });
}
