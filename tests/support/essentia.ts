import { loadEssentiaNode } from '../../workers/analysis/essentiaNode';
import type { EssentiaApi } from '../../workers/analysis/essentia';

let shared: EssentiaApi | undefined;

/** One essentia instance per test file (its WASM module is a process-wide singleton anyway). */
export function essentia(): EssentiaApi {
  shared ??= loadEssentiaNode();
  return shared;
}
