/**
 * The Gemini API, streamed as SSE (POST {baseUrl}/models/{model}:streamGenerateContent?alt=sse).
 * The key goes in the x-goog-api-key header, never in ?key= where it would end up in logs.
 * https://ai.google.dev/api/generate-content and https://ai.google.dev/gemini-api/docs/function-calling
 */
import type { ChatMessage, ChatOptions, ChatProvider, ChatRequest, ChatResponse, JsonSchema, ToolCall } from '../../domain/ai/chat';
import { streamChat } from './streamChat';
import type { ProviderClientConfig } from './clientConfig';
import { geminiSchema } from './geminiSchema';
import {
  argumentsObject,
  arrayAt,
  finishAnswer,
  isRecord,
  numberAt,
  parseToolResult,
  recordAt,
  stringAt,
  type JsonObject,
  type StreamedAnswer,
} from './wire';

export { geminiSchema } from './geminiSchema';

/** Gemini refuses an OBJECT schema with no properties, so a tool without parameters declares none. */
function hasParameters(parameters: JsonSchema): boolean {
  return !(parameters.type === 'object' && (!isRecord(parameters.properties) || Object.keys(parameters.properties).length === 0));
}

function assistantParts(message: ChatMessage): JsonObject[] {
  const calls = (message.toolCalls ?? []).map((call) => ({ functionCall: { name: call.name, args: argumentsObject(call) } }));
  return message.content ? [{ text: message.content }, ...calls] : calls;
}

/** Contents in Gemini's shape: 'model' for the assistant, tool results as functionResponse parts of a user turn. */
export function geminiContents(messages: ChatMessage[]): { system: string[]; contents: JsonObject[] } {
  const system: string[] = [];
  const contents: { role: 'user' | 'model'; parts: JsonObject[] }[] = [];
  const toolNames = new Map<string, string>(); // functionResponse needs the name; older messages may only carry the id
  const append = (role: 'user' | 'model', parts: JsonObject[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    // One turn per role: parallel calls' results belong together, and Gemini expects turns to alternate.
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else if (message.role === 'user') append('user', [{ text: message.content }]);
    else if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
      append('model', assistantParts(message));
    } else {
      const name = message.toolName ?? toolNames.get(message.toolCallId ?? '') ?? 'tool';
      append('user', [{ functionResponse: { name, response: { result: parseToolResult(message.content) } } }]);
    }
  }
  return { system, contents };
}

export function geminiRequestBody(request: ChatRequest): JsonObject {
  const { system, contents } = geminiContents(request.messages);
  const generationConfig: JsonObject = {
    ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.responseSchema
      ? { responseMimeType: 'application/json', responseSchema: geminiSchema(request.responseSchema.schema) }
      : {}),
  };
  const functionDeclarations = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    description: tool.description,
    ...(hasParameters(tool.parameters) ? { parameters: geminiSchema(tool.parameters) } : {}),
  }));
  return {
    contents,
    ...(system.length ? { systemInstruction: { parts: [{ text: system.join('\n\n') }] } } : {}),
    ...(functionDeclarations.length ? { tools: [{ functionDeclarations }] } : {}),
    // The tools stay declared (the history calls them) but this answer must be text.
    ...(functionDeclarations.length && request.toolChoice === 'none' ? { toolConfig: { functionCallingConfig: { mode: 'NONE' } } } : {}),
    ...(Object.keys(generationConfig).length ? { generationConfig } : {}),
  };
}

function modelPath(model: string): string {
  return encodeURIComponent(model.replace(/^models\//, ''));
}

function readResponse(data: JsonObject, answer: StreamedAnswer, toolCalls: ToolCall[], options: ChatOptions): void {
  answer.model = stringAt(data, 'modelVersion') ?? answer.model;
  const usage = recordAt(data, 'usageMetadata');
  if (usage) {
    answer.inputTokens = numberAt(usage, 'promptTokenCount') ?? answer.inputTokens;
    const candidates = numberAt(usage, 'candidatesTokenCount');
    // Thinking models bill their thoughts as output too.
    if (candidates !== undefined) answer.outputTokens = candidates + (numberAt(usage, 'thoughtsTokenCount') ?? 0);
  }
  const blockReason = stringAt(recordAt(data, 'promptFeedback'), 'blockReason');
  if (blockReason) answer.finishReason = blockReason;
  const candidate = arrayAt(data, 'candidates')[0];
  for (const part of arrayAt(recordAt(candidate, 'content'), 'parts')) {
    if (!isRecord(part) || part.thought === true) continue; // thought summaries are not the answer
    const text = stringAt(part, 'text');
    if (text) {
      answer.text += text;
      options.onText?.(text);
    }
    const functionCall = recordAt(part, 'functionCall');
    if (functionCall) {
      const id = stringAt(functionCall, 'id') || `call_${toolCalls.length}`; // Gemini often sends no id
      toolCalls.push({ id, name: stringAt(functionCall, 'name') ?? '', arguments: JSON.stringify(functionCall.args ?? {}) });
    }
  }
  const finishReason = stringAt(candidate, 'finishReason');
  if (finishReason) answer.finishReason = finishReason;
}

function normalisedFinish(reason: string | undefined, toolCalls: ToolCall[]): string | undefined {
  if (reason === 'STOP') return toolCalls.length ? 'tool_calls' : 'stop'; // Gemini says STOP after function calls too
  if (reason === 'MAX_TOKENS') return 'length';
  return reason;
}

export function createGeminiProvider(config: ProviderClientConfig): ChatProvider {
  return {
    id: config.id,
    async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResponse> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.apiKey) headers['x-goog-api-key'] = config.apiKey;
      const toolCalls: ToolCall[] = [];
      const url = `${config.baseUrl}/models/${modelPath(request.model)}:streamGenerateContent?alt=sse`;
      const answer = await streamChat(config, { url, headers, body: JSON.stringify(geminiRequestBody(request)) }, options, {
        isError: (data) => data.error !== undefined,
        read: (data, answer) => {
          readResponse(data, answer, toolCalls, options);
          return false;
        },
      });
      answer.toolCalls = toolCalls;
      answer.finishReason = normalisedFinish(answer.finishReason, toolCalls);
      return finishAnswer(request, answer);
    },
  };
}
