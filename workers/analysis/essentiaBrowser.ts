import { EssentiaWASM } from 'essentia.js/dist/essentia-wasm.es.js';
import Essentia from 'essentia.js/dist/essentia.js-core.es.js';
import type { EssentiaApi } from './essentia';

interface EmscriptenModule {
  calledRun?: boolean;
  onRuntimeInitialized?: () => void;
  HEAP8?: Int8Array;
}

let loading: Promise<EssentiaApi> | undefined;

/** essentia's ES build with its WASM inlined; instantiated once per worker. */
export function loadEssentiaBrowser(): Promise<EssentiaApi> {
  loading ??= new Promise<EssentiaApi>((resolve) => {
    const module = EssentiaWASM as EmscriptenModule;
    const ready = (): void => resolve(new Essentia(EssentiaWASM) as EssentiaApi);
    if (module.calledRun) ready();
    else module.onRuntimeInitialized = ready;
  });
  return loading;
}

/** Size of essentia's WASM heap in bytes: it grows when vectors leak. */
export function essentiaHeapBytes(): number {
  return (EssentiaWASM as EmscriptenModule).HEAP8?.buffer.byteLength ?? 0;
}
