/**
 * The user's work (tags, favourite, rating, note, corrections, hand-picked collections) on the
 * samples of a folder removed from the library is kept, keyed by the folder's name and the path
 * inside it, as a backup keys it: adding the folder again, after a move or a removal by mistake,
 * gives each file its work back. Only samples with some work are kept, so the table stays small.
 */
import type { CollectionRecord, KeptUserDataRecord, SampleMindDatabase, SampleRecord } from './schema';
import { pushTo } from '../domain/multiMap';

export const keptUserDataKey = (folder: string, path: string): string => `${folder}\u0000${path}`;

type UserWork = Pick<SampleRecord, 'tags' | 'favourite' | 'rating' | 'note' | 'corrections'>;

/** The user's own fields of a sample, those it has. */
function userWorkOf(sample: UserWork): UserWork {
  const work: UserWork = {};
  if (sample.tags && sample.tags.length > 0) work.tags = sample.tags;
  if (sample.favourite) work.favourite = sample.favourite;
  if (sample.rating) work.rating = sample.rating;
  if (sample.note) work.note = sample.note;
  if (sample.corrections && Object.keys(sample.corrections).length > 0) work.corrections = sample.corrections;
  return work;
}

/**
 * Keeps the work on these samples of folders being removed; call it inside the removal's
 * transaction (keptUserData, samples and collections), before the samples and their memberships go.
 */
export async function keepUserWork(
  db: SampleMindDatabase,
  folderNames: ReadonlyMap<number, string>,
  collections: readonly CollectionRecord[],
  gone: ReadonlySet<number>,
): Promise<number> {
  const memberships = new Map<number, number[]>();
  for (const collection of collections) {
    if (collection.query) continue;
    for (const id of collection.sampleIds) if (gone.has(id)) pushTo(memberships, id, collection.id);
  }
  const removedAt = Date.now();
  const kept: KeptUserDataRecord[] = [];
  await db.samples
    .where('folderId')
    .anyOf([...folderNames.keys()])
    .each((sample) => {
      const work = userWorkOf(sample);
      const collectionIds = memberships.get(sample.id);
      if (Object.keys(work).length === 0 && !collectionIds) return;
      const folder = folderNames.get(sample.folderId)!;
      kept.push({
        key: keptUserDataKey(folder, sample.path),
        folder,
        path: sample.path,
        size: sample.size,
        removedAt,
        ...work,
        ...(collectionIds ? { collectionIds } : {}),
      });
    });
  await db.keptUserData.bulkPut(kept);
  return kept.length;
}

/** What giving work back to new samples did. */
export interface WorkGivenBack {
  /** How many of the new samples got work back. */
  samples: number;
  /** Whether a hand-picked collection got members back (the caller reloads the collections). */
  collectionsChanged: boolean;
}

/**
 * Gives the kept work of folder `folder` to new samples about to be added at the same paths (it
 * is written into `fresh` before they are added), and returns what to do once they have ids.
 * Call inside the add's transaction (keptUserData and collections too).
 */
export async function takeKeptUserWork(
  db: SampleMindDatabase,
  folder: string,
  fresh: Omit<SampleRecord, 'id'>[],
): Promise<(ids: readonly number[]) => Promise<WorkGivenBack>> {
  const none = (): Promise<WorkGivenBack> => Promise.resolve({ samples: 0, collectionsChanged: false });
  // The usual case, a folder never removed: one index count, no lookups.
  if (fresh.length === 0 || (await db.keptUserData.where('folder').equals(folder).count()) === 0) return none;
  const kept = await db.keptUserData.bulkGet(fresh.map((f) => keptUserDataKey(folder, f.path)));
  const given: { index: number; record: KeptUserDataRecord }[] = [];
  kept.forEach((record, index) => {
    if (!record) return;
    Object.assign(fresh[index]!, userWorkOf(record));
    given.push({ index, record });
  });
  if (given.length === 0) return none;
  return async (ids) => {
    const members = new Map<number, number[]>();
    for (const { index, record } of given)
      for (const collectionId of record.collectionIds ?? []) pushTo(members, collectionId, ids[index]!);
    let collectionsChanged = false;
    for (const [collectionId, sampleIds] of members) {
      const collection = await db.collections.get(collectionId);
      if (!collection || collection.query) continue; // deleted since, or not hand-picked
      const held = new Set(collection.sampleIds);
      const back = sampleIds.filter((id) => !held.has(id));
      if (back.length === 0) continue;
      await db.collections.update(collectionId, { sampleIds: [...collection.sampleIds, ...back] });
      collectionsChanged = true;
    }
    await db.keptUserData.bulkDelete(given.map(({ record }) => record.key));
    return { samples: given.length, collectionsChanged };
  };
}
