import type { LibraryRepository } from '../db/libraryRepository';
import type { FolderRecord, SampleRecord } from '../db/schema';
import type { AnalysisOutcome } from '../domain/analysis';
import { SampleMindError, toErrorInfo } from '../domain/errors';
import { RateMeter, secondsLeft } from '../domain/progress';
import type { AnalysisPool } from './analysisPool';

/** Where the queue gets a sample's bytes: FileAccess in the browser, the disk in Node. */
export interface SampleFileSource {
  readFile(folder: FolderRecord, path: string): Promise<File>;
}

export type QueueState = 'idle' | 'running' | 'paused' | 'disposed';

export interface QueueProgress {
  state: QueueState;
  /** Files finished (analysed or refused) in this run. */
  done: number;
  failed: number;
  /** done + what is still queued. */
  total: number;
  filesPerSecond: number | null;
  secondsLeft: number | null;
  /** Files being analysed right now (a pause waits for these to finish). */
  inFlight: number;
  /** Folders whose files wait for the user to grant read access again. */
  blockedFolders: FolderRecord[];
}

/** What one run analysed, from the first file queued to the queue settling with no import under way. */
export interface RunSummary {
  done: number;
  failed: number;
}

export interface QueueListener {
  /** `embedding`: the sound embedding saved with it (null when there is none: a failure, silence). */
  onSampleSaved(sample: SampleRecord, embedding: Float32Array | null): void;
  onProgress(progress: QueueProgress): void;
  /** A run finished: everything queued was handled and no import is adding more. */
  onRunFinished?(summary: RunSummary): void;
}

/**
 * Where the counts of a run in progress are kept between page loads: a reload mid-import goes on
 * counting (2,071 / 3,000), where it began again at 0 / 929.
 */
export interface RunCounterStore {
  load(): RunSummary | null;
  /** null: no run is under way. */
  save(counts: RunSummary | null): void;
}

export interface AnalysisQueueOptions {
  now?: () => number;
  runCounter?: RunCounterStore;
}

/**
 * Feeds queued samples from the database to the worker pool and saves each result the moment
 * it arrives. The queue lives in IndexedDB (status 'queued'), so a reload resumes it.
 */
export class AnalysisQueue {
  private state: QueueState = 'idle';
  private readonly inFlight = new Set<number>();
  private buffer: SampleRecord[] = [];
  private done = 0;
  private failed = 0;
  private queuedRemaining = 0;
  /** Raised when queuedRemaining is set without the database: a count begun before is stale. */
  private countsVersion = 0;
  private readonly meter = new RateMeter();
  private readonly blocked = new Map<number, FolderRecord>();
  private readonly folders = new Map<number, FolderRecord>();
  private pumping = false;
  /** Imports under way (holdRun): a run does not end while a scan may still queue files. */
  private holds = 0;
  /** Whether the counts of a run the last page left unfinished were looked for. */
  private restoredRun = false;

