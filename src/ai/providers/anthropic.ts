/**
 * The Anthropic Messages API, streamed (POST {baseUrl}/messages).
 * https://docs.anthropic.com/en/api/messages and https://docs.anthropic.com/en/api/messages-streaming
 */
import type { ChatMessage, ChatOptions, ChatProvider, ChatRequest, ChatResponse, ToolCall } from '../../domain/ai/chat';
import { streamChat } from './streamChat';
import type { ProviderClientConfig } from './clientConfig';
import { argumentsObject, finishAnswer, isRecord, numberAt, recordAt, stringAt, type JsonObject, type StreamedAnswer } from './wire';

export const ANTHROPIC_VERSION = '2023-06-01';
/** The API requires max_tokens; this is enough for the app's short answers. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

/** This API version has no structured-output parameter, so the schema goes into the system prompt. */
export function jsonOnlyInstruction(schema: { name: string; schema: unknown }): string {
  return (
    `Answer with JSON only: a single JSON value that matches the JSON Schema "${schema.name}" below, ` +
    `with no other text and no code fences.\n${JSON.stringify(schema.schema)}`
  );
}

function assistantContent(message: ChatMessage): string | JsonObject[] {
  if (!message.toolCalls?.length) return message.content;
  const toolUses = message.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: argumentsObject(call) }));
  return message.content ? [{ type: 'text', text: message.content }, ...toolUses] : toolUses;
}

/** Messages in Anthropic's shape: system apart, tool results as tool_result blocks of a user turn. */
export function anthropicMessages(messages: ChatMessage[]): { system: string[]; messages: JsonObject[] } {
  const system: string[] = [];
  const mapped: JsonObject[] = [];
  // Consecutive tool results (answers to parallel calls) and any user text after them share one user turn.
  const openUserBlocks = (): JsonObject[] | undefined => {
    const last = mapped.at(-1);
    return last?.role === 'user' && Array.isArray(last.content) ? (last.content as JsonObject[]) : undefined;
  };
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else if (message.role === 'assistant') mapped.push({ role: 'assistant', content: assistantContent(message) });
    else if (message.role === 'tool') {
      const block = { type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content };
      const blocks = openUserBlocks();
      if (blocks) blocks.push(block);
      else mapped.push({ role: 'user', content: [block] });
    } else {
      const blocks = openUserBlocks();
      if (blocks) blocks.push({ type: 'text', text: message.content });
      else mapped.push({ role: 'user', content: message.content });
    }
  }
  return { system, messages: mapped };
}

export function anthropicRequestBody(request: ChatRequest): JsonObject {
  const { system, messages } = anthropicMessages(request.messages);
  if (request.responseSchema) system.push(jsonOnlyInstruction(request.responseSchema));
  return {
    model: request.model,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    stream: true,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    messages,
    ...(request.tools?.length
      ? { tools: request.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters })) }
      : {}),
    // The tools stay declared (the history holds tool_use blocks) but this answer must be text.
    ...(request.tools?.length && request.toolChoice === 'none' ? { tool_choice: { type: 'none' } } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  };
}

const STOP_REASONS: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool_calls' };

interface ToolUseBlock {
  call: ToolCall;
  /** input_json_delta pieces, joined. */
  json: string;
  /** The input given whole at content_block_start (normally {} with the real input in deltas). */
  startInput: unknown;
}

/** Reads one event; returns true at message_stop. */
function readEvent(data: JsonObject, answer: StreamedAnswer, toolUses: Map<number, ToolUseBlock>, options: ChatOptions): boolean {
  const index = numberAt(data, 'index') ?? 0;
  switch (stringAt(data, 'type')) {
    case 'message_start': {
      const message = recordAt(data, 'message');
      const usage = recordAt(message, 'usage');
      answer.model = stringAt(message, 'model') ?? answer.model;
      // Cached prompt tokens are billed too, so they count as input.
      const cached = (numberAt(usage, 'cache_creation_input_tokens') ?? 0) + (numberAt(usage, 'cache_read_input_tokens') ?? 0);
      const input = numberAt(usage, 'input_tokens');
      if (input !== undefined) answer.inputTokens = input + cached;
      answer.outputTokens = numberAt(usage, 'output_tokens') ?? answer.outputTokens;
      return false;
    }
    case 'content_block_start': {
      const block = recordAt(data, 'content_block');
      if (stringAt(block, 'type') === 'tool_use') {
        const call = { id: stringAt(block, 'id') ?? `call_${index}`, name: stringAt(block, 'name') ?? '', arguments: '' };
        toolUses.set(index, { call, json: '', startInput: block?.input });
      }
      return false;
    }
    case 'content_block_delta': {
      const delta = recordAt(data, 'delta');
      const text = stringAt(delta, 'text');
      if (stringAt(delta, 'type') === 'text_delta' && text) {
        answer.text += text;
        options.onText?.(text);
      }
      const toolUse = toolUses.get(index);
      if (stringAt(delta, 'type') === 'input_json_delta' && toolUse) toolUse.json += stringAt(delta, 'partial_json') ?? '';
      return false;
    }
    case 'message_delta': {
      const stopReason = stringAt(recordAt(data, 'delta'), 'stop_reason');
      if (stopReason) answer.finishReason = STOP_REASONS[stopReason] ?? stopReason;
      const usage = recordAt(data, 'usage'); // output_tokens here is the running total
      answer.outputTokens = numberAt(usage, 'output_tokens') ?? answer.outputTokens;
      return false;
    }
    case 'message_stop':
      return true;
    default:
      return false; // ping, content_block_stop, and event types added after this client was written
  }
}

function finishedToolCalls(toolUses: Map<number, ToolUseBlock>): ToolCall[] {
  return [...toolUses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, block]) => {
      const given = isRecord(block.startInput) && Object.keys(block.startInput).length ? JSON.stringify(block.startInput) : '{}';
      return { ...block.call, arguments: block.json || given };
    });
}

export function createAnthropicProvider(config: ProviderClientConfig): ChatProvider {
  return {
    id: config.id,
    async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResponse> {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'anthropic-version': ANTHROPIC_VERSION,
        // Anthropic refuses calls from web pages unless they say they hold the user's own key.
        'anthropic-dangerous-direct-browser-access': 'true',
      };
      if (config.apiKey) headers['x-api-key'] = config.apiKey;
      const toolUses = new Map<number, ToolUseBlock>();
      const answer = await streamChat(
        config,
        { url: `${config.baseUrl}/messages`, headers, body: JSON.stringify(anthropicRequestBody(request)) },
        options,
        {
          isError: (data, eventName) => eventName === 'error' || data.type === 'error',
          read: (data, answer) => readEvent(data, answer, toolUses, options),
        },
      );
      answer.toolCalls = finishedToolCalls(toolUses);
      return finishAnswer(request, answer);
    },
  };
}
