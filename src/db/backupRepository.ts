import {
  backupRefs,
  buildBackup,
  hasUserData,
  planRestore,
  type LibraryBackup,
  type LibrarySample,
  type RestorePlan,
  type RestoreReport,
} from '../domain/backup';
import { parseBackup } from '../domain/backupParse';
import { pushTo } from '../domain/multiMap';
import { keptUserDataKey } from './keptUserData';
import type { SampleMindDatabase, SampleRecord } from './schema';

/** Samples a restore writes per bulkUpdate, within its one transaction. */
const RESTORE_SLICE = 1000;

function toLibrarySample(sample: SampleRecord, folderName: string): LibrarySample {
  const { id, path, size, tags, favourite, rating, note, corrections } = sample;
  return { id, folderName, path, size, tags, favourite, rating, note, corrections };
}

/**
 * Backs up and restores the user's own work on the library (format: src/domain/backup.ts).
 * Samples are matched by folder name + path, so a backup restores onto the same files after the
 * user adds their folders again in a fresh profile.
 */
export class BackupRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  /**
   * The backup document; write it with JSON.stringify (backupFileName() names the file). The work
   * kept from removed folders (keptUserData) is in it too, as samples of those folders: restored
   * once the folder is added again, as adding it gives the work back here.
   */
  async exportBackup(now: Date = new Date()): Promise<LibraryBackup> {
    return (await this.exportBackupCounted(now)).backup;
  }

  /** The backup, and how many of its samples are kept from removed folders (`withWork`: those listed with work, not unmarked). */
  async exportBackupCounted(now: Date = new Date()): Promise<{ backup: LibraryBackup; kept: { samples: number; withWork: number } }> {
    const { folders, samples, collections, keptUserData } = this.db;
    return this.db.transaction('r', [folders, samples, collections, keptUserData], async () => {
      const folderNames = new Map((await folders.toArray()).map((folder) => [folder.id, folder.name]));
      // Every sample, also those without user data: a restore clears what they were given since.
      const librarySamples: LibrarySample[] = [];
      await samples.each((sample) => {
        const folderName = folderNames.get(sample.folderId);
        if (folderName !== undefined) librarySamples.push(toLibrarySample(sample, folderName)); // else its folder was removed
      });
      const inLibrary = new Set(librarySamples.map((s) => keptUserDataKey(s.folderName, s.path)));
      // Ids of their own (negative: no sample has one) tie kept samples to their collections.
      const keptSamples: LibrarySample[] = [];
      const keptMembers = new Map<number, number[]>();
      for (const kept of await keptUserData.toArray()) {
        if (inLibrary.has(kept.key)) continue;
        const id = -1 - keptSamples.length;
        const { folder, path, size, tags, favourite, rating, note, corrections } = kept;
        keptSamples.push({ id, folderName: folder, path, size: size ?? 0, tags, favourite, rating, note, corrections });
        for (const collectionId of kept.collectionIds ?? []) pushTo(keptMembers, collectionId, id);
      }
      const withKept = (await collections.toArray()).map((c) =>
        keptMembers.has(c.id) ? { ...c, sampleIds: [...c.sampleIds, ...keptMembers.get(c.id)!] } : c,
      );
      const backup = buildBackup([...librarySamples, ...keptSamples], withKept, now);
      return { backup, kept: { samples: keptSamples.length, withWork: keptSamples.filter(hasUserData).length } };
    });
  }

  /** What restoring the backup would do, written nowhere (the question before a restore). Throws as restoreBackup does. */
  async previewRestore(input: unknown): Promise<{ backup: LibraryBackup; report: RestoreReport }> {
    const backup = parseBackup(input);
    const { folders, samples, collections } = this.db;
    const plan = await this.db.transaction('r', folders, samples, collections, () => this.plan(backup, {}));
    return { backup, report: plan.report };
  }

  /**
   * Lays a backup (the file's text, or its parsed JSON) onto the library, replacing the user data
   * of the samples it mentions (planRestore). Invalid input throws a BackupError (code
   * 'bad_backup') before anything is written; the writes share one transaction, so a failure
   * half-way leaves the library as it was. `undo` is the library's backup from just before:
   * restoring it with `dropOtherCollections` puts everything back.
   */
  async restoreBackup(
    input: unknown,
    options: { dropOtherCollections?: boolean } = {},
  ): Promise<{ report: RestoreReport; undo: LibraryBackup }> {
    const backup = parseBackup(input);
    const { folders, samples, collections, keptUserData } = this.db;
    return this.db.transaction('rw', [folders, samples, collections, keptUserData], async () => {
      const undo = await this.exportBackup();
      const plan = await this.plan(backup, options);
      const updates = plan.sampleUpdates.map(({ id, changes }) => ({ key: id, changes }));
      // In slices, each awaited: the same transaction, but the page gets a turn between them (one
      // bulkUpdate of 100,000 held it for 7 s).
      for (let at = 0; at < updates.length; at += RESTORE_SLICE) await samples.bulkUpdate(updates.slice(at, at + RESTORE_SLICE));
      await collections.bulkDelete(plan.deleteCollectionIds);
      for (const { id, ...collection } of plan.collections) {
        if (id === undefined) await collections.add(collection);
        else await collections.put({ ...collection, id });
      }
      return { report: plan.report, undo };
    });
  }

  /** Inside a transaction over folders, samples and collections. */
  private async plan(backup: LibraryBackup, options: { dropOtherCollections?: boolean }): Promise<RestorePlan> {
    const { folders, samples, collections } = this.db;
    const folderIdsByName = new Map<string, number[]>();
    for (const folder of await folders.toArray()) {
      folderIdsByName.set(folder.name, [...(folderIdsByName.get(folder.name) ?? []), folder.id]);
    }
    const keys = backupRefs(backup).flatMap((ref) =>
      (folderIdsByName.get(ref.folder) ?? []).map((folderId) => [folderId, ref.path] as [number, string]),
    );
    const folderNameOf = new Map([...folderIdsByName].flatMap(([name, ids]) => ids.map((id) => [id, name] as const)));
    const candidates = (await samples.where('[folderId+path]').anyOf(keys).toArray()).map((sample) =>
      toLibrarySample(sample, folderNameOf.get(sample.folderId)!),
    );
    return planRestore(backup, candidates, await collections.toArray(), Date.now(), {
      librarySize: await samples.count(),
      ...options,
    });
  }
}
