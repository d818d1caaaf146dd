import { AnalysisRepository, doneSampleIds } from './analysisRepository';
import { CollectionRepository } from './collectionRepository';
import { EmbeddingRepository } from './embeddingRepository';
import type { AnalysisOutcome, WaveformPeaks } from '../domain/analysis';
import { patchCorrections, type CorrectionPatch } from '../domain/corrections';
import { storedRating, type UserEdit } from '../domain/library/organise';
import { removeFolders, type RemovedFolders } from './folderRemoval';
import type { ListHints } from './listSnapshot';
import { decodeListSnapshot, definedHints, encodeListSnapshotInSlices, SNAPSHOT_FORMAT } from './listSnapshot';
import type { CollectionRecord, FolderRecord, FolderSource, SampleMindDatabase, SampleRecord, SampleStatus } from './schema';
import { addScannedFiles, heldFiles, markMissing, type AddFilesResult, type ScannedFile } from './scannedFiles';

export type { AddFilesResult, ScannedFile } from './scannedFiles';
export type { RemovedFolders } from './folderRemoval';

/** What loadSamples read. */
export interface LoadedSamples {
  samples: SampleRecord[];
  /** What a snapshot of exactly these samples must be saved with. */
  stamp: number;
  /** Whether a snapshot was used; false means every record was read. */
  fromSnapshot: boolean;
  /** Samples written or deleted since the snapshot was saved. */
  changed: number;
  /**
   * The snapshot's hints that still hold: its sort orders when the samples are exactly those it
   * was saved with, its text index whenever there is one (the samples in `changedIds` are indexed again).
   */
  hints: ListHints;
  /** Samples written since the snapshot was saved (their searchable text may have changed). */
  changedIds: number[];
}

const SNAPSHOT_CLOCK_MARGIN_MS = 2000;

/**
 * Everything the app stores about the library goes through here. Sample identity is the folder
 * plus the path inside it; a file whose size or modification time changed is the same sample,
 * re-analysed (docs/decisions/002-sample-identity.md).
 */
export class LibraryRepository {
  /** Sound and CLAP embeddings, kept apart from the samples (their own tables and reads). */
  readonly embeddings: EmbeddingRepository;
  /** Peaks, analyser stamps and the renewal of analyses an earlier version made. */
  readonly analyses: AnalysisRepository;
  /** Hand-picked and smart collections. */
  readonly collections: CollectionRepository;

  constructor(private readonly db: SampleMindDatabase) {
    this.embeddings = new EmbeddingRepository(db);
    this.analyses = new AnalysisRepository(db);
    this.collections = new CollectionRepository(db);
  }

  listFolders(): Promise<FolderRecord[]> {
    return this.db.folders.toArray();
  }

  getFolder(id: number): Promise<FolderRecord | undefined> {
    return this.db.folders.get(id);
  }

  /**
   * The folder record for a directory the user added: the existing one when they add the same
   * directory again (same handle, or for copied folders the same name), else a new one.
   */
  async upsertFolder(name: string, source: FolderSource, handle?: FileSystemDirectoryHandle): Promise<FolderRecord> {
    const existing = await this.db.folders.where('name').equals(name).toArray();
    for (const folder of existing) {
      if (folder.source !== source) continue;
      if (source === 'opfs') return folder;
      if (handle && folder.handle && (await folder.handle.isSameEntry(handle))) return folder;
    }
    const record: Omit<FolderRecord, 'id'> = { name, source, addedAt: Date.now(), ...(handle ? { handle } : {}) };
    const id = await this.db.folders.add(record as FolderRecord);
    return { ...record, id } as FolderRecord;
  }

  /** `expected`: the number of files a copy-in import was handed (FolderRecord.expected); cleared when it completes. */
  async setScanState(folderId: number, scan: 'scanning' | 'complete', expected?: number): Promise<void> {
    await this.db.folders.update(folderId, { scan, expected });
  }

  /**
   * Takes folders out of the library with their samples and everything kept per sample, in one
   * transaction (folderRemoval.ts). The files themselves are not touched.
   */
  removeFolders(folderIds: readonly number[]): Promise<RemovedFolders> {
    return removeFolders(this.db, folderIds);
  }

  /** The names of removed folders whose samples' work is kept for their return (keptUserData.ts). */
  async keptWorkFolders(): Promise<string[]> {
    return (await this.db.keptUserData.orderBy('folder').uniqueKeys()).map(String);
  }

  /** Adds newly found files; known files are left alone unless their size or mtime changed (scannedFiles.ts). */
  addScannedFiles(folderId: number, files: readonly ScannedFile[]): Promise<AddFilesResult> {
    return addScannedFiles(this.db, folderId, files);
  }

  /** Size and time of each file the library holds for a folder and has not lost (scannedFiles.ts). */
  heldFiles(folderId: number): Promise<Map<string, { size: number; mtime: number }>> {
    return heldFiles(this.db, folderId);
  }

