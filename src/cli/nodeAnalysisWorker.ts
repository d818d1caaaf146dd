import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { WorkerHandle } from '../services/analysisPool';

/** A worker thread running workers/analysis.node.ts (TypeScript, loaded through tsx). */
export function createNodeAnalysisWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/analysis.node-bootstrap.mjs', import.meta.url));
  worker.unref(); // an idle pool must not keep the CLI alive
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onCrash: (listener) => {
      worker.removeAllListeners('error');
      worker.on('error', (error) => listener(error.message));
    },
  };
}
