/**
 * Helpers the three wire-format clients share: narrowing parsed JSON, reading stream events,
 * tool arguments as objects, and the finished ChatResponse with usage (estimated when the server
 * did not count).
 */
import { estimateTokens, type ChatRequest, type ChatResponse, type ToolCall } from '../../domain/ai/chat';
import { SampleMindError } from '../../domain/errors';

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordAt(value: unknown, key: string): JsonObject | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : undefined;
}

export function arrayAt(value: unknown, key: string): unknown[] {
  const inner = isRecord(value) ? value[key] : undefined;
  return Array.isArray(inner) ? inner : [];
}

export function stringAt(value: unknown, key: string): string | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return typeof inner === 'string' ? inner : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return typeof inner === 'number' && Number.isFinite(inner) ? inner : undefined;
}

/** One stream event's JSON; a server that sends anything else is a bad response, not a crash. */
export function parseEventJson(data: string, providerLabel: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new SampleMindError('ai_bad_response', `${providerLabel} sent a stream event that is not JSON: ${data.slice(0, 120)}`, {
      cause: error,
    });
  }
}

/** Tool arguments as an object, for formats that send them parsed (Anthropic input, Gemini args). */
export function argumentsObject(call: ToolCall): JsonObject {
  try {
    const parsed: unknown = JSON.parse(call.arguments || '{}');
    return isRecord(parsed) ? parsed : { value: parsed };
  } catch {
    // The model wrote arguments that are not JSON; send them back as text so it can see its mistake.
    return { raw: call.arguments };
  }
}

/** A JSON-looking tool result as JSON, anything else as the text it is. */
export function parseToolResult(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

export function requestText(request: ChatRequest): string {
  const messageText = request.messages.map((message) => message.content + (message.toolCalls ?? []).map((call) => call.arguments).join(''));
  const toolText = (request.tools ?? []).map((tool) => JSON.stringify(tool));
  const schemaText = request.responseSchema ? JSON.stringify(request.responseSchema.schema) : '';
  return [...messageText, ...toolText, schemaText].filter(Boolean).join('\n');
}

export interface StreamedAnswer {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string | undefined;
  model: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

export function emptyAnswer(): StreamedAnswer {
  return { text: '', toolCalls: [], finishReason: undefined, model: undefined, inputTokens: undefined, outputTokens: undefined };
}

/** The ChatResponse from what streamed in; counts the server did not report are estimated from the text. */
export function finishAnswer(request: ChatRequest, answer: StreamedAnswer): ChatResponse {
  const reported = answer.inputTokens !== undefined && answer.outputTokens !== undefined;
  const outputText = answer.text + answer.toolCalls.map((call) => call.name + call.arguments).join('');
  return {
    text: answer.text,
    toolCalls: answer.toolCalls,
    usage: {
      inputTokens: answer.inputTokens ?? estimateTokens(requestText(request)),
      outputTokens: answer.outputTokens ?? estimateTokens(outputText),
      estimated: !reported,
    },
    finishReason: answer.finishReason ?? (answer.toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    model: answer.model ?? request.model,
  };
}

export function emptyStreamError(providerLabel: string, response: Response): SampleMindError {
  const type = response.headers.get('content-type') ?? 'no content type';
  return new SampleMindError('ai_bad_response', `${providerLabel} answered without any stream events (${type}).`);
}
