/// <reference lib="webworker" />
/**
 * The local language model's worker: web-llm's handler owns the engine (WebGPU, weights, the
 * tokenizer) and answers src/ai/webLlm/webLlmRuntime.ts's client. Started only when the user
 * installs or uses a local model; terminating it frees the graphics memory.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (message: MessageEvent) => handler.onmessage(message);
