/**
 * Removing source folders from the library: the folder records, their samples and everything
 * stored per sample, in one transaction, so a failure part-way leaves the library as it was.
 */
import type { Table } from 'dexie';
import { consecutiveRuns } from '../domain/idRuns';
import { keepPoints } from '../domain/map/keepPoints';
import { keepUserWork } from './keptUserData';
import type { FolderRecord, SampleMindDatabase } from './schema';

/** What removeFolders took out of the library. */
export interface RemovedFolders {
  /** The folder records removed (ids asked for that were not there are left out). */
  folders: FolderRecord[];
  /** Ids of every sample those folders held. */
  sampleIds: number[];
  /** Whether a hand-picked collection lost members (the caller reloads the collections). */
  collectionsChanged: boolean;
  /** Samples whose work (tags, rating, collections...) is kept for when the folder is added again. */
  keptWork: number;
}

/**
 * Deletes the folders, their samples, each sample's peaks, sound and CLAP embeddings and analyser
 * stamp, its place in the saved map layout and its membership of hand-picked collections; the
 * user's work on the samples is kept for the folder's return (keptUserData.ts). The user's files
 * are not touched; copies kept in the Origin Private File System are the caller's to delete once
 * this has succeeded (FileAccess.deleteCopies).
 */
export function removeFolders(db: SampleMindDatabase, folderIds: readonly number[]): Promise<RemovedFolders> {
  const tables = [
    db.folders,
    db.samples,
    db.peaks,
    db.embeddings,
    db.clapEmbeddings,
    db.analysisStamps,
    db.collections,
    db.mapLayouts,
    db.keptUserData,
  ];
  return db.transaction('rw', tables, async () => {
    const folders = (await db.folders.bulkGet([...folderIds])).filter((folder): folder is FolderRecord => folder !== undefined);
    if (folders.length === 0) return { folders, sampleIds: [], collectionsChanged: false, keptWork: 0 };
    const ids = folders.map((folder) => folder.id);
    const sampleIds = await db.samples.where('folderId').anyOf(ids).primaryKeys();
    const gone = new Set(sampleIds);
    const runs = consecutiveRuns(sampleIds);
    // Everything stored per sample is keyed by its id: one range request per run of ids.
    const deleteRuns = (table: Table<unknown, number>): Promise<unknown> =>
      Promise.all(runs.map(([first, last]) => table.where(':id').between(first, last, true, true).delete()));
    await Promise.all([db.peaks, db.embeddings, db.clapEmbeddings, db.analysisStamps].map(deleteRuns));
    const folderNames = new Map(folders.map((folder) => [folder.id, folder.name]));
    const keptWork = await keepUserWork(db, folderNames, await db.collections.toArray(), gone);
    let collectionsChanged = false;
    await db.collections
      .filter((collection) => collection.sampleIds.some((id) => gone.has(id)))
      .modify((collection) => {
        collection.sampleIds = collection.sampleIds.filter((id) => !gone.has(id));
        collectionsChanged = true;
      });
    const map = await db.mapLayouts.get('map');
    if (map) {
      const layout = keepPoints(map.layout, (id) => !gone.has(id));
      if (layout !== map.layout) await db.mapLayouts.put({ ...map, layout });
    }
    await deleteRuns(db.samples);
    await db.folders.bulkDelete(ids);
    return { folders, sampleIds, collectionsChanged, keptWork };
  });
}