  /** Marks the samples of a folder its complete rescan did not find as missing (scannedFiles.ts). */
  markMissing(folder: FolderRecord, found: ReadonlySet<string>): Promise<SampleRecord[]> {
    return markMissing(this.db, folder, found);
  }

  listSamples(): Promise<SampleRecord[]> {
    return this.db.samples.toArray();
  }

  /**
   * Every sample, for the list: the saved snapshot plus the samples written since (found by
   * their `updatedAt` index) minus any deleted since, all in one read transaction; without a
   * snapshot, every record. `stamp` is what a snapshot of these samples must be saved with.
   */
  async loadSamples(): Promise<LoadedSamples> {
    // Writes ordered before this read transaction are in what it reads, later ones are stamped
    // after now; the margin only absorbs small clock adjustments (re-reading a few is harmless).
    const stamp = Date.now() - SNAPSHOT_CLOCK_MARGIN_MS;
    return this.db.transaction('r', this.db.samples, this.db.snapshots, async () => {
      const saved = (await this.db.snapshots.get('list'))?.snapshot;
      if (saved?.format !== SNAPSHOT_FORMAT)
        return { samples: await this.db.samples.toArray(), stamp, fromSnapshot: false, changed: 0, hints: {}, changedIds: [] };
      const [changed, count] = await Promise.all([
        this.db.samples.where('updatedAt').aboveOrEqual(saved.stamp).toArray(),
        this.db.samples.count(),
      ]);
      let samples = decodeListSnapshot(saved);
      if (changed.length > 0) {
        const position = new Map(samples.map((s, i) => [s.id, i]));
        for (const sample of changed) {
          const i = position.get(sample.id);
          if (i === undefined) samples.push(sample);
          else samples[i] = sample;
        }
      }
      let deleted = 0;
      if (samples.length !== count) {
        const ids = new Set(await this.db.samples.toCollection().primaryKeys());
        const before = samples.length;
        samples = samples.filter((s) => ids.has(s.id));
        deleted = before - samples.length;
      }
      const unchanged = changed.length === 0 && deleted === 0;
      const { nameOrder, columnOrders, columnRuns, textIndex } = saved;
      const hints: ListHints = unchanged && nameOrder ? { nameOrder, columnOrders, columnRuns, textIndex } : { textIndex };
      return {
        samples,
        stamp,
        fromSnapshot: true,
        changed: changed.length + deleted,
        hints: definedHints(hints),
        changedIds: changed.map((sample) => sample.id),
      };
    });
  }

  /** When the saved list snapshot was taken (its stamp), or null without one. */
  async listSnapshotStamp(): Promise<number | null> {
    return (await this.db.snapshots.get('list'))?.snapshot.stamp ?? null;
  }

  /**
   * Saves the list snapshot of `samples` as loaded by loadSamples (with its stamp), replacing the
   * last one. `pause` is awaited between slices of the encoding, to give the page back.
   */
  async saveListSnapshot(samples: readonly SampleRecord[], stamp: number, hints?: ListHints, pause?: () => Promise<void>): Promise<void> {
    const steps = encodeListSnapshotInSlices(samples, stamp, hints);
    let step = steps.next();
    while (!step.done) {
      await pause?.();
      step = steps.next();
    }
    await this.db.snapshots.put({ name: 'list', snapshot: step.value });
  }

  /** Several samples at once, in the order asked (undefined for one that is gone). */
  getSamples(ids: readonly number[]): Promise<(SampleRecord | undefined)[]> {
    return this.db.samples.bulkGet([...ids]);
  }

  getSample(id: number): Promise<SampleRecord | undefined> {
    return this.db.samples.get(id);
  }

  /** The oldest queued samples, skipping folders that cannot be read right now. */
  async nextQueued(limit: number, excludeFolderIds: ReadonlySet<number> = new Set()): Promise<SampleRecord[]> {
    return this.db.samples
      .where('status')
      .equals('queued')
      .filter((s) => !excludeFolderIds.has(s.folderId))
      .limit(limit)
      .toArray();
  }

  async countByStatus(): Promise<Record<SampleStatus, number>> {
    const statuses: SampleStatus[] = ['queued', 'done', 'failed', 'skipped'];
    const counts = await Promise.all(statuses.map((s) => this.db.samples.where('status').equals(s).count()));
    return Object.fromEntries(statuses.map((s, i) => [s, counts[i]!])) as Record<SampleStatus, number>;
  }

  /**
   * Queued samples other than `inFlight` (being analysed, still queued in the database), read in
   * one transaction: a sample whose analysis is saved meanwhile is either queued in both counts or
   * in neither, so the analysis progress's total does not flicker by one.
   */
  async countQueuedExcept(inFlight: readonly number[]): Promise<number> {
    return this.db.transaction('r', this.db.samples, async () => {
      const [queued, busy] = await Promise.all([
        this.db.samples.where('status').equals('queued').count(),
        this.db.samples.bulkGet([...inFlight]),
      ]);
      return queued - busy.filter((s) => s?.status === 'queued').length;
    });
  }

