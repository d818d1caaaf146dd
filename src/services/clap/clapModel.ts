import { missingFile, verifyModelFile } from '../../domain/clap/integrity';
import {
  CLAP_MANIFEST,
  DEFAULT_CLAP_HOST,
  fileUrl,
  findRuntime,
  matchFolder,
  normaliseHost,
  type ClapManifest,
} from '../../domain/clap/manifest';
import {
  clapModelReducer,
  INITIAL_CLAP_STATE,
  isBusy,
  type ClapModelEvent,
  type ClapModelSource,
  type ClapModelState,
} from '../../domain/clap/modelState';
import { SampleMindError, toErrorInfo, type ErrorInfo } from '../../domain/errors';
import { downloadFile, headSize } from './download';
import { folderEntries, type FolderInput } from './folderFiles';
import { ClapModelStore, type ClapFileStore } from './modelStore';
import { fetchClapRuntime, installClapRuntime } from './runtime';

const HOST_KEY = 'samplemind.clap.host';

export interface ClapFileSize {
  path: string;
  bytes: number;
  /** False when the host did not say and the manifest's estimate stands in. */
  exact: boolean;
}

/** How long the last install took, for the report and the benchmarks. */
export interface ClapTimings {
  transferMs?: number;
  verifyMs?: number;
  storeMs?: number;
}

export interface ClapModelManagerOptions {
  store?: ClapFileStore;
  fetch?: typeof fetch;
  /** Where the host URL is remembered; null keeps it in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  manifest?: ClapManifest;
  /**
   * Makes the worker's runtime available offline: from the model folder when it carries it
   * (installClapRuntime), else fetched from our own origin (fetchClapRuntime).
   */
  ensureRuntime?: (fromFolder?: Blob) => Promise<void>;
}

/**
 * The opt-in CLAP model's lifecycle on the main thread: find it in the cache at start-up,
 * download it (with progress, cancellable) from a configurable host, or take it from a local
 * folder, verify every file, store it in Cache Storage, remove it. One state machine
 * (src/domain/clap/modelState.ts); listeners hear every change. Failures become the error state.
 */
export class ClapModelManager {
  private state: ClapModelState = INITIAL_CLAP_STATE;
  private readonly listeners = new Set<(state: ClapModelState) => void>();
  private readonly store: ClapFileStore;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: ClapModelManagerOptions['storage'];
  private readonly manifest: ClapManifest;
  private readonly ensureRuntime: (fromFolder?: Blob) => Promise<void>;
  private controller: AbortController | undefined;
  private hostUrl: string;
  private started: Promise<void> | undefined;
  timings: ClapTimings = {};

  constructor(options: ClapModelManagerOptions = {}) {
    this.store = options.store ?? new ClapModelStore();
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.ensureRuntime = options.ensureRuntime ?? ((fromFolder) => (fromFolder ? installClapRuntime(fromFolder) : fetchClapRuntime()));
    this.storage = options.storage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : options.storage;
    this.manifest = options.manifest ?? CLAP_MANIFEST;
    this.hostUrl = this.storage?.getItem(HOST_KEY) ?? DEFAULT_CLAP_HOST;
  }

  readonly getState = (): ClapModelState => this.state;

