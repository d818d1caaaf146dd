/**
 * The local model's lifecycle on the main thread: is it downloaded, download it (with progress,
 * cancellable), delete it, and keep one engine loaded (in its own worker) for the chat provider.
 * Nothing happens on construction: web-llm itself is imported on first use (webLlmRuntime.ts),
 * and WebGPU is checked before anything is downloaded.
 */
import { modelForDevice, WEBLLM_MODELS, webLlmModel, type WebLlmModelInfo } from '../../domain/ai/webLlmModels';
import { SampleMindError } from '../../domain/errors';
import { detectWebLlmSupport, NO_F16_NOTE, type WebLlmSupport } from './capability';
import type { WebLlmChatEngine, WebLlmLoad, WebLlmProgress, WebLlmRuntime } from './runtime';
import { cancelledError, toWebLlmError } from './webLlmErrors';

export type { WebLlmProgress } from './runtime';

/** not_installed → (install) → ready; installed = on disk but not in graphics memory; loading = on its way there. */
export type WebLlmModelStatus = 'not_installed' | 'installed' | 'loading' | 'ready';

export interface WebLlmModelEntry extends WebLlmModelInfo {
  status: WebLlmModelStatus;
  /** Runs on this device; when false, `reason` says why (it can still be deleted). */
  usable: boolean;
  reason?: string;
}

export interface WebLlmEngineOptions {
  detect?: () => Promise<WebLlmSupport>;
  /** The web-llm runtime, or how to get it; default: a dynamic import of webLlmRuntime.ts. */
  runtime?: WebLlmRuntime | (() => Promise<WebLlmRuntime>);
  online?: () => boolean;
  /** For the free-space check before a download; null skips it. */
  storage?: { estimate(): Promise<{ quota?: number; usage?: number }> } | null;
}

interface Current {
  model: string;
  load: WebLlmLoad;
  ready: boolean;
}

export class WebLlmEngine {
  private readonly detect: () => Promise<WebLlmSupport>;
  private readonly runtimeSource: () => Promise<WebLlmRuntime>;
  private readonly online: () => boolean;
  private readonly storage: WebLlmEngineOptions['storage'];
  private supportPromise: Promise<WebLlmSupport> | undefined;
  private runtimePromise: Promise<WebLlmRuntime> | undefined;
  private current: Current | undefined;
  /** Loads, generations and deletions run one at a time: one engine, one graphics card. */
  private tail: Promise<void> = Promise.resolve();

