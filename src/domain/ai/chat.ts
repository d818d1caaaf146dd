/**
 * The one chat shape every AI provider speaks to the rest of the app (src/ai/providers translate
 * it to and from each wire format). Pure types: the router, the budget and the tasks use them
 * without knowing which provider answers.
 */

/** Every provider the user can enable. 'webllm' runs in the browser; 'ollama' and 'custom' are servers the user names by URL. */
export type ProviderId = 'webllm' | 'ollama' | 'openai' | 'anthropic' | 'gemini' | 'groq' | 'deepseek' | 'custom';

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  /** The provider's id for the call (generated where the wire format has none, e.g. Gemini). */
  id: string;
  name: string;
  /** The arguments as the model wrote them: JSON text, not yet validated. */
  arguments: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** On an assistant message: the tools it asked for. */
  toolCalls?: ToolCall[];
  /** On a tool message: which call this is the result of. */
  toolCallId?: string;
  /** On a tool message: the tool's name (Gemini's functionResponse needs it). */
  toolName?: string;
}

/** A JSON Schema object, as providers accept it for tools and structured output. */
export type JsonSchema = { [key: string]: unknown };

export interface ToolDefinition {
  name: string;
  description: string;
  parameters: JsonSchema;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** 'none': the tools stay declared (the history holds calls to them) but the model must answer in text. Default 'auto'. */
  toolChoice?: 'auto' | 'none';
  /** Ask for a JSON answer matching this schema (OpenAI json_schema, Gemini responseSchema; Anthropic by instruction). */
  responseSchema?: { name: string; schema: JsonSchema };
  maxTokens?: number;
  temperature?: number;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the provider reported no usage and the counts are estimated from the text. */
  estimated: boolean;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: ChatUsage;
  /** 'stop', 'length', 'tool_calls' or the provider's own word. */
  finishReason: string;
  model: string;
}

/** Exactly what went over the wire, for the request log: the key is in a header and never here. */
export interface SentRequest {
  url: string;
  body: string;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Each piece of streamed answer text as it arrives. */
  onText?: (delta: string) => void;
  /** Called with each request as it is sent (once per retry). */
  onSend?: (sent: SentRequest) => void;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
  /** Retries on 429/5xx/network failure; default 2. */
  retries?: number;
}

export interface ChatProvider {
  readonly id: ProviderId;
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResponse>;
}

/** A rough token count for text a provider did not count (about four characters a token in English). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
