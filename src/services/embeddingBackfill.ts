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
 * Gives samples analysed before sound embeddings existed (or with an older embedding) their
 * embedding: each file is read and analysed again in the worker pool, and only the embedding is
 * stored; the analysis, corrections and the user's edits stay as they are. A file that cannot
 * be read now (folder not permitted, file gone) is skipped and tried again next session.
 */
/** Read failures in a row, with no success, after which a folder is skipped for this session. */
const FOLDER_GIVE_UP = 10;
const BATCH = 200;

export class EmbeddingBackfill {
  private running = false;
  private readonly readFailures = new Map<number, number>();
  private readonly readSuccesses = new Set<number>();

  constructor(
    private readonly repository: LibraryRepository,
    private readonly pool: AnalysisPool,
    private readonly files: SampleFileSource & { permission(folder: FolderRecord): Promise<PermissionState> },
    private readonly similarity: SimilarityIndex,
    private readonly onProgress: (progress: BackfillProgress | null) => void,
  ) {}

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const ids = await this.repository.embeddings.samplesWithout();
      if (ids.length === 0) return;
      const progress = { done: 0, total: ids.length };
      this.onProgress({ ...progress });
      const readable = new Map<number, FolderRecord | null>();
      // Read in batches (one IndexedDB request per 200 samples), analysed a few at a time.
      for (let start = 0; start < ids.length; start += BATCH) {
        const samples = await this.repository.getSamples(ids.slice(start, start + BATCH));
        let next = 0;
        const lane = async (): Promise<void> => {
          while (next < samples.length) {
            const sample = samples[next++];
            if (sample) await this.backfillOne(sample, readable);
            progress.done++;
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

  private async backfillOne(sample: SampleRecord, readable: Map<number, FolderRecord | null>): Promise<void> {
    const id = sample.id;
    if (sample.status !== 'done') return;
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
    if (!outcome.ok || !outcome.embedding) return;
    if (await this.repository.embeddings.save(id, outcome.embedding)) this.similarity.update(id, outcome.embedding);
  }
}