  constructor(
    private readonly repository: LibraryRepository,
    private readonly pool: AnalysisPool,
    private readonly files: SampleFileSource,
    private readonly listener: QueueListener,
    private readonly options: AnalysisQueueOptions = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  /**
   * Files in flight at once: three per worker, so a worker always has the next file waiting
   * while the page reads files and saves results (each of those is an async round trip).
   */
  get concurrency(): number {
    return this.pool.size * 3;
  }

  /** Starts (or continues) working through whatever is queued. */
  async start(): Promise<void> {
    if (this.state === 'disposed') return;
    await this.refreshCounts();
    this.continueSavedRun();
    if (this.halted()) {
      // Paused while an import goes on: the total still grows with what it finds.
      if (this.state === 'paused') this.emit();
      return;
    }
    if (this.queuedRemaining === 0 && this.inFlight.size === 0) {
      this.setState('idle');
      return;
    }
    this.setState('running');
    void this.pump();
  }

  /** Paused or disposed: nothing new may start. A method, so checks after an await are not narrowed away. */
  private halted(): boolean {
    return this.state === 'paused' || this.state === 'disposed';
  }

  pause(): void {
    if (this.state === 'running') this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'idle';
    void this.start();
  }

  /**
   * Drops the queue as a page unload would: nothing more is saved, queued files stay queued in
   * the database for the next session.
   */
  dispose(): void {
    this.state = 'disposed';
    this.buffer = [];
  }

  /**
   * Stops: what is queued is marked skipped and stays so after a reload; files already being
   * analysed finish and are saved. Returns the ids of the skipped samples.
   */
  async cancel(): Promise<number[]> {
    if (this.state === 'disposed') return [];
    this.state = 'idle';
    this.buffer = [];
    const skipped = await this.repository.skipQueued(this.inFlight);
    this.queuedRemaining = 0;
    this.countsVersion++;
    if (this.holds === 0) this.endRun();
    else this.emit();
    return skipped;
  }

  /**
   * The importer calls this when it queued `added` files. They count at once, in the same step as
   * the importer's count of files found: the progress's total (queued + still to come) neither dips
   * nor overshoots by a batch while the database is counted again.
   */
  notifyQueued(added = 0): Promise<void> {
    if (added > 0 && this.state !== 'disposed') {
      this.queuedRemaining += added;
      this.countsVersion++;
      // Idle too: the analysis may have caught up with the scan, which holds the run open.
      this.emit();
    }
    return this.start();
  }

  /**
   * Keeps the run going while an import scans: the queue can drain between two batches of a scan,
   * and without this each batch began a new run, so the counter went back from 139 / 141 to 2 / 7.
   * Returns the release; once every hold is released and nothing is queued, the run ends (checked
   * against the database: the scan's last batch may not have started the queue yet).
   */
  holdRun(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0 && this.state === 'idle') void this.start();
    };
  }

  /** A folder the browser wants permission for again: its files wait, the others go on. */
  blockFolder(folder: FolderRecord): void {
    this.blocked.set(folder.id, folder);
    this.emit();
  }

  /**
   * A folder removed from the library: its samples still waiting in memory are dropped (their rows
   * are gone from the database, so no later batch brings them back) and the counts are read again.
   * Files of it already being analysed finish; saveOutcome finds their samples gone and stores nothing.
   */
  async forgetFolder(folderId: number): Promise<void> {
    this.buffer = this.buffer.filter((sample) => sample.folderId !== folderId);
    this.folders.delete(folderId);
    const wasBlocked = this.blocked.delete(folderId);
    if (this.state === 'disposed') return;
    await this.refreshCounts();
    if (wasBlocked && this.state === 'idle') void this.start();
    else this.emit();
  }

  /** After the user granted access again. */
  unblockFolder(folderId: number): void {
    this.blocked.delete(folderId);
    void this.start();
  }

  progress(): QueueProgress {
    const rate = this.meter.perSecond(this.now());
    const remaining = this.queuedRemaining + this.inFlight.size;
    return {
      state: this.state,
      done: this.done,
      failed: this.failed,
      total: this.done + remaining,
      filesPerSecond: rate,
      secondsLeft: this.state === 'running' ? secondsLeft(remaining, rate) : null,
      inFlight: this.inFlight.size,
      blockedFolders: [...this.blocked.values()],
    };
  }

  private setState(state: QueueState): void {
    this.state = state;
    if (state === 'idle' && this.holds === 0) this.endRun();
    else this.emit();
  }

  /**
   * At the first start of a page: a run the last page left unfinished goes on from its counts, if
   * files are still queued (else it ended with that page, and its counts are dropped).
   */
  private continueSavedRun(): void {
    const store = this.options.runCounter;
    if (!store || this.restoredRun) return;
    this.restoredRun = true;
    const saved = store.load();
    if (!saved) return;
    if (this.queuedRemaining === 0 || this.done > 0) {
      store.save(null);
      return;
    }
    this.done = saved.done;
    this.failed = saved.failed;
  }

  /** Reports the run that just ended (if it handled any file) and starts counting afresh. */
  private endRun(): void {
    const summary: RunSummary = { done: this.done, failed: this.failed };
    this.done = 0;
    this.failed = 0;
    this.options.runCounter?.save(null);
    this.meter.reset();
    this.emit();
    if (summary.done > 0) this.listener.onRunFinished?.(summary);
  }

  private emit(): void {
    this.listener.onProgress(this.progress());
  }

  private async refreshCounts(): Promise<void> {
    const version = this.countsVersion;
    const asked = [...this.inFlight];
    const queued = await this.repository.countQueuedExcept(asked);
    // Files queued or skipped meanwhile are counted already; this count may be from before them.
    if (version !== this.countsVersion) return;
    // Samples picked while it counted were queued then, and are in flight now.
    const pickedSince = [...this.inFlight].filter((id) => !asked.includes(id)).length;
    this.queuedRemaining = Math.max(0, queued - pickedSince);
  }

  private async nextSample(): Promise<SampleRecord | undefined> {
    if (this.buffer.length === 0) {
      const excluded = new Set(this.blocked.keys());
      const batch = await this.repository.nextQueued(64 + this.inFlight.size, excluded);
      this.buffer = batch.filter((s) => !this.inFlight.has(s.id));
    }
    return this.buffer.shift();
  }

  private async folder(id: number): Promise<FolderRecord | undefined> {
    if (!this.folders.has(id)) {
      const folder = await this.repository.getFolder(id);
      if (folder) this.folders.set(id, folder);
    }
    return this.folders.get(id);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.state === 'running' && this.inFlight.size < this.concurrency) {
        const sample = await this.nextSample();
        if (!sample) break;
        if (this.state !== 'running') {
          this.buffer.unshift(sample); // paused while the next batch was being read
          break;
        }
        this.inFlight.add(sample.id);
        this.queuedRemaining = Math.max(0, this.queuedRemaining - 1);
        void this.process(sample);
      }
    } finally {
      this.pumping = false;
    }
    if (this.state === 'running' && this.inFlight.size === 0) {
      await this.refreshCounts();
      if (this.queuedRemaining === 0 || this.blocked.size > 0) this.setState('idle');
      else void this.pump();
    }
  }

  private async process(sample: SampleRecord): Promise<void> {
    let outcome: AnalysisOutcome | undefined;
    const folder = await this.folder(sample.folderId);
    try {
      if (!folder) throw new SampleMindError('read_failed', 'its folder was removed from the library');
      const file = await this.files.readFile(folder, sample.path);
      outcome = await this.pool.analyse(file, sample.name);
    } catch (error) {
      const info = toErrorInfo(error, 'read_failed');
      if (info.code === 'permission_denied' && folder) {
        this.blocked.set(folder.id, folder); // leave it queued until access is granted
        this.buffer = this.buffer.filter((s) => s.folderId !== folder.id);
        this.queuedRemaining++;
        this.countsVersion++;
      } else {
        outcome = { ok: false, error: info };
      }
    }
    if (this.state === 'disposed') return; // the session ended: this result is not saved
    if (outcome) {
      const saved = await this.repository.saveOutcome(sample.id, outcome);
      // A sample removed from the library meanwhile is not counted: it is no longer part of the run.
      if (saved) {
        this.done++;
        if (!outcome.ok) this.failed++;
        this.meter.record(this.now());
        this.options.runCounter?.save({ done: this.done, failed: this.failed });
        this.listener.onSampleSaved(saved, outcome.ok ? outcome.embedding : null);
      }
    }
    this.inFlight.delete(sample.id);
    this.emit();
    void this.pump();
  }
}
