/** Types shared by the CLAP worker and its main-thread client (type-only). */
import type { ErrorInfo } from '../../src/domain/errors';
import type { ScoredLabel } from '../../src/domain/clap/vectors';

/** Where the worker reads the model files: the Cache Storage cache, or files handed over in memory. */
export type ClapSource = { kind: 'cache'; cacheName: string; origin: string } | { kind: 'files'; files: Record<string, ArrayBuffer> };

export interface ClapLoadInfo {
  backend: 'webgpu' | 'wasm';
  /** E.g. "no WebGPU adapter, using WASM". */
  note: string;
  loadMs: number;
}

/** Errors come back as values because Comlink drops an Error's `code`. */
export type ClapResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface ClapWorkerApi {
  load(source: ClapSource): Promise<ClapResult<ClapLoadInfo>>;
  /** One unit-length embedding per text. */
  embedText(texts: string[]): Promise<ClapResult<Float32Array[]>>;
  /** Mono samples at any rate (resampled to 48 kHz) -> one unit-length embedding. */
  embedAudio(samples: Float32Array, sampleRate: number): Promise<ClapResult<Float32Array>>;
  zeroShotTags(audioEmbedding: Float32Array, labels: string[]): Promise<ClapResult<ScoredLabel[]>>;
}
