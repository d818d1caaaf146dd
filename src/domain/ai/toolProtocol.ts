/**
 * Tools and structured answers for models without native function calling (the small in-browser
 * models): the tools are described in the system message, and the model must reply with one JSON
 * object, either {"tool_calls":[{"name":…,"arguments":{…}}]} or {"answer":…}. The caller enforces
 * that shape with a JSON-schema grammar (`toolProtocolSchema`), so a well-formed reply is the
 * norm; `parseToolReply` still checks everything, because a reply cut off by the token limit is not.
 * With toolChoice 'none' no tool-call branch is offered: the model is asked for a plain answer (or
 * the caller's schema), and earlier calls and results show in the history as text.
 * Pure: no model runtime here, so the prompt building and parsing are unit-tested.
 */
import { SampleMindError } from '../errors';
import type { ChatMessage, ChatRequest, JsonSchema, ToolCall, ToolDefinition } from './chat';
import { isRecord } from '../json';

/** What chat-template models take: one system message first, tool results folded into user turns. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON-schema constraint for the runtime's grammar (web-llm's response_format, schema as text). */
export interface JsonResponseFormat {
  type: 'json_object';
  schema: string;
}

export type PromptRequest = Pick<ChatRequest, 'messages' | 'tools' | 'toolChoice' | 'responseSchema'>;

/** Whether the reply may call tools: some are offered and toolChoice is not 'none'. */
export function usesToolProtocol(request: PromptRequest): boolean {
  return (request.tools?.length ?? 0) > 0 && request.toolChoice !== 'none';
}

/** Tools declared but not to be called now (toolChoice 'none'): earlier calls are history, the reply is an answer. */
function toolsWithheld(request: PromptRequest): boolean {
  return (request.tools?.length ?? 0) > 0 && request.toolChoice === 'none';
}

/** The request's messages as the model should see them (see the module comment). */
export function buildPromptMessages(request: PromptRequest): PromptMessage[] {
  const protocol = usesToolProtocol(request);
  const system: string[] = [];
  const turns: PromptMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of request.messages) {
    for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
    if (message.role === 'system') system.push(message.content);
    else turns.push(turnFor(message, protocol, request.responseSchema !== undefined, toolNames));
  }
  if (protocol) system.push(toolInstructions(request.tools ?? [], request.responseSchema?.schema));
  else {
    if (toolsWithheld(request)) system.push(NO_TOOLS_INSTRUCTION);
    if (request.responseSchema) system.push(schemaInstruction(request.responseSchema.schema));
  }

  const merged: PromptMessage[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    // Chat templates expect turns to alternate: two results in a row become one user turn.
    if (last && last.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else merged.push({ ...turn });
  }
  if (merged.at(-1)?.role !== 'user') {
    throw new SampleMindError('bad_request', 'A chat must end with a user message or a tool result before the local model can answer.');
  }
  const systemText = system.filter((part) => part.trim() !== '').join('\n\n');
  return systemText === '' ? merged : [{ role: 'system', content: systemText }, ...merged];
}

