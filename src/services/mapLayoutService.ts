import * as Comlink from 'comlink';
import type { MapLandmarks, MapLayout, MapLayoutProgress } from '../domain/map/mapLayout';
import { computeMapLayout, placeNewPoints } from '../domain/map/mapLayout';
import type { MapWorkerApi } from '../../workers/map.worker';
import { browserWorkerHandle, type WorkerHandle } from './analysisPool';

export interface MapLayoutServiceOptions {
  /** Default: the browser's module worker from workers/map.worker.ts. */
  createWorker?: () => WorkerHandle;
  /** The worker is stopped after this long without work (default 30 s). */
  idleShutdownMs?: number;
}

export interface MapComputeOptions {
  seed?: number;
  onProgress?: MapLayoutProgress;
  signal?: AbortSignal;
}

interface Running {
  handle: WorkerHandle;
  api: Comlink.Remote<MapWorkerApi>;
}

const abortError = (): DOMException => new DOMException('The map layout was aborted', 'AbortError');

/**
 * The main thread's way to the map worker: starts it on first use, runs one layout at a time
 * (later calls wait their turn), terminates it on abort and after idleShutdownMs. Where workers
 * cannot start (a CSP forbids them) the layout runs here, yielding to the event loop as it goes.
 */
export class MapLayoutService {
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private workersUnavailable = false;

  constructor(private readonly options: MapLayoutServiceOptions = {}) {}

  /** The map of these rows (ids[i] ↔ vectors row i, n × dim). Rejects with a DOMException 'AbortError' when aborted. */
  compute(ids: Int32Array, vectors: Float32Array, dim: number, options: MapComputeOptions = {}): Promise<MapLayout> {
    const result = this.queue.then(() => this.run(ids, vectors, dim, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Positions for samples added since `layout` (see placeNewPoints): quick enough for the main thread. */
  place(landmarks: MapLandmarks, ids: Int32Array, vectors: Float32Array): Float32Array {
    return placeNewPoints(landmarks, ids, vectors);
  }

  /** Stops the worker now; a layout in progress rejects with an AbortError. */
  dispose(): void {
    clearTimeout(this.idleTimer);
    this.running?.handle.terminate();
    this.running = null;
  }

  private async run(ids: Int32Array, vectors: Float32Array, dim: number, options: MapComputeOptions): Promise<MapLayout> {
    const { seed = 1, onProgress, signal } = options;
    if (signal?.aborted) throw abortError();
    clearTimeout(this.idleTimer);
    const worker = this.start();
    if (!worker) return computeMapLayout(ids, vectors, dim, { seed, onProgress, signal });
    let onAbort = (): void => undefined;
    try {
      return await new Promise<MapLayout>((resolve, reject) => {
        const stop = (error: Error): void => {
          if (this.running === worker) this.dispose();
          reject(error);
        };
        onAbort = () => stop(abortError());
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.handle.onCrash((message) => stop(new Error(`the map worker crashed: ${message}`)));
        worker.api.layout(ids, vectors, dim, seed, onProgress && Comlink.proxy(onProgress)).then(resolve, reject);
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.running === worker) this.idleTimer = setTimeout(() => this.dispose(), this.options.idleShutdownMs ?? 30_000);
    }
  }

  private start(): Running | null {
    if (this.running || this.workersUnavailable) return this.running;
    try {
      const handle = (this.options.createWorker ?? createBrowserMapWorker)();
      this.running = { handle, api: Comlink.wrap<MapWorkerApi>(handle.endpoint) };
    } catch (error) {
      console.warn('The map worker could not start; the layout runs on the main thread.', error);
      this.workersUnavailable = true;
    }
    return this.running;
  }
}

function createBrowserMapWorker(): WorkerHandle {
  return browserWorkerHandle(new Worker(new URL('../../workers/map.worker.ts', import.meta.url), { type: 'module', name: 'map' }));
}
