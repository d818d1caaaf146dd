import {
  backupRefs,
  buildBackup,
  hasUserData,
  parseBackup,
  planRestore,
  type LibraryBackup,
  type LibrarySample,
  type RestoreReport,
} from '../domain/backup';
import type { SampleMindDatabase, SampleRecord } from './schema';

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

  /** The backup document; write it with JSON.stringify (backupFileName() names the file). */
  async exportBackup(now: Date = new Date()): Promise<LibraryBackup> {
    const { folders, samples, collections } = this.db;
    return this.db.transaction('r', folders, samples, collections, async () => {
      const folderNames = new Map((await folders.toArray()).map((folder) => [folder.id, folder.name]));
      const withUserData = await samples.filter(hasUserData).toArray();
      const allCollections = await collections.toArray();
      // Collection members without user data are needed only to name them in the backup.
      const known = new Set(withUserData.map((s) => s.id));
      const memberIds = [...new Set(allCollections.flatMap((c) => c.sampleIds))].filter((id) => !known.has(id));
      const members = (await samples.bulkGet(memberIds)).filter((s): s is SampleRecord => s !== undefined);
      const librarySamples = [...withUserData, ...members].flatMap((sample) => {
        const folderName = folderNames.get(sample.folderId);
        return folderName === undefined ? [] : [toLibrarySample(sample, folderName)]; // its folder was removed
      });
      return buildBackup(librarySamples, allCollections, now);
    });
  }

  /**
   * Lays a backup (the file's text, or its parsed JSON) onto the library. Invalid input throws a
   * BackupError (code 'bad_backup') before anything is written; the writes share one
   * transaction, so a failure half-way leaves the library as it was.
   */
  async restoreBackup(input: unknown): Promise<RestoreReport> {
    const backup = parseBackup(input);
    const { folders, samples, collections } = this.db;
    return this.db.transaction('rw', folders, samples, collections, async () => {
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
      const plan = planRestore(backup, candidates, await collections.toArray(), Date.now());

      await samples.bulkUpdate(plan.sampleUpdates.map(({ id, changes }) => ({ key: id, changes })));
      for (const { id, ...collection } of plan.collections) {
        if (id === undefined) await collections.add(collection);
        else await collections.put({ ...collection, id });
      }
      return plan.report;
    });
  }
}
