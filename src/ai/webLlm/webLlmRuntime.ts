/**
 * The real WebLLM runtime: the only module that imports @mlc-ai/web-llm (several MB), loaded by
 * a dynamic import from webLlmEngine.ts the first time a model is looked up, installed or used.
 * The model runs in workers/llm.worker.ts; this side is web-llm's thin client.
 */
import {
  CreateWebWorkerMLCEngine,
  deleteChatConfigInCache,
  deleteModelAllInfoInCache,
  deleteModelWasmInCache,
  hasModelInCache,
  prebuiltAppConfig,
  type ModelRecord,
} from '@mlc-ai/web-llm';
import type { WebLlmChatEngine, WebLlmLoad, WebLlmRuntime } from './runtime';

function record(model: string): ModelRecord | undefined {
  return prebuiltAppConfig.model_list.find((entry) => entry.model_id === model);
}

export function createWebLlmRuntime(): WebLlmRuntime {
  return {
    hasModelInCache: (model) => hasModelInCache(model),
    async deleteModel(model) {
      try {
        await deleteModelAllInfoInCache(model);
      } catch {
        // A download cancelled before the weights' index arrived leaves no index to delete by
        // (web-llm then throws): the library and configuration may still be there.
        await deleteModelWasmInCache(model).catch(() => undefined);
        await deleteChatConfigInCache(model).catch(() => undefined);
      }
    },
    knows: (model) => record(model) !== undefined,
    hosts(model) {
      const entry = record(model);
      if (!entry) return [];
      return [...new Set([entry.model, entry.model_lib].map((url) => new URL(url).host))];
    },
    load(model, onProgress): WebLlmLoad {
      const worker = new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'samplemind-llm' });
      // A worker that fails to start never answers, and web-llm would wait forever: fail instead.
      const failed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => reject(event.message || 'the local AI worker failed to start'), { once: true });
      });
      const created = CreateWebWorkerMLCEngine(worker, model, {
        initProgressCallback: (report) => onProgress({ fraction: report.progress, text: report.text }),
      });
      // Typed as our subset of the engine (runtime.ts), which web-llm's WebWorkerMLCEngine satisfies.
      const engine: Promise<WebLlmChatEngine> = Promise.race([created, failed]);
      return { engine, terminate: () => worker.terminate() };
    },
  };
}
