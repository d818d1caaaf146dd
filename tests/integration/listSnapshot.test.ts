import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase } from '../../src/db/schema';
import { TextIndex } from '../../src/domain/library/textIndex';

let db: SampleMindDatabase;
let name = 0;
function freshRepository(): LibraryRepository {
  db = new SampleMindDatabase(`snapshot-test-${++name}`);
  return new LibraryRepository(db);
}
afterEach(async () => {
  db.close();
  await db.delete();
});

const files = Array.from({ length: 6 }, (_, i) => ({ path: `Kit ${i % 2}/hit ${i}.wav`, size: 100 + i, mtime: 1 }));
const byId = <T extends { id: number }>(rows: T[]): T[] => [...rows].sort((a, b) => a.id - b.id);
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

async function librarySavedAsSnapshot(): Promise<{ repository: LibraryRepository; ids: number[] }> {
  const repository = freshRepository();
  const folder = await repository.upsertFolder('Samples', 'opfs');
  const { queued } = await repository.addScannedFiles(folder.id, files);
  const first = await repository.loadSamples();
  expect(first.fromSnapshot).toBe(false);
  // As the app does: the snapshot of what was loaded, with the stamp of that load.
  const text = new TextIndex();
  for (const sample of first.samples) text.set(sample.id, sample.path);
  await repository.saveListSnapshot(first.samples, Date.now() + 1, {
    nameOrder: Int32Array.from(first.samples.keys()),
    columnOrders: { bpm: Int32Array.from(first.samples.keys()).reverse() },
    columnRuns: { bpm: { starts: Uint8Array.from([0b111111]), known: 6 } },
    textIndex: text.pack('Samples'),
  });
  await tick();
  return { repository, ids: queued.map((s) => s.id) };
}

describe('list snapshot in the database', () => {
  it('stamps every write of a sample, however it is written', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [sample] = (await repository.addScannedFiles(folder.id, files)).queued;
    const added = (await repository.getSample(sample!.id))!.updatedAt!;
    expect(added).toBeGreaterThan(0);
    await tick();
    await repository.applyUserEdits([{ id: sample!.id, fields: { tags: ['dark'] } }]);
    const edited = (await repository.getSample(sample!.id))!.updatedAt!;
    expect(edited).toBeGreaterThan(added);
    await tick();
    await repository.correct(sample!.id, { category: 'kick' });
    expect((await repository.getSample(sample!.id))!.updatedAt!).toBeGreaterThan(edited);
  });

  it('loads from the snapshot alone when nothing changed, with its sort orders and text index', async () => {
    const { repository, ids } = await librarySavedAsSnapshot();
    const loaded = await repository.loadSamples();
    expect(loaded).toMatchObject({ fromSnapshot: true, changed: 0, changedIds: [] });
    expect(byId(loaded.samples)).toEqual(byId(await repository.listSamples()));
    expect([...loaded.hints.nameOrder!]).toEqual([0, 1, 2, 3, 4, 5]);
    // The other columns' saved orders and runs come with it, as saved.
    expect([...loaded.hints.columnOrders!.bpm!]).toEqual([5, 4, 3, 2, 1, 0]);
    expect(loaded.hints.columnRuns!.bpm).toEqual({ starts: Uint8Array.from([0b111111]), known: 6 });
    const text = new TextIndex();
    expect(TextIndex.canRestore(loaded.hints.textIndex, 'Samples')).toBe(true);
    text.restore(loaded.hints.textIndex!);
    expect([...text.search('hit 3')!]).toEqual([ids[3]]);
  });

  it('reads what changed, was added or was deleted since the snapshot, and then has no sort order hints', async () => {
    const { repository, ids } = await librarySavedAsSnapshot();
    await repository.applyUserEdits([{ id: ids[1]!, fields: { tags: ['crunchy'], rating: 5 } }]);
    await repository.saveOutcome(ids[2]!, { ok: false, error: { code: 'truncated', message: 'truncated WAV' } });
    const folder = (await repository.listFolders())[0]!;
    await repository.addScannedFiles(folder.id, [{ path: 'Kit 9/new.wav', size: 1, mtime: 1 }]);
    await db.samples.delete(ids[4]!);

    const loaded = await repository.loadSamples();
    expect(loaded.fromSnapshot).toBe(true);
    expect(loaded.changed).toBe(4);
    expect(Object.keys(loaded.hints)).toEqual(['textIndex']);
    // The text index still comes, with the samples to index again: the edited, the failed, the new one.
    const added = loaded.samples.find((s) => s.path === 'Kit 9/new.wav')!.id;
    expect([...loaded.changedIds].sort((a, b) => a - b)).toEqual([ids[1]!, ids[2]!, added]);
    const expected = byId(await repository.listSamples());
    expect(byId(loaded.samples)).toEqual(expected);
    expect(loaded.samples.find((s) => s.id === ids[1])).toMatchObject({ tags: ['crunchy'], rating: 5 });
    expect(loaded.samples.some((s) => s.id === ids[4])).toBe(false);
    expect(loaded.samples.find((s) => s.path === 'Kit 9/new.wav')).toBeDefined();
  });

  it('notices a deletion even when as many samples were added', async () => {
    const { repository, ids } = await librarySavedAsSnapshot();
    await db.samples.delete(ids[0]!);
    const folder = (await repository.listFolders())[0]!;
    await repository.addScannedFiles(folder.id, [{ path: 'Kit 9/new.wav', size: 1, mtime: 1 }]);
    const loaded = await repository.loadSamples();
    expect(byId(loaded.samples)).toEqual(byId(await repository.listSamples()));
  });

  it('reports the snapshot stamp, and none before one is saved', async () => {
    const repository = freshRepository();
    expect(await repository.listSnapshotStamp()).toBeNull();
    await repository.saveListSnapshot([], 42);
    expect(await repository.listSnapshotStamp()).toBe(42);
  });
});
