// Browser entry point: the analysis pipeline behind Comlink, essentia's ES build inside.
import * as Comlink from 'comlink';
import { loadBrowserClassifier } from './analysis/classifierBrowser';
import { essentiaHeapBytes, loadEssentiaBrowser } from './analysis/essentiaBrowser';
import { createAnalysisWorkerApi } from './analysis/workerApi';

Comlink.expose(
  createAnalysisWorkerApi({ loadEssentia: loadEssentiaBrowser, loadClassifier: loadBrowserClassifier, wasmHeapBytes: essentiaHeapBytes }),
);