  /** Stores one file's analysis (or its failure) the moment it is ready. */
  async saveOutcome(sampleId: number, outcome: AnalysisOutcome): Promise<SampleRecord | undefined> {
    const tables = [this.db.samples, this.db.peaks, this.db.embeddings, this.db.clapEmbeddings, this.db.analysisStamps];
    return this.db.transaction('rw', tables, async () => {
      const sample = await this.db.samples.get(sampleId);
      if (!sample) return undefined; // removed while it was being analysed
      await this.db.clapEmbeddings.delete(sampleId); // the file changed: listened to again when next searched by words
      const updated: SampleRecord = outcome.ok
        ? { ...sample, status: 'done', error: null, analysis: outcome.descriptors, analysedAt: Date.now() }
        : { ...sample, status: 'failed', error: outcome.error, analysis: null, analysedAt: Date.now() };
      await this.db.samples.put(updated);
      await this.analyses.storeParts(sampleId, outcome);
      return updated;
    });
  }

  /** Sets (or, with null, removes) the user's corrections of analysed fields, in one write. */
  async correct(sampleId: number, patch: CorrectionPatch): Promise<SampleRecord | undefined> {
    return this.db.transaction('rw', this.db.samples, async () => {
      const sample = await this.db.samples.get(sampleId);
      if (!sample) return undefined;
      const updated = { ...sample, corrections: patchCorrections(sample.corrections, patch) };
      await this.db.samples.put(updated);
      return updated;
    });
  }

  /** Applies the organising tools' edits (tags, favourite, rating, note) in one transaction; returns the updated records. */
  async applyUserEdits(edits: readonly UserEdit[]): Promise<SampleRecord[]> {
    if (edits.length === 0) return [];
    return this.db.transaction('rw', this.db.samples, async () => {
      const samples = await this.db.samples.bulkGet(edits.map((e) => e.id));
      const updated: SampleRecord[] = [];
      edits.forEach((edit, i) => {
        const sample = samples[i];
        if (!sample) return; // removed meanwhile
        const { tags, favourite, rating, note } = edit.fields;
        const next: SampleRecord = { ...sample };
        if (tags !== undefined) next.tags = [...tags];
        if (favourite !== undefined) next.favourite = favourite ? 1 : 0;
        if (rating !== undefined) next.rating = storedRating(rating);
        if (note !== undefined) next.note = note;
        updated.push(next);
      });
      await this.db.samples.bulkPut(updated);
      return updated;
    });
  }

  /** Every successfully analysed sample's id. */
  analysedSampleIds(): Promise<number[]> {
    return doneSampleIds(this.db);
  }

  /** Peaks of many samples at once (the list's thumbnails); missing ones are left out. */
  async getPeaksMany(sampleIds: readonly number[]): Promise<Map<number, WaveformPeaks>> {
    const records = await this.db.peaks.bulkGet([...sampleIds]);
    return new Map(records.flatMap((r) => (r ? [[r.sampleId, r.peaks] as const] : [])));
  }

  getPeaks(sampleId: number): Promise<WaveformPeaks | undefined> {
    return this.db.peaks.get(sampleId).then((r) => r?.peaks);
  }

  /**
   * Cancel: what is still queued (apart from `inFlight`, whose results are about to be saved) is
   * marked skipped, so a reload does not restart it. Returns the ids it skipped.
   */
  async skipQueued(inFlight: ReadonlySet<number> = new Set()): Promise<number[]> {
    return this.db.transaction('rw', this.db.samples, async () => {
      const ids = (await this.db.samples.where('status').equals('queued').primaryKeys()).filter((id) => !inFlight.has(id));
      await this.db.samples.where(':id').anyOf(ids).modify({ status: 'skipped' });
      return ids;
    });
  }

  /** Queues skipped samples again ("Analyse remaining"). */
  async requeueSkipped(): Promise<number> {
    return this.db.samples.where('status').equals('skipped').modify({ status: 'queued' });
  }

  /**
   * Bulk-loads complete records, ids included (benchmark libraries, restoring a backup): each table
   * in chunks of `chunkSize`, one transaction per chunk, so 100k samples never sit in one huge
   * transaction. bulkAdd: an id that already exists fails the chunk.
   */
  async importRecords(
    records: {
      folders?: readonly FolderRecord[];
      samples?: readonly SampleRecord[];
      peaks?: readonly { sampleId: number; peaks: WaveformPeaks }[];
      collections?: readonly CollectionRecord[];
    },
    chunkSize = 5000,
  ): Promise<void> {
    const add = async <T>(table: { bulkAdd(items: readonly T[]): Promise<unknown> }, rows: readonly T[] = []): Promise<void> => {
      for (let i = 0; i < rows.length; i += chunkSize) await table.bulkAdd(rows.slice(i, i + chunkSize));
    };
    await add(this.db.folders, records.folders);
    await add(this.db.samples, records.samples);
    await add(this.db.peaks, records.peaks);
    await add(this.db.collections, records.collections);
  }
}
