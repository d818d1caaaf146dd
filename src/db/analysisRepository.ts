import { ANALYSIS_VERSION, type AnalysisOutcome } from '../domain/analysis';
import { SOUND_EMBEDDING_VERSION } from '../domain/similarity/soundEmbedding';
import type { SampleMindDatabase, SampleRecord } from './schema';

/** Ids of every successfully analysed sample (keys only: cheap on 100k samples). */
export function doneSampleIds(db: SampleMindDatabase): Promise<number[]> {
  return db.samples.where('status').equals('done').primaryKeys();
}

/** Ids of every sample the analyser refused (a format it could not decode, a damaged file). */
export function failedSampleIds(db: SampleMindDatabase): Promise<number[]> {
  return db.samples.where('status').equals('failed').primaryKeys();
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

/**
 * What the background back-fill has to do: analyses an earlier analyser made, missing sound
 * embeddings, and files an earlier analyser refused (a newer one may read them).
 */
export interface Backlog {
  stale: number[];
  unembedded: number[];
  refused: number[];
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
      await this.db.analysisStamps.put({ sampleId, version: ANALYSIS_VERSION, ...(outcome.embedding ? {} : { soundless: true as const }) });
    } else {
      await this.db.peaks.delete(sampleId);
      // Which analyser refused it: the next one tries again (AnalysisBackfill).
      await this.db.analysisStamps.put({ sampleId, version: ANALYSIS_VERSION });
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

  /**
   * A refused file analysed again by a newer analyser: stored like a first analysis if it reads
   * now, its reason updated if not. Nothing happens to a sample no longer refused (a rescan queued it).
   */
  async saveRetry(sampleId: number, outcome: AnalysisOutcome): Promise<SampleRecord | undefined> {
    const tables = [this.db.samples, this.db.peaks, this.db.embeddings, this.db.analysisStamps];
    return this.db.transaction('rw', tables, async () => {
      const sample = await this.db.samples.get(sampleId);
      if (!sample || sample.status !== 'failed') return undefined;
      const updated: SampleRecord = outcome.ok
        ? { ...sample, status: 'done', error: null, analysis: outcome.descriptors, analysedAt: Date.now() }
        : { ...sample, error: outcome.error, analysedAt: Date.now() };
      await this.db.samples.put(updated);
      await this.storeParts(sampleId, outcome);
      return updated;
    });
  }

  /** Analysed samples whose analysis an earlier analyser made. */
  async stale(): Promise<number[]> {
    return lackingVersion(await doneSampleIds(this.db), this.db.analysisStamps, ANALYSIS_VERSION);
  }

  /**
   * Marks a sample this analyser found silent, so that its missing embedding is not looked for
   * again (it was, at every start, for libraries analysed before silence was stamped).
   */
  async markSoundless(sampleId: number): Promise<void> {
    await this.db.analysisStamps.put({ sampleId, version: ANALYSIS_VERSION, soundless: true });
  }

  /** Stale analyses, missing sound embeddings (not of silence) and files an earlier analyser refused. */
  async backlog(): Promise<Backlog> {
    const [done, failed] = await Promise.all([doneSampleIds(this.db), failedSampleIds(this.db)]);
    const [stale, unembeddedOrSilent, refused, soundless] = await Promise.all([
      lackingVersion(done, this.db.analysisStamps, ANALYSIS_VERSION),
      lackingVersion(done, this.db.embeddings, SOUND_EMBEDDING_VERSION),
      lackingVersion(failed, this.db.analysisStamps, ANALYSIS_VERSION),
      this.db.analysisStamps
        .where('version')
        .equals(ANALYSIS_VERSION)
        .filter((stamp) => stamp.soundless === true)
        .primaryKeys(),
    ]);
    const silent = new Set(soundless);
    return { stale, unembedded: unembeddedOrSilent.filter((id) => !silent.has(id)), refused };
  }
}
