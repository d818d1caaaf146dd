import * as Comlink from 'comlink';
import { CLAP_CACHE_NAME } from '../../domain/clap/manifest';
import type { ScoredLabel } from '../../domain/clap/vectors';
import { SampleMindError } from '../../domain/errors';
import type { ClapLoadInfo, ClapResult, ClapSource, ClapWorkerApi } from '../../../workers/clap/contracts';

export type { ClapLoadInfo, ClapSource } from '../../../workers/clap/contracts';

export interface ClapWorkerHandle {
  terminate(): void;
}

/** The CLAP worker, built by Vite as its own chunk: transformers.js never enters the main bundle. */
export function createBrowserClapWorker(): Worker {
  return new Worker(new URL('../../../workers/clap.worker.ts', import.meta.url), { type: 'module', name: 'clap' });
}

/** The model files in the app's Cache Storage (where ClapModelManager puts them). */
export function cacheSource(cacheName: string = CLAP_CACHE_NAME, origin: string = self.location.origin): ClapSource {
  return { kind: 'cache', cacheName, origin };
}

function unwrap<T>(result: ClapResult<T>): T {
  if (!result.ok) throw new SampleMindError(result.error.code, result.error.message);
  return result.value;
}

/**
 * The main-thread side of the CLAP worker: starts it on first use, loads the model once (from the
 * cache unless told otherwise), and throws SampleMindErrors with codes. `dispose` terminates the
 * worker; the next call starts a fresh one.
 */
export class ClapClient {
  private worker: (ClapWorkerHandle & Worker) | undefined;
  private api: Comlink.Remote<ClapWorkerApi> | undefined;
  private loading: Promise<ClapLoadInfo> | undefined;
  private loadedInfo: ClapLoadInfo | undefined;

  constructor(
    private readonly createWorker: () => Worker = createBrowserClapWorker,
    private readonly defaultSource: () => ClapSource = () => cacheSource(),
  ) {}

  /** How the model runs once loaded (backend and a note such as "no WebGPU adapter, using WASM"), else undefined. */
  get info(): ClapLoadInfo | undefined {
    return this.loadedInfo;
  }

  private remote(): Comlink.Remote<ClapWorkerApi> {
    if (!this.api) {
      const worker = this.createWorker();
      worker.addEventListener('error', () => this.dispose());
      this.worker = worker;
      this.api = Comlink.wrap<ClapWorkerApi>(worker);
    }
    return this.api;
  }

  /** Loads the model (memoised until dispose); a failed load may be retried. */
  load(source?: ClapSource): Promise<ClapLoadInfo> {
    if (source) this.dispose();
    this.loading ??= (async () => {
      const chosen = source ?? this.defaultSource();
      const files = chosen.kind === 'files' ? Object.values(chosen.files) : [];
      const info = unwrap(await this.remote().load(Comlink.transfer(chosen, files)));
      this.loadedInfo = info;
      return info;
    })();
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  /** One unit-length embedding per text (CLAP's text tower). */
  async embedText(texts: string[]): Promise<Float32Array[]> {
    await this.load();
    return unwrap(await this.remote().embedText(texts));
  }

  /** The unit-length embedding of mono `samples` at `sampleRate` (resampled to 48 kHz in the worker). */
  async embedAudio(samples: Float32Array, sampleRate: number): Promise<Float32Array> {
    await this.load();
    return unwrap(await this.remote().embedAudio(samples, sampleRate));
  }

  /** The labels that describe a sound best, best first, scores summing to 1. */
  async zeroShotTags(audioEmbedding: Float32Array, labels: string[]): Promise<ScoredLabel[]> {
    await this.load();
    return unwrap(await this.remote().zeroShotTags(audioEmbedding, labels));
  }

  /** Terminates the worker and forgets the loaded model (e.g. after it was removed or replaced). */
  dispose(): void {
    if (this.api) this.api[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
    this.loading = undefined;
    this.loadedInfo = undefined;
  }
}
