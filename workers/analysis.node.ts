// Node worker-thread entry point (batch analyser, integration tests): the same pipeline and API
// as the browser worker, with essentia's Node build.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { loadNodeClassifier } from './analysis/classifierNode';
import { essentiaNodeHeapBytes, loadEssentiaNode } from './analysis/essentiaNode';
import { createAnalysisWorkerApi } from './analysis/workerApi';

if (!parentPort) throw new Error('analysis.node.ts must run as a worker thread');
const essentia = loadEssentiaNode();
Comlink.expose(
  createAnalysisWorkerApi({
    loadEssentia: () => Promise.resolve(essentia),
    loadClassifier: loadNodeClassifier,
    wasmHeapBytes: essentiaNodeHeapBytes,
  }),
  nodeEndpoint(parentPort),
);