  readonly subscribe = (listener: (state: ClapModelState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get host(): string {
    return this.hostUrl;
  }

  /** Sets the host the model downloads from ('' restores the default); an error for an address that is not one. */
  setHost(url: string): ErrorInfo | null {
    if (url.trim() === '') {
      this.hostUrl = DEFAULT_CLAP_HOST;
      this.storage?.removeItem(HOST_KEY);
      return null;
    }
    const checked = normaliseHost(url);
    if (!checked.ok) return { code: 'bad_request', message: checked.message };
    this.hostUrl = checked.host;
    this.storage?.setItem(HOST_KEY, checked.host);
    return null;
  }

  /** Looks in the cache once (later calls share the first). */
  start(): Promise<void> {
    this.started ??= this.store.complete().then(
      (bytes) => this.dispatch(bytes === null ? { type: 'not_found' } : { type: 'found', bytes }),
      () => this.dispatch({ type: 'not_found' }),
    );
    return this.started;
  }

  /**
   * Each file's size: exact from the host where it says (HEAD), else the manifest's estimate. The
   * default host is only asked when `probe` is set: opening the settings makes no request the user
   * did not choose (a host they typed in is theirs to ask).
   */
  async sizes(signal?: AbortSignal, probe: boolean = this.hostUrl !== DEFAULT_CLAP_HOST): Promise<ClapFileSize[]> {
    return Promise.all(
      this.manifest.files.map(async (file) => {
        const asked =
          probe && file.bytes === undefined ? await headSize(fileUrl(this.hostUrl, file.path), signal, this.fetchImpl) : undefined;
        const bytes = file.bytes ?? asked;
        return { path: file.path, bytes: bytes ?? file.estimatedBytes, exact: bytes !== undefined };
      }),
    );
  }

  /** Downloads, verifies and stores every file. Resolves with the final state (ready, error or absent when cancelled). */
  async download(signal?: AbortSignal): Promise<ClapModelState> {
    await this.start();
    if (isBusy(this.state)) return this.state;
    const controller = this.begin(signal);
    const files = this.manifest.files.map((f) => ({ path: f.path, done: 0, total: f.bytes ?? f.estimatedBytes }));
    this.dispatch({ type: 'download_started', files });
    return this.run(async () => {
      const started = performance.now();
      const downloaded = new Map<string, { blob: Blob; announced?: number }>();
      for (const file of this.manifest.files) {
        const result = await downloadFile(fileUrl(this.hostUrl, file.path), file.path, {
          signal: controller.signal,
          fetch: this.fetchImpl,
          onProgress: (done, total) => this.dispatch({ type: 'progress', path: file.path, done, ...(total ? { total } : {}) }),
        });
        downloaded.set(file.path, result);
      }
      this.timings = { transferMs: performance.now() - started };
      return this.verifyAndStore('download', downloaded, controller.signal);
    });
  }

  /** Takes the model from a folder the user picked (an input's FileList, or a directory handle): no network at all. */
  async loadFromFolder(input: FolderInput): Promise<ClapModelState> {
    await this.start();
    if (isBusy(this.state)) return this.state;
    const controller = this.begin();
    this.dispatch({ type: 'verify', source: 'folder' });
    return this.run(async () => {
      const entries = await folderEntries(input);
      const { found, missing } = matchFolder(entries, this.manifest);
      if (missing.length > 0) throw missingOne(missing, 'in the folder you picked');
      this.timings = {};
      const files = new Map([...found].map(([path, entry]) => [path, { blob: entry.file as Blob }]));
      return this.verifyAndStore('folder', files, controller.signal, findRuntime(entries)?.file);
    });
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** Deletes the stored files. */
  async remove(): Promise<void> {
    this.cancel();
    await this.store.clear();
    this.dispatch({ type: 'removed' });
  }

  private begin(signal?: AbortSignal): AbortController {
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.controller = controller;
    return controller;
  }

  private async run(install: () => Promise<number>): Promise<ClapModelState> {
    try {
      this.dispatch({ type: 'verified', bytes: await install() });
    } catch (error) {
      const info = toErrorInfo(error, 'model_failed');
      // Files are stored all or nothing, so a model installed before a failed one is still whole.
      const kept = await this.store.complete().catch(() => null);
      this.dispatch(info.code === 'cancelled' ? { type: 'cancelled', kept } : { type: 'failed', error: info, kept });
    } finally {
      this.controller = undefined;
    }
    return this.state;
  }

  private async verifyAndStore(
    source: ClapModelSource,
    files: ReadonlyMap<string, { blob: Blob; announced?: number }>,
    signal: AbortSignal,
    runtime?: Blob,
  ): Promise<number> {
    const started = performance.now();
    let total = 0;
    for (const file of this.manifest.files) {
      const entry = files.get(file.path);
      if (!entry) throw missingOne([file.path], source === 'folder' ? 'in the folder you picked' : 'on the host');
      this.dispatch({ type: 'verify', source, file: file.path });
      const problem = await verifyModelFile(file, new Uint8Array(await entry.blob.arrayBuffer()), entry.announced);
      if (problem) throw new SampleMindError(problem.code, problem.message);
      if (signal.aborted) throw new SampleMindError('cancelled', 'Cancelled.');
      total += entry.blob.size;
    }
    this.timings.verifyMs = performance.now() - started;
    // The runtime too, before anything is stored: a model that cannot start is not "ready, also offline".
    this.dispatch({ type: 'verify', source, file: 'the runtime' });
    await this.ensureRuntime(runtime);
    const storing = performance.now();
    await this.store.putAll(new Map([...files].map(([path, entry]) => [path, entry.blob])));
    this.timings.storeMs = performance.now() - storing;
    return total;
  }

  private dispatch(event: ClapModelEvent): void {
    const next = clapModelReducer(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }
}

function missingOne(paths: readonly string[], where: string): SampleMindError {
  const info = missingFile(paths.join(', '), where);
  return new SampleMindError(info.code, info.message);
}
