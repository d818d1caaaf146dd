/**
 * The parts of web-llm the local-AI manager uses, as plain types. The real implementation
 * (webLlmRuntime.ts) is the only module that imports @mlc-ai/web-llm; tests pass a fake, so the
 * lifecycle, cancellation and error handling are tested without a GPU or a model.
 */
import type { JsonResponseFormat, PromptMessage } from '../../domain/ai/toolProtocol';

/** Download and load progress: fraction 0..1 and web-llm's own line ("Fetching param cache[3/20]: …"). */
export interface WebLlmProgress {
  fraction: number;
  text: string;
}

/** What is sent to engine.chat.completions.create (an OpenAI-style streaming request). */
export interface WebLlmChatParams {
  messages: PromptMessage[];
  stream: true;
  stream_options: { include_usage: true };
  max_tokens?: number;
  temperature?: number;
  response_format?: JsonResponseFormat;
}

export interface WebLlmChunk {
  choices: Array<{ delta: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface WebLlmChatEngine {
  chat: { completions: { create(params: WebLlmChatParams): Promise<AsyncIterable<WebLlmChunk>> } };
  /** Stops the running generation; its stream ends early. */
  interruptGenerate(): void;
}

/** A model loading in its own worker. Terminating the worker frees its graphics memory at once. */
export interface WebLlmLoad {
  engine: Promise<WebLlmChatEngine>;
  terminate(): void;
}

export interface WebLlmRuntime {
  /** True when every weight file of the model is in the browser's cache. */
  hasModelInCache(model: string): Promise<boolean>;
  /** Deletes the model's weights, WASM library and configuration from the cache. */
  deleteModel(model: string): Promise<void>;
  /** Starts a worker and loads the model into it, downloading whatever is not cached. */
  load(model: string, onProgress: (progress: WebLlmProgress) => void): WebLlmLoad;
  /** Whether web-llm has a record for this id. */
  knows(model: string): boolean;
  /** The hosts a model downloads from (weights, WASM library), for error messages. */
  hosts(model: string): string[];
}
