import type { AnalysisDeps } from '../../workers/analysis/analyseSample';
import { loadNodeClassifier } from '../../workers/analysis/classifierNode';
import type { EssentiaApi } from '../../workers/analysis/essentia';
import { loadEssentiaNode } from '../../workers/analysis/essentiaNode';

let shared: EssentiaApi | undefined;

/** One essentia instance per test file (its WASM module is a process-wide singleton anyway). */
export function essentia(): EssentiaApi {
  shared ??= loadEssentiaNode();
  return shared;
}

/** The real pipeline's dependencies in Node: essentia and the shipped ONNX classifier. */
export async function analysisDeps(): Promise<AnalysisDeps> {
  return { essentia: essentia(), classifier: await loadNodeClassifier() };
}