function turnFor(message: ChatMessage, protocol: boolean, structured: boolean, toolNames: ReadonlyMap<string, string>): PromptMessage {
  if (message.role === 'tool') {
    const name = message.toolName ?? (message.toolCallId !== undefined ? toolNames.get(message.toolCallId) : undefined) ?? 'unknown';
    return { role: 'user', content: `Result of tool ${name}:\n${message.content}` };
  }
  if (message.role === 'user') return { role: 'user', content: message.content };
  const calls = message.toolCalls ?? [];
  if (protocol) {
    // Earlier assistant turns are shown in the protocol's own shape, so the model keeps to it.
    const reply =
      calls.length > 0
        ? { tool_calls: calls.map((call) => ({ name: call.name, arguments: jsonOrText(call.arguments) })) }
        : { answer: structured ? jsonOrText(message.content) : message.content };
    return { role: 'assistant', content: JSON.stringify(reply) };
  }
  const called = calls.map((call) => `Called tool ${call.name} with ${call.arguments}`);
  return { role: 'assistant', content: [message.content, ...called].filter((part) => part !== '').join('\n') };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toolInstructions(tools: readonly ToolDefinition[], answerSchema?: JsonSchema): string {
  const list = tools.map((tool) => `- ${tool.name}: ${tool.description}\n  arguments (JSON Schema): ${JSON.stringify(tool.parameters)}`);
  const answer = answerSchema
    ? `{"answer": <a JSON value matching this JSON Schema: ${JSON.stringify(answerSchema)}>}`
    : '{"answer": "<your answer to the user>"}';
  return [
    'You can use these tools:',
    ...list,
    '',
    'Reply with exactly one JSON object and nothing else:',
    '- to use tools: {"tool_calls": [{"name": "<tool name>", "arguments": {<arguments>}}]}',
    `- to answer: ${answer}`,
    'Use a tool only when you need its result. When tool results are given, use them to answer.',
  ].join('\n');
}

export const NO_TOOLS_INSTRUCTION =
  'No tools can be used for this reply: do not ask for one, answer the user directly, using the tool results above where there are any.';

export function schemaInstruction(schema: JsonSchema): string {
  return `Reply with exactly one JSON object that matches this JSON Schema, and nothing else: ${JSON.stringify(schema)}`;
}

/** The grammar for a protocol reply: tool calls naming only the given tools with their argument schemas, or an answer. */
export function toolProtocolSchema(tools: readonly ToolDefinition[], answerSchema?: JsonSchema): JsonSchema {
  const call = (tool: ToolDefinition): JsonSchema => ({
    type: 'object',
    properties: { name: { type: 'string', enum: [tool.name] }, arguments: tool.parameters },
    required: ['name', 'arguments'],
    additionalProperties: false,
  });
  return {
    anyOf: [
      {
        type: 'object',
        properties: { tool_calls: { type: 'array', minItems: 1, items: { anyOf: tools.map(call) } } },
        required: ['tool_calls'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: { answer: answerSchema ?? { type: 'string' } },
        required: ['answer'],
        additionalProperties: false,
      },
    ],
  };
}

/** The response_format for a request: the protocol's grammar with tools, the caller's schema for a structured answer, else none. */
export function responseFormatFor(request: PromptRequest): JsonResponseFormat | undefined {
  if (usesToolProtocol(request)) {
    return { type: 'json_object', schema: JSON.stringify(toolProtocolSchema(request.tools ?? [], request.responseSchema?.schema)) };
  }
  if (request.responseSchema) return { type: 'json_object', schema: JSON.stringify(request.responseSchema.schema) };
  return undefined;
}

let callCounter = 0;
const defaultCallId = (): string => `call_${Date.now().toString(36)}_${(callCounter++).toString(36)}`;

/**
 * A protocol reply as text and tool calls (arguments as JSON text, as ChatResponse carries them).
 * Anything else, including a tool not offered, is 'ai_bad_response': a small model's mistake is
 * reported, never guessed at.
 */
export function parseToolReply(
  text: string,
  tools: readonly ToolDefinition[],
  newId: () => string = defaultCallId,
): { text: string; toolCalls: ToolCall[] } {
  const reply = parseObject(text);
  if (Array.isArray(reply.tool_calls) && reply.tool_calls.length > 0) {
    const offered = new Set(tools.map((tool) => tool.name));
    const toolCalls = reply.tool_calls.map((item: unknown): ToolCall => {
      const call = isRecord(item) ? item : {};
      const name = typeof call.name === 'string' ? call.name : '';
      if (!offered.has(name)) {
        throw badReply(name === '' ? 'a tool call without a tool name' : `a tool that was not offered ("${name}")`, text);
      }
      return { id: newId(), name, arguments: JSON.stringify(toolArguments(call.arguments, text)) };
    });
    return { text: '', toolCalls };
  }
  if ('answer' in reply) {
    const answer = reply.answer;
    return { text: typeof answer === 'string' ? answer : JSON.stringify(answer), toolCalls: [] };
  }
  throw badReply('neither tool calls nor an answer', text);
}

function toolArguments(value: unknown, text: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  // Some models write the arguments as a JSON string, as OpenAI's wire format does.
  const parsed = typeof value === 'string' ? jsonOrText(value) : value;
  if (isRecord(parsed)) return parsed;
  throw badReply('tool arguments that are not a JSON object', text);
}

function parseObject(text: string): Record<string, unknown> {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw badReply(body === '' ? 'an empty reply' : 'text that is not valid JSON (it may have been cut off)', text);
  }
  if (!isRecord(value)) throw badReply('JSON that is not an object', text);
  return value;
}

function badReply(what: string, text: string): SampleMindError {
  const snippet = text.length > 160 ? `${text.slice(0, 160)}…` : text;
  return new SampleMindError('ai_bad_response', `The local model answered with ${what} instead of a tool call or an answer: ${snippet}`);
}
