import { ANALYSIS_VERSION, type AnalysisOutcome } from '../domain/analysis';
import { SOUND_EMBEDDING_VERSION } from '../domain/similarity/soundEmbedding';
import type { SampleMindDatabase, SampleRecord } from './schema';

/** Ids of every successfully analysed sample (keys only: cheap on 100k samples). */
export function doneSampleIds(db: SampleMindDatabase): Promise<number[]> {
  return db.samples.where('status').equals('done').primaryKeys();
}

/** A table keyed by sample id with a `version` index (sound embeddings, analyser stamps). */
interface VersionedTable {
  where(index: 'version'): { equals(version: number): { primaryKeys(): PromiseLike<number[]> } };
}

/** Those of `sampleIds` without a row of `version` in a per-sample versioned table. */
export async function lackingVersion(sampleIds: readonly number[], table: VersionedTable, version: number): Promise<number[]> {
  const have = new Set(await table.where('version').equals(version).primaryKeys());
  return sampleIds.filter((id) => !have.has(id));
}

/** What the background back-fill has to do: analyses an earlier analyser made, and missing sound embeddings. */
export interface Backlog {
  stale: number[];
  unembedded: number[];
}

/**
 * What the analyser wrote beside a sample's record (peaks, sound embedding, which analyser
 * version), and the renewal of analyses an earlier version made (docs/decisions/003, version 6).
 */
export class AnalysisRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  /** Peaks, embedding and analyser stamp of an outcome; call inside a transaction over their tables. */
  async storeParts(sampleId: number, outcome: AnalysisOutcome): Promise<void> {
    if (outcome.ok) {
      await this.db.peaks.put({ sampleId, peaks: outcome.peaks });
      await this.db.analysisStamps.put({ sampleId, version: ANALYSIS_VERSION });
    } else {
      await this.db.peaks.delete(sampleId);
      await this.db.analysisStamps.delete(sampleId);
    }
    if (outcome.ok && outcome.embedding) {
      await this.db.embeddings.put({ sampleId, version: SOUND_EMBEDDING_VERSION, vector: outcome.embedding });
    } else {
      await this.db.embeddings.delete(sampleId);
    }
  }

  /**
   * Stores a new analysis of an unchanged file, made by a newer analyser: corrections, the user's
   * edits and the CLAP embedding stay. If the newer analyser refuses the file, the earlier analysis
   * stays too (and it is not tried again until the analyser changes).
   */
  async saveReanalysis(sampleId: number, outcome: AnalysisOutcome): Promise<SampleRecord | undefined> {
    return this.db.transaction('rw', [this.db.samples, this.db.peaks, this.db.embeddings, this.db.analysisStamps], async () => {
      const sample = await this.db.samples.get(sampleId);
      if (!sample || sample.status !== 'done') return undefined;
      if (!outcome.ok) {
        await this.db.analysisStamps.put({ sampleId, version: ANALYSIS_VERSION });
        return undefined;
      }
      const updated: SampleRecord = { ...sample, analysis: outcome.descriptors, analysedAt: Date.now() };
      await this.db.samples.put(updated);
      await this.storeParts(sampleId, outcome);
      return updated;
    });
  }

  /** Analysed samples whose analysis an earlier analyser made. */
  async stale(): Promise<number[]> {
    return lackingVersion(await doneSampleIds(this.db), this.db.analysisStamps, ANALYSIS_VERSION);
  }

  /** Stale analyses and missing sound embeddings, from one read of the analysed samples' ids. */
  async backlog(): Promise<Backlog> {
    const done = await doneSampleIds(this.db);
    const [stale, unembedded] = await Promise.all([
      lackingVersion(done, this.db.analysisStamps, ANALYSIS_VERSION),
      lackingVersion(done, this.db.embeddings, SOUND_EMBEDDING_VERSION),
    ]);
    return { stale, unembedded };
  }
}
