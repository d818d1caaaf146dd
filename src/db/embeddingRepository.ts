import { SOUND_EMBEDDING_VERSION } from '../domain/similarity/soundEmbedding';
import { quantize, type QuantizedVector } from '../domain/similarity/quantized';
import { doneSampleIds, lackingVersion } from './analysisRepository';
import type { EmbeddingRecord, SampleMindDatabase } from './schema';

/** Samples' sound embeddings ("more like this", the map) and CLAP audio embeddings (search by words). */
export class EmbeddingRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  /** Every stored sound embedding of the current version (older ones are recomputed by re-analysis). */
  list(): Promise<EmbeddingRecord[]> {
    return this.db.embeddings.where('version').equals(SOUND_EMBEDDING_VERSION).toArray();
  }

  /**
   * The current embeddings a batch at a time, in sampleId order: each read is one short task, so a
   * caller that yields between batches keeps the page responsive (one read of 100k blocked ~0.9 s).
   */
  async *inBatches(size = 5000): AsyncGenerator<EmbeddingRecord[]> {
    let after = -Infinity;
    for (;;) {
      const batch = await this.db.embeddings.where('sampleId').above(after).limit(size).toArray();
      if (batch.length === 0) return;
      after = batch[batch.length - 1]!.sampleId;
      yield batch.filter((e) => e.version === SOUND_EMBEDDING_VERSION);
      if (batch.length < size) return;
    }
  }

  /** Stores a sample's embedding alone (the back-fill); false when the sample is gone. */
  async save(sampleId: number, vector: Float32Array): Promise<boolean> {
    return this.db.transaction('rw', this.db.samples, this.db.embeddings, async () => {
      if (!(await this.db.samples.get(sampleId))) return false;
      await this.db.embeddings.put({ sampleId, version: SOUND_EMBEDDING_VERSION, vector });
      return true;
    });
  }

  /** Ids of analysed samples without a current embedding (analysed before embeddings existed, or an older version). */
  async samplesWithout(): Promise<number[]> {
    return lackingVersion(await doneSampleIds(this.db), this.db.embeddings, SOUND_EMBEDDING_VERSION);
  }

  /** The CLAP audio embeddings `model` computed (search by words), as 8-bit vectors (older float records converted). */
  async clap(model: string): Promise<Map<number, QuantizedVector>> {
    const out = new Map<number, QuantizedVector>();
    await this.db.clapEmbeddings.each((record) => {
      if (record.model !== model) return;
      if (record.q && record.scale !== undefined) out.set(record.sampleId, { q: record.q, scale: record.scale });
      else if (record.vector) out.set(record.sampleId, quantize(record.vector));
    });
    return out;
  }

  /** Stores a sample's CLAP embedding; false when the sample is gone (removed while it was being listened to). */
  async saveClap(sampleId: number, model: string, vector: QuantizedVector): Promise<boolean> {
    return this.db.transaction('rw', this.db.samples, this.db.clapEmbeddings, async () => {
      if (!(await this.db.samples.get(sampleId))) return false;
      await this.db.clapEmbeddings.put({ sampleId, model, q: vector.q, scale: vector.scale });
      return true;
    });
  }
}
