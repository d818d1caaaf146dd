/**
 * The OpenAI Chat Completions wire format, streamed (POST {baseUrl}/chat/completions). OpenAI,
 * Groq, DeepSeek, Ollama and most self-hosted servers speak it.
 * https://platform.openai.com/docs/api-reference/chat/create and .../chat-streaming
 */
import type {
  ChatMessage,
  ChatOptions,
  ChatProvider,
  ChatRequest,
  ChatResponse,
  JsonSchema,
  ProviderId,
  ToolCall,
} from '../../domain/ai/chat';
import { providerInfo } from '../../domain/ai/providerCatalogue';
import { streamChat } from './streamChat';
import type { ProviderClientConfig } from './clientConfig';
import { arrayAt, finishAnswer, numberAt, recordAt, stringAt, type JsonObject, type StreamedAnswer } from './wire';

function toOpenAiMessage(message: ChatMessage): JsonObject {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content === '' ? null : message.content, // OpenAI wants null, not "", beside tool calls
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

/** OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…) refuse any temperature but the default. */
const REASONING_MODEL = /^(o\d|gpt-5)/i;

/** For providers without json_schema support: JSON mode needs the schema (and the word "JSON") in the prompt. */
export function jsonModeInstruction(schema: JsonSchema): string {
  return `Answer with a JSON object only, matching this JSON schema: ${JSON.stringify(schema)}`;
}

/** The messages with the JSON-mode instruction added to the first system message, or as a new one first. */
function withJsonInstruction(messages: JsonObject[], schema: JsonSchema): JsonObject[] {
  const instruction = jsonModeInstruction(schema);
  const first = messages.findIndex((message) => message.role === 'system');
  if (first < 0) return [{ role: 'system', content: instruction }, ...messages];
  return messages.map((message, index) =>
    index === first ? { ...message, content: `${String(message.content)}\n\n${instruction}` } : message,
  );
}

function responseFormat(request: ChatRequest, jsonSchema: boolean): JsonObject {
  if (!request.responseSchema) return {};
  if (!jsonSchema) return { response_format: { type: 'json_object' } };
  const { name, schema } = request.responseSchema;
  return { response_format: { type: 'json_schema', json_schema: { name, schema } } };
}

/** The body for `provider`: OpenAI itself takes max_completion_tokens, the compatible servers max_tokens. */
export function openAiRequestBody(request: ChatRequest, provider: ProviderId = 'openai'): JsonObject {
  const isOpenAi = provider === 'openai';
  const { jsonSchema } = providerInfo(provider);
  const messages = request.messages.map(toOpenAiMessage);
  const tokenLimit = isOpenAi ? 'max_completion_tokens' : 'max_tokens';
  const sendTemperature = request.temperature !== undefined && !(isOpenAi && REASONING_MODEL.test(request.model));
  const hasTools = (request.tools?.length ?? 0) > 0;
  return {
    model: request.model,
    messages: request.responseSchema && !jsonSchema ? withJsonInstruction(messages, request.responseSchema.schema) : messages,
    stream: true,
    stream_options: { include_usage: true }, // the usage arrives in one last chunk with no choices
    ...(request.maxTokens !== undefined ? { [tokenLimit]: request.maxTokens } : {}),
    ...(sendTemperature ? { temperature: request.temperature } : {}),
    ...(hasTools
      ? {
          tools: request.tools!.map((tool) => ({
            type: 'function',
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
        }
      : {}),
    // The tools stay declared (the history holds calls to them) but this answer must be text.
    ...(hasTools && request.toolChoice === 'none' ? { tool_choice: 'none' } : {}),
    ...responseFormat(request, jsonSchema),
  };
}

/** Tool calls stream as pieces keyed by index: the id and name first, then the arguments a few characters at a time. */
class ToolCallPieces {
  private readonly calls = new Map<number, ToolCall>();

  add(piece: unknown, position: number): void {
    const index = numberAt(piece, 'index') ?? position; // a few servers omit the index on single calls
    const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
    const fn = recordAt(piece, 'function');
    call.id = stringAt(piece, 'id') || call.id;
    call.name = stringAt(fn, 'name') || call.name; // sent once; a few servers repeat it
    call.arguments += stringAt(fn, 'arguments') ?? '';
    this.calls.set(index, call);
  }

  finished(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  }
}

function readChunk(chunk: JsonObject, answer: StreamedAnswer, toolCalls: ToolCallPieces, options: ChatOptions): void {
  answer.model ??= stringAt(chunk, 'model');
  const usage = recordAt(chunk, 'usage');
  if (usage) {
    answer.inputTokens = numberAt(usage, 'prompt_tokens') ?? answer.inputTokens;
    answer.outputTokens = numberAt(usage, 'completion_tokens') ?? answer.outputTokens;
  }
  for (const choice of arrayAt(chunk, 'choices')) {
    if ((numberAt(choice, 'index') ?? 0) !== 0) continue; // we never ask for n > 1
    const delta = recordAt(choice, 'delta');
    const content = stringAt(delta, 'content');
    if (content) {
      answer.text += content;
      options.onText?.(content);
    }
    arrayAt(delta, 'tool_calls').forEach((piece, position) => toolCalls.add(piece, position));
    answer.finishReason = stringAt(choice, 'finish_reason') ?? answer.finishReason;
  }
}

export function createOpenAiCompatibleProvider(config: ProviderClientConfig): ChatProvider {
  return {
    id: config.id,
    async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResponse> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
      const toolCalls = new ToolCallPieces();
      const body = JSON.stringify(openAiRequestBody(request, config.id));
      const answer = await streamChat(config, { url: `${config.baseUrl}/chat/completions`, headers, body }, options, {
        isEnd: (data) => data === '[DONE]',
        // Some compatible servers (Groq, Ollama, vLLM) report a failure after the stream began as {error: {...}}.
        isError: (chunk) => chunk.error !== undefined,
        read: (chunk, answer) => {
          readChunk(chunk, answer, toolCalls, options);
          return false; // the stream ends with [DONE]
        },
      });
      answer.toolCalls = toolCalls.finished();
      return finishAnswer(request, answer);
    },
  };
}
