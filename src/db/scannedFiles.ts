/**
 * What a folder scan changes in the library: files found are added (or queued again when they
 * changed), and after a complete scan the samples it did not find are marked missing.
 */
import Dexie from 'dexie';
import { takeKeptUserWork, type WorkGivenBack } from './keptUserData';
import { splitPath } from './listSnapshot';
import type { FolderRecord, SampleMindDatabase, SampleRecord } from './schema';

/** A file the importer found, before it is in the library. */
export interface ScannedFile {
  path: string;
  size: number;
  mtime: number;
}

export interface AddFilesResult {
  /** New rows, and rows whose file changed on disk (re-queued for analysis). */
  queued: SampleRecord[];
  unchanged: number;
  /** Rows marked missing by an earlier rescan whose file is back unchanged: their analysis still holds, so they are not queued. */
  restored: SampleRecord[];
  /** New rows that got back the work kept when a folder of this name was removed (keptUserData.ts). */
  workBack: WorkGivenBack;
}

/**
 * Adds newly found files; known files are left alone unless their size or mtime changed. Nothing
 * is added to a folder no longer in the library (removed while it was being scanned).
 */
export function addScannedFiles(db: SampleMindDatabase, folderId: number, files: readonly ScannedFile[]): Promise<AddFilesResult> {
  return db.transaction('rw', [db.folders, db.samples, db.keptUserData, db.collections], async () => {
    const folder = await db.folders.get(folderId);
    if (!folder) return { queued: [], unchanged: 0, restored: [], workBack: { samples: 0, collectionsChanged: false } };
    const unique = [...new Map(files.map((f) => [f.path, f])).values()]; // a path listed twice counts once
    const keys = unique.map((f) => [folderId, f.path] as [number, string]);
    const existing = await db.samples.where('[folderId+path]').anyOf(keys).toArray();
    const byPath = new Map(existing.map((s) => [s.path, s]));
    const queued: SampleRecord[] = [];
    const restored: SampleRecord[] = [];
    const fresh: Omit<SampleRecord, 'id'>[] = [];
    let unchanged = 0;
    const now = Date.now();
    for (const file of unique) {
      const known = byPath.get(file.path);
      if (known) {
        const same = known.size === file.size && known.mtime === file.mtime;
        const missing = known.error?.code === 'missing';
        if (same && !missing) {
          unchanged++;
          continue;
        }
        if (same && known.analysis) {
          // Missing, and back as it was: its analysis still holds.
          const back: SampleRecord = { ...known, status: 'done', error: null };
          await db.samples.put(back);
          restored.push(back);
          continue;
        }
        const changed: SampleRecord = { ...known, size: file.size, mtime: file.mtime, status: 'queued', error: null };
        await db.samples.put(changed);
        queued.push(changed);
        continue;
      }
      fresh.push({
        folderId,
        path: file.path,
        ...splitPath(file.path),
        size: file.size,
        mtime: file.mtime,
        status: 'queued',
        error: null,
        analysis: null,
        addedAt: now,
        analysedAt: null,
      });
    }
    let workBack: WorkGivenBack = { samples: 0, collectionsChanged: false };
    if (fresh.length > 0) {
      const giveBack = await takeKeptUserWork(db, folder.name, fresh);
      const ids = await db.samples.bulkAdd(fresh as SampleRecord[], { allKeys: true });
      fresh.forEach((record, i) => queued.push({ ...record, id: ids[i]! } as SampleRecord));
      workBack = await giveBack(ids);
    }
    return { queued, unchanged, restored, workBack };
  });
}

/**
 * The samples of a folder that a complete rescan of it did not find, marked as failed with the
 * code 'missing': their analysis, tags, ratings and collections stay, so a file that was moved
 * away and comes back (addScannedFiles) is as it was. Already missing ones are left as they are.
 */
export function markMissing(db: SampleMindDatabase, folder: FolderRecord, found: ReadonlySet<string>): Promise<SampleRecord[]> {
  return db.transaction('rw', db.samples, async () => {
    // Keys of the compound index only: a folder's paths without reading its records.
    const keys = (await db.samples
      .where('[folderId+path]')
      .between([folder.id, Dexie.minKey], [folder.id, Dexie.maxKey])
      .keys()) as unknown as [number, string][];
    const gone = keys.filter(([, path]) => !found.has(path));
    if (gone.length === 0) return [];
    const records = await db.samples.where('[folderId+path]').anyOf(gone).toArray();
    const marked = records
      .filter((sample) => sample.error?.code !== 'missing')
      .map((sample): SampleRecord => ({
        ...sample,
        status: 'failed',
        error: { code: 'missing', message: `${sample.path} is no longer in ${folder.name}: it was moved or deleted` },
      }));
    await db.samples.bulkPut(marked);
    return marked;
  });
}

/**
 * Size and time of each file the library holds for a folder, except those marked missing: a
 * copy-in import skips copying such a file again when it comes with the same size and time.
 */
export async function heldFiles(db: SampleMindDatabase, folderId: number): Promise<Map<string, { size: number; mtime: number }>> {
  const held = new Map<string, { size: number; mtime: number }>();
  await db.samples
    .where('[folderId+path]')
    .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
    .each((sample) => {
      if (sample.error?.code !== 'missing') held.set(sample.path, { size: sample.size, mtime: sample.mtime });
    });
  return held;
}
