import type { LibraryRepository } from '../db/libraryRepository';
import type { AspectWeights } from '../domain/similarity/embeddingLayout';
import { SOUND_EMBEDDING_LAYOUT } from '../domain/similarity/soundEmbedding';
import type { ScoredId } from '../domain/similarity/topK';
import { VectorIndex } from '../domain/similarity/vectorIndex';
import { findDuplicateGroups, type DuplicateCandidate, type DuplicateGroup, type SampleFacts } from '../domain/similarity/duplicates';

/**
 * The library's sound embeddings in one in-memory VectorIndex, read from IndexedDB the first time
 * a similarity search needs it (or when the page is idle after start-up) and then kept in step
 * with every analysis saved. Search runs on the main thread: an exact scan of 100k embeddings
 * takes a few ms (docs/BENCHMARKS.md).
 */
export class SimilarityIndex {
  private index: VectorIndex | null = null;
  private loading: Promise<VectorIndex> | null = null;
  /** Analyses saved while the index was loading, applied once it is there. */
  private pending = new Map<number, Float32Array | null>();
  private changes = 0;

  constructor(private readonly repository: LibraryRepository) {}

  /** Counts every change to the embeddings, so a view built from them (the map) knows when it is stale without a copy. */
  get version(): number {
    return this.changes;
  }

  /** Whether the index is in memory (a search answers without reading the database). */
  get loaded(): boolean {
    return this.index !== null;
  }

  ready(): Promise<VectorIndex> {
    this.loading ??= (async () => {
      const index = new VectorIndex(SOUND_EMBEDDING_LAYOUT);
      // A batch at a time with a yield between: reading and indexing 100k at once held the main thread ~0.9 s.
      for await (const batch of this.repository.embeddings.inBatches()) {
        index.reserve(index.size + batch.length);
        for (const { sampleId, vector } of batch) if (!index.has(sampleId)) index.add(sampleId, vector);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      for (const [id, vector] of this.pending) this.apply(index, id, vector);
      this.pending.clear();
      this.index = index;
      return index;
    })();
    return this.loading;
  }

  /** A sample's embedding was saved (or removed: null). */
  update(sampleId: number, embedding: Float32Array | null): void {
    this.changes++;
    if (this.index) this.apply(this.index, sampleId, embedding);
    else if (this.loading) this.pending.set(sampleId, embedding);
  }

  /** Samples removed from the library: they leave the index (and the map built from it). */
  remove(sampleIds: readonly number[]): void {
    if (sampleIds.length === 0) return;
    for (const id of sampleIds) this.update(id, null);
  }

  /**
   * The `k` samples that sound most like `sampleId` under `weights`, among those `filter`
   * accepts, best first; null when that sample has no embedding (not analysed, silent).
   */
  async similarTo(sampleId: number, k: number, weights: AspectWeights, filter?: (id: number) => boolean): Promise<ScoredId[] | null> {
    const index = await this.ready();
    const query = index.get(sampleId);
    if (!query) return null;
    return index.search(query, k, { weights, exclude: sampleId, ...(filter ? { filter } : {}) });
  }

  /** A sample's embedding, once the index is in memory (after a search). */
  vectorOf(sampleId: number): Float32Array | undefined {
    return this.index?.get(sampleId) ?? undefined;
  }

  /** The `k` samples that sound most like `vector` (an example from outside the library), best first. */
  async similarToVector(vector: Float32Array, k: number, weights: AspectWeights, filter?: (id: number) => boolean): Promise<ScoredId[]> {
    const index = await this.ready();
    return index.search(vector, k, { weights, ...(filter ? { filter } : {}) });
  }

  /** Groups of near-duplicate samples among those `facts` describes (each must have an embedding to take part). */
  async duplicateGroups(facts: ReadonlyMap<number, SampleFacts>): Promise<DuplicateGroup[]> {
    const index = await this.ready();
    const candidates: DuplicateCandidate[] = [];
    for (const [id, sample] of facts) {
      const vector = index.get(id);
      if (vector) candidates.push({ id, vector, facts: sample });
    }
    return findDuplicateGroups(candidates, SOUND_EMBEDDING_LAYOUT);
  }

  private apply(index: VectorIndex, sampleId: number, embedding: Float32Array | null): void {
    if (embedding) index.upsert(sampleId, embedding);
    else index.remove(sampleId);
  }
}
