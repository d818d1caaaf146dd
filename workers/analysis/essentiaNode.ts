import { createRequire } from 'node:module';
import type { EssentiaApi } from './essentia';

interface EssentiaPackage {
  Essentia: new (wasm: unknown) => EssentiaApi;
  EssentiaWASM: { HEAP8?: Int8Array };
}

const loadPackage = (): EssentiaPackage => createRequire(import.meta.url)('essentia.js') as EssentiaPackage;

/** Loads essentia.js's UMD build in Node (the CLI and tests); the browser worker loads the ES build. */
export function loadEssentiaNode(): EssentiaApi {
  const { Essentia, EssentiaWASM } = loadPackage();
  return new Essentia(EssentiaWASM);
}

/** Size of essentia's WASM heap in bytes: it grows when vectors leak. */
export function essentiaNodeHeapBytes(): number {
  return loadPackage().EssentiaWASM.HEAP8?.buffer.byteLength ?? 0;
}
