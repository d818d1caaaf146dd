import { createRequire } from 'node:module';
import type { EssentiaApi } from './essentia';

/** Loads essentia.js's UMD build in Node (the CLI and tests); the worker loads the ES build. */
export function loadEssentiaNode(): EssentiaApi {
  const require = createRequire(import.meta.url);
  const { Essentia, EssentiaWASM } = require('essentia.js') as {
    Essentia: new (wasm: unknown) => EssentiaApi;
    EssentiaWASM: unknown;
  };
  return new Essentia(EssentiaWASM);
}
