import { mixToMono } from '../../../workers/analysis/signal';
import { dequantize, dotQuantized, quantize, type QuantizedVector } from '../../domain/similarity/quantized';
import type { LibraryRepository } from '../../db/libraryRepository';
import type { FolderRecord } from '../../db/schema';
import { TopK, type ScoredId } from '../../domain/similarity/topK';
import type { AnalysisPool } from '../analysisPool';
import type { SampleFileSource } from '../analysisQueue';
import type { LazyClap } from './index';

/** What the model is asked to hear in a sample when it suggests tags. */
export const TAG_LABELS = [
  'punchy',
  'dusty',
  'bright',
  'dark',
  'warm',
  'lo-fi',
  'crisp',
  'airy',
  'distorted',
  'clean',
  'metallic',
  'wooden',
  'vinyl',
  'analog',
  'deep',
  'snappy',
  'boomy',
  'glitchy',
  'cinematic',
  'aggressive',
  'soft',
];

export interface ClapIndexProgress {
  done: number;
  total: number;
}

/**
 * Search by words over the library: each analysed sample's CLAP audio embedding (decoded in the
 * analysis workers, embedded in the CLAP worker, stored in IndexedDB per model), and a text
 * embedding of the words compared with them. Samples not yet listened to are embedded on the
 * first search (with progress), then only new or re-analysed ones. Needs the installed model.
 */
export class ClapLibraryIndex {
  /** 8-bit: 52 MB at 100,000 samples rather than 205 MB of floats. */
  private vectors = new Map<number, QuantizedVector>();
  /** The model the vectors belong to; another model (re)loads what it stored. */
  private model: string | null = null;
  private readonly unreadable = new Set<number>();
  private indexing: Promise<void> | null = null;

  constructor(
    private readonly repository: LibraryRepository,
    private readonly pool: AnalysisPool,
    private readonly files: SampleFileSource,
    private readonly clap: LazyClap,
    private readonly onProgress: (progress: ClapIndexProgress | null) => void,
  ) {}

  /** Whether the model is installed and ready (else the search box searches names and tags). */
  get available(): boolean {
    return this.clap.loaded?.model.getState().status === 'ready';
  }

  /** The `k` samples that sound most like `words`, among those `filter` accepts, best first. */
  async search(words: string, k: number, filter?: (id: number) => boolean): Promise<ScoredId[]> {
    const { client } = await this.clap.ready();
    const [query] = await client.embedText([words]);
    await this.indexLibrary();
    const top = new TopK(k);
    for (const [id, vector] of this.vectors) {
      if (filter && !filter(id)) continue;
      top.offer(dotQuantized(query!, vector), id); // both are L2-normalised: the cosine
    }
    return top.drain();
  }

  private indexLibrary(): Promise<void> {
    this.indexing ??= this.embedMissing().finally(() => {
      this.indexing = null;
      this.onProgress(null);
    });
    return this.indexing;
  }

  /**
   * Tags the model hears in a sample (character, texture, mood), best first, for the user to
   * accept or not: the sample is listened to first if it has not been yet.
   */
  async suggestTags(sampleId: number, count = 3): Promise<{ label: string; score: number }[]> {
    const { client } = await this.clap.ready();
    const model = await this.useModel();
    if (!this.vectors.has(sampleId)) await this.embedOne(sampleId, model, new Map());
    const vector = this.vectors.get(sampleId);
    if (!vector) return [];
    return (
      await client.zeroShotTags(
        dequantize(vector),
        TAG_LABELS.map((t) => `a ${t} sound`),
      )
    )
      .slice(0, count)
      .map(({ label, score }) => ({ label: label.replace(/^a (.*) sound$/, '$1'), score }));
  }

  /** Samples removed from the library: no word search finds them again. */
  forget(sampleIds: readonly number[]): void {
    for (const id of sampleIds) {
      this.vectors.delete(id);
      this.unreadable.delete(id);
    }
  }

  /** The installed model's key; loads its stored vectors when it differs from the last one used. */
  private async useModel(): Promise<string> {
    const { model: manager } = await this.clap.ready();
    const state = manager.getState();
    // The installed model's size tells one model from another well enough to keep their vectors apart.
    const model = state.status === 'ready' ? `clap:${state.bytes}` : 'clap';
    if (model !== this.model) {
      this.vectors = await this.repository.embeddings.clap(model);
      this.model = model;
    }
    return model;
  }

  private async embedMissing(): Promise<void> {
    const model = await this.useModel();
    const done = await this.repository.analysedSampleIds();
    const missing = done.filter((id) => !this.vectors.has(id) && !this.unreadable.has(id));
    const progress = { done: 0, total: missing.length };
    const folders = new Map<number, FolderRecord | undefined>();
    for (const id of missing) {
      await this.embedOne(id, model, folders);
      progress.done++;
      if (progress.done % 10 === 0 || progress.done === progress.total) this.onProgress({ ...progress });
    }
  }

  private async embedOne(id: number, model: string, folders: Map<number, FolderRecord | undefined>): Promise<void> {
    const { client } = await this.clap.ready();
    const [sample] = await this.repository.getSamples([id]);
    if (sample && !folders.has(sample.folderId)) folders.set(sample.folderId, await this.repository.getFolder(sample.folderId));
    const folder = sample ? folders.get(sample.folderId) : undefined;
    try {
      if (!sample || !folder) throw new Error('gone');
      const decoded = await this.pool.decode(await this.files.readFile(folder, sample.path), sample.name);
      if (!decoded.ok) throw new Error(decoded.error.message);
      const vector = quantize(await client.embedAudio(mixToMono(decoded.channelData), decoded.sampleRate));
      // Kept only while the sample is still in the library (it may be removed while it was listened to).
      if (await this.repository.embeddings.saveClap(id, model, vector)) this.vectors.set(id, vector);
    } catch {
      this.unreadable.add(id); // moved, deleted or undecodable: left out of word searches this session
    }
  }
}
