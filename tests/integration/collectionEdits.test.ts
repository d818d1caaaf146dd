import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase, type CollectionRecord } from '../../src/db/schema';
import { collectionsOf } from '../../src/domain/library/collectionEdits';
import { collectionEdits, type CollectionsView } from '../../src/features/organise/useCollectionEdits';

let db: SampleMindDatabase;
let n = 0;
afterEach(async () => {
  db.close();
  await db.delete();
});

/** A library of three samples, and the sidebar's view of its collections as the edits leave it. */
async function setUp() {
  db = new SampleMindDatabase(`collection-edits-test-${++n}`);
  const repository = new LibraryRepository(db);
  const folder = await repository.upsertFolder('Samples', 'opfs');
  const { queued } = await repository.addScannedFiles(folder.id, [
    { path: 'Snares/snare 03.wav', size: 1000, mtime: 1 },
    { path: 'Kicks/kick 1.wav', size: 1200, mtime: 1 },
    { path: 'Loops/amen.flac', size: 90000, mtime: 2 },
  ]);
  const [snare, kick, amen] = queued.map((s) => ({ id: s.id, name: s.name }));
  const shown = { collections: [] as readonly CollectionRecord[], closed: [] as number[] };
  const view: CollectionsView = {
    collections: () => shown.collections,
    setCollections: (collections) => (shown.collections = collections),
    closeIfOpen: (id) => shown.closed.push(id),
  };
  return { repository, edits: collectionEdits(repository.collections, view), shown, snare: snare!, kick: kick!, amen: amen! };
}

describe('adding samples to collections, one or many, with undo', () => {
  it('adds one sample, says so, shows where it is, and undoes only what it added', async () => {
    const { repository, edits, shown, snare, kick } = await setUp();
    const trackX = await repository.collections.create('Track X', [kick.id]);
    await repository.collections.create('Snares', []);
    shown.collections = await repository.collections.list();

    const outcome = await edits.add(trackX.id, [snare]);
    expect(outcome?.message).toBe('Added snare 03.wav to “Track X”');
    expect(outcome?.added).toEqual([snare.id]);
    // The sidebar's view is the database's, at once: the detail panel lists the sample's collections from it.
    expect(collectionsOf(shown.collections, snare.id).map((c) => c.name)).toEqual(['Track X']);
    expect((await db.collections.get(trackX.id))?.sampleIds).toEqual([kick.id, snare.id]);

    // Again: nothing changes, and nothing is offered to undo.
    const again = await edits.add(trackX.id, [snare]);
    expect(again?.message).toBe('snare 03.wav is in “Track X” already');
    expect(again?.added).toEqual([]);

    await edits.undo(outcome!);
    expect((await db.collections.get(trackX.id))?.sampleIds).toEqual([kick.id]); // the kick was there before: it stays
    expect(collectionsOf(shown.collections, snare.id)).toEqual([]);
    expect(await edits.add(999, [snare])).toBeUndefined();
  });

  it('takes a sample out of one of its collections; the other keeps it, and the library too', async () => {
    const { repository, edits, shown, snare, kick } = await setUp();
    const trackX = await repository.collections.create('Track X', [snare.id, kick.id]);
    await repository.collections.create('Snares', [snare.id]);
    await edits.remove(trackX.id, [snare.id]);
    expect(collectionsOf(shown.collections, snare.id).map((c) => c.name)).toEqual(['Snares']);
    expect((await db.collections.get(trackX.id))?.sampleIds).toEqual([kick.id]);
    expect(await repository.getSample(snare.id)).toBeDefined();
  });

  it('creates a collection for the samples; undo deletes it, unless samples were added to it since', async () => {
    const { edits, shown, snare, kick, amen } = await setUp();
    const made = await edits.create('Track X', [snare, kick]);
    expect(made.message).toBe('New collection “Track X” with 2 samples');
    await edits.undo(made);
    expect(await db.collections.count()).toBe(0);
    expect(shown.collections).toEqual([]);
    expect(shown.closed).toEqual([made.collection.id]); // the list leaves it, if it showed it

    const second = await edits.create('Track X', [snare]);
    await edits.add(second.collection.id, [amen]);
    await edits.undo(second);
    expect((await db.collections.get(second.collection.id))?.sampleIds).toEqual([amen.id]);
  });

  it('adds several at once, counting those already in', async () => {
    const { repository, edits, shown, snare, kick, amen } = await setUp();
    const trackX = await repository.collections.create('Track X', [kick.id]);
    shown.collections = await repository.collections.list();
    const outcome = await edits.add(trackX.id, [snare, kick, amen]);
    expect(outcome?.message).toBe('Added 2 samples to “Track X” (1 was in it already)');
    await edits.undo(outcome!);
    expect((await db.collections.get(trackX.id))?.sampleIds).toEqual([kick.id]);
  });
});
