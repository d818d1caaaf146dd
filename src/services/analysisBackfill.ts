import type { LibraryRepository } from '../db/libraryRepository';
import type { FolderRecord, SampleRecord } from '../db/schema';
import type { AnalysisPool } from './analysisPool';
import type { SampleFileSource } from './analysisQueue';
import type { SimilarityIndex } from './similarity';

export interface BackfillProgress {
  done: number;
  total: number;
}

/**
 * Brings samples an earlier version analysed up to date, in the background: each file is read
 * and analysed again in the worker pool. A sample whose analysis an earlier analyser made
 * (ANALYSIS_VERSION) gets the new analysis; one that only lacks its sound embedding (or has an
 * older one) gets just the embedding; a file an earlier analyser refused is tried once by the new
 * one (it may decode what the old one could not). Corrections, the user's edits and CLAP
 * embeddings stay. A file that cannot be read now (folder not permitted, file gone) is tried
 * again next session.
 */
/** Read failures in a row, with no success, after which a folder is skipped for this session. */
const FOLDER_GIVE_UP = 10;
const BATCH = 200;
const PROGRESS_EVERY_MS = 500;

export class AnalysisBackfill {
  private running = false;
  private readonly readFailures = new Map<number, number>();
  private readonly readSuccesses = new Set<number>();

  constructor(
    private readonly repository: LibraryRepository,
    private readonly pool: AnalysisPool,
    private readonly files: SampleFileSource & { permission(folder: FolderRecord): Promise<PermissionState> },
    private readonly similarity: SimilarityIndex,
    private readonly onProgress: (progress: BackfillProgress | null) => void,
    /** A sample whose analysis was replaced, for the list to show. */
    private readonly onReanalysed: (sample: SampleRecord) => void = () => undefined,
  ) {}

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { stale, unembedded, refused } = await this.repository.analyses.backlog();
      const staleIds = new Set(stale);
      const ids = [...new Set([...stale, ...unembedded, ...refused])];
      if (ids.length === 0) return;
      const progress = { done: 0, total: ids.length };
      this.onProgress({ ...progress });
      const readable = new Map<number, FolderRecord | null>();
      let shownAt = Date.now();
      // Read in batches (one IndexedDB request per 200 samples), analysed a few at a time.
      for (let start = 0; start < ids.length; start += BATCH) {
        const samples = await this.repository.getSamples(ids.slice(start, start + BATCH));
        let next = 0;
        const lane = async (): Promise<void> => {
          while (next < samples.length) {
            const sample = samples[next++];
            if (sample) await this.backfillOne(sample, staleIds.has(sample.id), readable);
            progress.done++;
            // The banner's count moves about twice a second, not once a batch.
            if (Date.now() - shownAt >= PROGRESS_EVERY_MS) {
              shownAt = Date.now();
              this.onProgress({ ...progress });
            }
          }
        };
        await Promise.all(Array.from({ length: Math.max(1, this.pool.size) }, lane));
        this.onProgress({ ...progress });
      }
    } finally {
      this.running = false;
      this.onProgress(null);
    }
  }

  private async backfillOne(sample: SampleRecord, stale: boolean, readable: Map<number, FolderRecord | null>): Promise<void> {
    const id = sample.id;
    if (sample.status !== 'done' && sample.status !== 'failed') return;
    if (!readable.has(sample.folderId)) {
      const folder = (await this.repository.getFolder(sample.folderId)) ?? null;
      readable.set(sample.folderId, folder && (await this.files.permission(folder)) === 'granted' ? folder : null);
    }
    const folder = readable.get(sample.folderId);
    if (!folder) return;
    let file: File;
    try {
      file = await this.files.readFile(folder, sample.path);
    } catch {
      // Unreadable now (moved, deleted): it keeps its analysis and is tried again next session.
      // A folder whose first files all fail is gone as a whole: its other files are not tried.
      const failures = (this.readFailures.get(folder.id) ?? 0) + 1;
      this.readFailures.set(folder.id, failures);
      if (failures >= FOLDER_GIVE_UP && !this.readSuccesses.has(folder.id)) readable.set(folder.id, null);
      return;
    }
    this.readSuccesses.add(folder.id);
    const outcome = await this.pool.analyse(file, sample.name);
    if (sample.status === 'failed') {
      const updated = await this.repository.analyses.saveRetry(id, outcome);
      if (updated) this.onReanalysed(updated);
      if (updated && outcome.ok) this.similarity.update(id, outcome.embedding);
      return;
    }
    if (stale) {
      const updated = await this.repository.analyses.saveReanalysis(id, outcome);
      if (updated && outcome.ok) {
        this.onReanalysed(updated);
        this.similarity.update(id, outcome.embedding);
      }
      return;
    }
    if (!outcome.ok) return;
    if (!outcome.embedding) {
      await this.repository.analyses.markSoundless(id); // silence: nothing to fingerprint, now or next time
      return;
    }
    if (await this.repository.embeddings.save(id, outcome.embedding)) this.similarity.update(id, outcome.embedding);
  }
}
