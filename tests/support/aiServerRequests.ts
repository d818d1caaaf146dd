/**
 * What a recorded chat request asked, read the same way for all three wire formats, so a test's
 * responder can answer by content ("a tool result is in: now give the final answer").
 */
import type { AiWireFormat } from './aiServerWire';

export interface ToolResultSeen {
  /** tool_call_id (OpenAI) / tool_use_id (Anthropic); Gemini results carry only the name. */
  callId?: string;
  name?: string;
  /** The result as text (Gemini's structured result is JSON-encoded). */
  content: string;
}

export interface RequestView {
  model: string;
  /** All system text, joined with blank lines. */
  system: string;
  /** The text of the last user turn that has text ("" if none). */
  lastUserText: string;
  toolResults: ToolResultSeen[];
  /** Names of the tools offered. */
  toolNames: string[];
  /** How many turns (messages / contents) the request holds. */
  turnCount: number;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Text of string content or of the text blocks/parts in it. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return list(content)
    .map((block) => text(block.text))
    .filter(Boolean)
    .join('\n');
}

function openAiView(body: Json): Omit<RequestView, 'model'> {
  const messages = list(body.messages);
  const names = new Map<string, string>();
  for (const call of messages.flatMap((message) => list(message.tool_calls)))
    names.set(text(call.id), text(isJson(call.function) ? call.function.name : ''));
  const userTexts = messages.filter((message) => message.role === 'user').map((message) => textOf(message.content));
  return {
    system: messages
      .filter((message) => message.role === 'system' || message.role === 'developer')
      .map((message) => textOf(message.content))
      .join('\n\n'),
    lastUserText: userTexts.filter(Boolean).at(-1) ?? '',
    toolResults: messages
      .filter((message) => message.role === 'tool')
      .map((message) => ({
        callId: text(message.tool_call_id),
        name: names.get(text(message.tool_call_id)),
        content: textOf(message.content),
      })),
    toolNames: list(body.tools).map((tool) => text(isJson(tool.function) ? tool.function.name : '')),
    turnCount: messages.length,
  };
}

function anthropicView(body: Json): Omit<RequestView, 'model'> {
  const messages = list(body.messages);
  const blocks = messages.flatMap((message) => list(message.content));
  const names = new Map(blocks.filter((block) => block.type === 'tool_use').map((block) => [text(block.id), text(block.name)]));
  const userTexts = messages.filter((message) => message.role === 'user').map((message) => textOf(message.content));
  return {
    system: textOf(body.system),
    lastUserText: userTexts.filter(Boolean).at(-1) ?? '',
    toolResults: blocks
      .filter((block) => block.type === 'tool_result')
      .map((block) => ({ callId: text(block.tool_use_id), name: names.get(text(block.tool_use_id)), content: textOf(block.content) })),
    toolNames: list(body.tools).map((tool) => text(tool.name)),
    turnCount: messages.length,
  };
}

function geminiView(body: Json): Omit<RequestView, 'model'> {
  const contents = list(body.contents);
  const parts = contents.flatMap((content) => list(content.parts));
  const userTexts = contents.filter((content) => content.role === 'user').map((content) => textOf(content.parts));
  return {
    system: isJson(body.systemInstruction) ? textOf(body.systemInstruction.parts) : '',
    lastUserText: userTexts.filter(Boolean).at(-1) ?? '',
    toolResults: parts
      .map((part) => part.functionResponse)
      .filter(isJson)
      .map((response) => {
        const result: unknown = isJson(response.response) && 'result' in response.response ? response.response.result : response.response;
        return { name: text(response.name), content: typeof result === 'string' ? result : JSON.stringify(result) };
      }),
    toolNames: list(body.tools).flatMap((tool) => list(tool.functionDeclarations).map((declaration) => text(declaration.name))),
    turnCount: contents.length,
  };
}

/** Reads a request body; `pathModel` is the model named in a Gemini URL. */
export function viewRequest(format: AiWireFormat, body: unknown, pathModel: string): RequestView {
  const json = isJson(body) ? body : {};
  if (format === 'gemini') return { model: pathModel, ...geminiView(json) };
  return { model: text(json.model), ...(format === 'openai' ? openAiView(json) : anthropicView(json)) };
}
