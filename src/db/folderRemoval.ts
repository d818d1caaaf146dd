/**
 * Removing source folders from the library: the folder records, their samples and everything
 * stored per sample, in one transaction, so a failure part-way leaves the library as it was.
 */
import { keepPoints } from '../domain/map/keepPoints';
import type { FolderRecord, SampleMindDatabase } from './schema';

/** What removeFolders took out of the library. */
export interface RemovedFolders {
  /** The folder records removed (ids asked for that were not there are left out). */
  folders: FolderRecord[];
  /** Ids of every sample those folders held. */
  sampleIds: number[];
  /** Whether a hand-picked collection lost members (the caller reloads the collections). */
  collectionsChanged: boolean;
}

/**
 * Deletes the folders, their samples, each sample's peaks, sound and CLAP embeddings and analyser
 * stamp, its place in the saved map layout and its membership of hand-picked collections. The
 * user's files are not touched; copies kept in the Origin Private File System are the caller's
 * to delete once this has succeeded (FileAccess.deleteCopies).
 */
export function removeFolders(db: SampleMindDatabase, folderIds: readonly number[]): Promise<RemovedFolders> {
  const tables = [db.folders, db.samples, db.peaks, db.embeddings, db.clapEmbeddings, db.analysisStamps, db.collections, db.mapLayouts];
  return db.transaction('rw', tables, async () => {
    const folders = (await db.folders.bulkGet([...folderIds])).filter((folder): folder is FolderRecord => folder !== undefined);
    if (folders.length === 0) return { folders, sampleIds: [], collectionsChanged: false };
    const ids = folders.map((folder) => folder.id);
    const sampleIds = await db.samples.where('folderId').anyOf(ids).primaryKeys();
    const gone = new Set(sampleIds);
    await Promise.all([
      db.peaks.bulkDelete(sampleIds),
      db.embeddings.bulkDelete(sampleIds),
      db.clapEmbeddings.bulkDelete(sampleIds),
      db.analysisStamps.bulkDelete(sampleIds),
    ]);
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
    await db.samples.bulkDelete(sampleIds);
    await db.folders.bulkDelete(ids);
    return { folders, sampleIds, collectionsChanged };
  });
}
