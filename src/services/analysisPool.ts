import * as Comlink from 'comlink';
import type { AnalysisOutcome } from '../domain/analysis';
import type { ErrorInfo } from '../domain/errors';
import type { AnalysisWorkerApi, DecodeOutcome, WorkerMemory } from '../../workers/contracts';

/** What the pool needs from a worker: browsers give a Worker, tests a worker_threads adapter. */
export interface WorkerHandle {
  endpoint: Comlink.Endpoint;
  terminate(): void;
  onCrash(listener: (message: string) => void): void;
}

export interface AnalysisPoolOptions {
  size: number;
  createWorker: () => WorkerHandle;
  /** How long one file may take before its worker is considered hung and replaced. */
  timeoutMs?: (fileBytes: number) => number;
  /** Workers (and their WASM heaps) are released after this long without work. */
  idleShutdownMs?: number;
}

interface Slot {
  handle: WorkerHandle;
  api: Comlink.Remote<AnalysisWorkerApi>;
  busy: boolean;
  /** Ends the job running on this worker (used when the pool is terminated). */
  abort?: () => void;
}

interface Job {
  run: (api: Comlink.Remote<AnalysisWorkerApi>) => Promise<unknown>;
  bytes: number;
  resolve: (value: unknown) => void;
  /** Turns a timeout or crash into the task's own failure value. */
  fail: (error: ErrorInfo) => unknown;
}

/** 30 s plus 10 s per 10 MB: generous for real audio, finite for a decoder stuck in a loop. */
export const defaultTimeoutMs = (fileBytes: number): number => 30_000 + (fileBytes / 10_000_000) * 10_000;

/** One worker per core but one for the page, at least two, at most four. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.min(4, Math.max(2, (hardwareConcurrency ?? 2) - 1));
}

/**
 * A fixed-size pool of analysis workers. Workers start lazily, are replaced when one hangs past
 * its timeout or crashes (the file is reported as failed, the rest go on), and stop when idle.
 */
export class AnalysisPool {
  private readonly slots: (Slot | null)[];
  private readonly waiting: Job[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly timeoutMs: (fileBytes: number) => number;
  private readonly idleShutdownMs: number;

  constructor(private readonly options: AnalysisPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => null);
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.idleShutdownMs = options.idleShutdownMs ?? 30_000;
  }

  get size(): number {
    return this.slots.length;
  }

  analyse(file: Blob, fileName: string): Promise<AnalysisOutcome> {
    return this.enqueue<AnalysisOutcome>(
      file.size,
      (api) => api.analyse(file, fileName),
      (error) => ({ ok: false, error }),
    );
  }

  /** Decoding for playback goes through the same workers (and the same hang protection). */
  decode(file: Blob, fileName: string): Promise<DecodeOutcome> {
    return this.enqueue<DecodeOutcome>(
      file.size,
      (api) => api.decode(file, fileName),
      (error) => ({ ok: false, error }),
    );
  }

  /** Memory of every running worker (for benchmarks and the leak check). */
  async memory(): Promise<WorkerMemory[]> {
    const live = this.slots.filter((s): s is Slot => s !== null);
    return Promise.all(live.map((s) => s.api.memory()));
  }

  /** Stops every worker; jobs still running or waiting end as failed. */
  terminate(): void {
    clearTimeout(this.idleTimer);
    const stopped: ErrorInfo = { code: 'analysis_failed', message: 'the analysis was stopped' };
    for (const job of this.waiting.splice(0)) job.resolve(job.fail(stopped));
    this.slots.forEach((slot, i) => {
      this.slots[i] = null;
      slot?.abort?.();
      slot?.handle.terminate();
    });
  }

  private enqueue<T>(
    bytes: number,
    run: (api: Comlink.Remote<AnalysisWorkerApi>) => Promise<T>,
    fail: (error: ErrorInfo) => T,
  ): Promise<T> {
    clearTimeout(this.idleTimer);
    return new Promise<T>((resolve) => {
      this.waiting.push({ run, bytes, resolve: resolve as (value: unknown) => void, fail });
      this.pump();
    });
  }

  private startWorker(index: number): Slot {
    const handle = this.options.createWorker();
    const slot: Slot = { handle, api: Comlink.wrap<AnalysisWorkerApi>(handle.endpoint), busy: false };
    this.slots[index] = slot;
    return slot;
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.waiting.length > 0; i++) {
      const slot = this.slots[i] ?? this.startWorker(i);
      if (slot.busy) continue;
      this.runOn(i, slot, this.waiting.shift()!);
    }
    if (this.waiting.length === 0 && this.slots.every((s) => !s?.busy)) {
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.terminate(), this.idleShutdownMs);
    }
  }

  private runOn(index: number, slot: Slot, job: Job): void {
    slot.busy = true;
    let settled = false;
    const finish = (value: unknown, replaceWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.abort = undefined;
      if (replaceWorker) {
        slot.handle.terminate();
        if (this.slots[index] === slot) this.slots[index] = null;
      } else {
        slot.busy = false;
      }
      job.resolve(value);
      if (this.slots.some((s) => s !== null) || this.waiting.length > 0) this.pump();
    };
    const limit = this.timeoutMs(job.bytes);
    const timer = setTimeout(
      () =>
        finish(job.fail({ code: 'timeout', message: `analysis took longer than ${Math.round(limit / 1000)} s and was abandoned` }), true),
      limit,
    );
    slot.handle.onCrash((message) =>
      finish(job.fail({ code: 'analysis_failed', message: `the analysis worker crashed: ${message}` }), true),
    );
    job.run(slot.api).then(
      (value) => finish(value, false),
      (error: unknown) =>
        finish(job.fail({ code: 'analysis_failed', message: error instanceof Error ? error.message : String(error) }), false),
    );
  }
}

/** The browser's worker, bundled by Vite from workers/analysis.worker.ts. */
export function createBrowserAnalysisWorker(): WorkerHandle {
  return browserWorkerHandle(
    new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
  );
}

/** A browser Worker as a WorkerHandle: an uncaught error in it is reported as a crash (with its message), not logged. */
export function browserWorkerHandle(worker: Worker): WorkerHandle {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onCrash: (listener) => {
      worker.onerror = (event) => {
        event.preventDefault();
        listener(event.message || 'unknown error');
      };
    },
  };
}
