import type { LibraryRepository } from '../db/libraryRepository';
import type { FolderRecord } from '../db/schema';
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
export class EmbeddingBackfill {
  private running = false;

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
      const ids = await this.repository.samplesWithoutEmbedding();
      if (ids.length === 0) return;
      const progress = { done: 0, total: ids.length };
      this.onProgress({ ...progress });
      const readable = new Map<number, FolderRecord | null>();
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < ids.length) {
          const id = ids[next++]!;
          await this.backfillOne(id, readable);
          progress.done++;
          this.onProgress({ ...progress });
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, this.pool.size) }, lane));
    } finally {
      this.running = false;
      this.onProgress(null);
    }
  }

  private async backfillOne(id: number, readable: Map<number, FolderRecord | null>): Promise<void> {
    const sample = await this.repository.getSample(id);
    if (!sample || sample.status !== 'done') return;
    if (!readable.has(sample.folderId)) {
      const folder = (await this.repository.getFolder(sample.folderId)) ?? null;
      readable.set(sample.folderId, folder && (await this.files.permission(folder)) === 'granted' ? folder : null);
    }
    const folder = readable.get(sample.folderId);
    if (!folder) return;
    try {
      const file = await this.files.readFile(folder, sample.path);
      const outcome = await this.pool.analyse(file, sample.name);
      if (!outcome.ok || !outcome.embedding) return;
      if (await this.repository.saveEmbedding(id, outcome.embedding)) this.similarity.update(id, outcome.embedding);
    } catch {
      // Unreadable now (moved, deleted): it keeps its analysis and is tried again next session.
    }
  }
}