  constructor(options: WebLlmEngineOptions = {}) {
    this.detect = options.detect ?? (() => detectWebLlmSupport());
    const runtime = options.runtime;
    this.runtimeSource =
      typeof runtime === 'function'
        ? runtime
        : runtime
          ? () => Promise.resolve(runtime)
          : async () => (await import('./webLlmRuntime')).createWebLlmRuntime();
    this.online = options.online ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine ?? true);
    this.storage =
      options.storage === undefined
        ? ((globalThis as { navigator?: { storage?: WebLlmEngineOptions['storage'] } }).navigator?.storage ?? null)
        : options.storage;
  }

  /** WebGPU support, asked once. */
  support(): Promise<WebLlmSupport> {
    this.supportPromise ??= this.detect();
    return this.supportPromise;
  }

  /** Every catalogue model with its status, and whether this device runs it. */
  async listModels(): Promise<{ support: WebLlmSupport; models: WebLlmModelEntry[] }> {
    const support = await this.support();
    const models = await Promise.all(
      WEBLLM_MODELS.map(async (model): Promise<WebLlmModelEntry> => {
        const status = await this.status(model.id);
        if (!support.supported) return { ...model, status, usable: false, reason: support.reason };
        if (model.needsF16 && !support.f16) return { ...model, status, usable: false, reason: NO_F16_NOTE };
        return { ...model, status, usable: true };
      }),
    );
    return { support, models };
  }

  async status(model: string): Promise<WebLlmModelStatus> {
    if (this.current?.model === model) return this.current.ready ? 'ready' : 'loading';
    return (await this.cached(await this.runtime(), model)) ? 'installed' : 'not_installed';
  }

  /**
   * Downloads the model (what is not cached yet) and loads it, so the first question is quick.
   * Resolves with the id actually installed: an f16 model becomes its f32 build on a card without
   * shader-f16. Aborting stops the download and ends the worker; files already fetched stay
   * cached, so trying again resumes (delete() removes them).
   */
  install(model: string, onProgress?: (progress: WebLlmProgress) => void, signal?: AbortSignal): Promise<string> {
    return this.exclusive(signal, async () => (await this.prepare(model, { signal, onProgress, download: true })).id);
  }

  /** Removes the model's files from the browser's cache (unloading it first when it is the loaded one). */
  remove(model: string): Promise<void> {
    return this.exclusive(undefined, async () => {
      if (this.current?.model === model) this.discard();
      await (await this.runtime()).deleteModel(model);
    });
  }

  /** Frees the graphics memory (ends the worker); the files stay downloaded. */
  unload(): Promise<void> {
    return this.exclusive(undefined, async () => this.discard());
  }

  /**
   * Runs `use` with the engine for `model` loaded, alone (the chat provider's entry). A model
   * that is not downloaded is refused: chatting never starts a download of a gigabyte.
   */
  run<T>(model: string, signal: AbortSignal | undefined, use: (engine: WebLlmChatEngine, id: string) => Promise<T>): Promise<T> {
    return this.exclusive(signal, async () => {
      const { engine, id } = await this.prepare(model, { signal, download: false });
      return use(engine, id);
    });
  }

  /** Ends the loaded engine's worker now (a stuck generation; a model being deleted). */
  discard(): void {
    this.current?.load.terminate();
    this.current = undefined;
  }

  private async prepare(
    requested: string,
    options: { signal: AbortSignal | undefined; onProgress?: (progress: WebLlmProgress) => void; download: boolean },
  ): Promise<{ engine: WebLlmChatEngine; id: string }> {
    const support = await this.support();
    if (!support.supported) throw new SampleMindError('no_webgpu', support.reason);
    const choice = modelForDevice(requested, support.f16);
    if (!choice.ok) throw new SampleMindError('no_webgpu', choice.reason);
    const id = choice.id;
    const runtime = await this.runtime();
    if (!runtime.knows(id)) throw new SampleMindError('bad_request', `"${id}" is not a model the in-browser AI (WebLLM) offers.`);
    if (options.signal?.aborted) throw cancelledError();

    if (this.current?.model === id && this.current.ready) {
      options.onProgress?.({ fraction: 1, text: 'Ready' });
      return { engine: await this.current.load.engine, id };
    }
    this.discard(); // another model, or a load that failed part-way: one engine at a time.

    const installed = await this.cached(runtime, id);
    const hosts = runtime.hosts(id);
    if (!installed) {
      if (!options.download) {
        const offline = this.online() ? '' : ' This device is offline: connect to the internet first.';
        throw new SampleMindError(
          'model_missing',
          `The local model ${id} is not downloaded yet. Download it in Settings → Local AI.${offline}`,
        );
      }
      if (!this.online()) {
        throw new SampleMindError(
          'model_unreachable',
          `This device is offline, so ${id} cannot be downloaded from ${hosts.join(' and ')}.`,
        );
      }
      await this.checkSpace(id);
    }

    const load = runtime.load(id, (progress) => options.onProgress?.({ fraction: clamp(progress.fraction), text: progress.text }));
    const current: Current = { model: id, load, ready: false };
    this.current = current;
    try {
      const engine = await abortable(load.engine, options.signal);
      current.ready = true;
      options.onProgress?.({ fraction: 1, text: 'Ready' });
      return { engine, id };
    } catch (error) {
      if (this.current === current) this.discard();
      if (options.signal?.aborted) throw cancelledError();
      throw toWebLlmError(error, { model: id, hosts, phase: 'load', installed, online: this.online() });
    }
  }

  private async checkSpace(id: string): Promise<void> {
    const needMB = webLlmModel(id)?.downloadMB;
    if (!this.storage || needMB === undefined) return;
    const estimate = await this.storage.estimate().catch(() => undefined);
    if (estimate?.quota === undefined) return;
    const freeMB = (estimate.quota - (estimate.usage ?? 0)) / 1e6;
    if (freeMB < needMB) {
      throw new SampleMindError(
        'model_storage',
        `${id} needs about ${Math.round(needMB)} MB, and the browser allows this app only ${Math.max(0, Math.round(freeMB))} MB more. Free some disk space or delete another local model.`,
      );
    }
  }

  private runtime(): Promise<WebLlmRuntime> {
    this.runtimePromise ??= this.runtimeSource().catch((error: unknown) => {
      this.runtimePromise = undefined; // a failed chunk load (offline before it was cached) may work later
      throw new SampleMindError('model_failed', `The local AI code could not be loaded: ${String(error)}`, { cause: error });
    });
    return this.runtimePromise;
  }

  /** A cache that cannot be read counts as empty. */
  private async cached(runtime: WebLlmRuntime, model: string): Promise<boolean> {
    return runtime.hasModelInCache(model).catch(() => false);
  }

  private async exclusive<T>(signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    // The next task waits for this one and every one before it, even when this one gives up waiting.
    this.tail = previous.then(() => done);
    try {
      await abortable(previous, signal);
      return await task();
    } finally {
      release();
    }
  }
}

/** Rejects with 'cancelled' as soon as `signal` aborts; the promise itself runs on. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function clamp(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

let shared: WebLlmEngine | undefined;

/** The app's one engine, shared by the settings page and the chat provider (one model in graphics memory). */
export function sharedWebLlmEngine(): WebLlmEngine {
  shared ??= new WebLlmEngine();
  return shared;
}
