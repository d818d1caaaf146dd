import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase, type FolderRecord } from '../../src/db/schema';
import type { AnalysisOutcome } from '../../src/domain/analysis';
import type { MapLayout } from '../../src/domain/map/mapLayout';
import { quantize } from '../../src/domain/similarity/quantized';
import { SOUND_EMBEDDING_VERSION } from '../../src/domain/similarity/soundEmbedding';
import { FolderRemoval, type FolderRemovalParts } from '../../src/services/folderRemoval';

let db: SampleMindDatabase;
let name = 0;
function freshRepository(): LibraryRepository {
  db = new SampleMindDatabase(`removal-test-${++name}`);
  return new LibraryRepository(db);
}
afterEach(async () => {
  db.close();
  await db.delete();
});

const analysed = (embedding: Float32Array): AnalysisOutcome => ({
  ok: true,
  descriptors: { format: 'wav', duration: 0.5 } as never,
  peaks: new Uint8Array([1, 2, 3]),
  embedding,
  timings: { decodeMs: 0, analyseMs: 0 },
});

/**
 * Two folders, each with analysed samples (peaks, sound and CLAP embeddings, analyser stamps) and
 * one still queued; collections and a saved map layout holding samples of both.
 */
async function twoFolders() {
  const repository = freshRepository();
  const drums = await repository.upsertFolder('Drums', 'opfs');
  const keys = await repository.upsertFolder('Keys', 'opfs');
  const drumSamples = (
    await repository.addScannedFiles(drums.id, [
      { path: 'Kicks/kick.wav', size: 10, mtime: 1 },
      { path: 'snare.wav', size: 11, mtime: 1 },
      { path: 'hat.wav', size: 12, mtime: 1 },
    ])
  ).queued;
  const keySamples = (
    await repository.addScannedFiles(keys.id, [
      { path: 'pad.wav', size: 20, mtime: 1 },
      { path: 'stab.wav', size: 21, mtime: 1 },
    ])
  ).queued;
  const [kick, snare, hat] = drumSamples.map((s) => s.id) as [number, number, number];
  const [pad, stab] = keySamples.map((s) => s.id) as [number, number];
  for (const id of [kick, snare, pad]) {
    await repository.saveOutcome(id, analysed(Float32Array.of(id, 1)));
    await repository.embeddings.saveClap(id, 'clap:1', quantize(Float32Array.of(1, 0)));
  }
  const handPicked = await repository.collections.create('Favourites', [kick, pad, snare, stab]);
  const drumsOnly = await repository.collections.create('Drum kit', [kick, hat]);
  const smart = await repository.collections.create('Loud', [], JSON.stringify({ text: 'loud' }));
  const layout: MapLayout = {
    ids: Int32Array.of(kick, pad, snare),
    xy: Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
    landmarks: {} as never,
  };
  await db.mapLayouts.put({ name: 'map', embeddingVersion: SOUND_EMBEDDING_VERSION, layout, savedAt: 1 });
  return { repository, drums, keys, kick, snare, hat, pad, stab, handPicked, drumsOnly, smart };
}

/** Every row keyed by a sample id, per table, as sorted ids. */
async function perSampleRows() {
  return {
    samples: (await db.samples.toCollection().primaryKeys()).sort(),
    peaks: (await db.peaks.toCollection().primaryKeys()).sort(),
    embeddings: (await db.embeddings.toCollection().primaryKeys()).sort(),
    clapEmbeddings: (await db.clapEmbeddings.toCollection().primaryKeys()).sort(),
    analysisStamps: (await db.analysisStamps.toCollection().primaryKeys()).sort(),
  };
}

/** perSampleRows once Drums is gone: Keys' two samples, and the rows of the one of them analysed. */
const keysFolderOnly = (pad: number, stab: number) => ({
  samples: [pad, stab],
  peaks: [pad],
  embeddings: [pad],
  clapEmbeddings: [pad],
  analysisStamps: [pad],
});

describe('removing a folder from the library', () => {
  it('deletes the folder, its samples and every row kept per sample; the other folder stays whole', async () => {
    const { repository, drums, keys, kick, snare, hat, pad, stab, handPicked, drumsOnly, smart } = await twoFolders();
    const removed = await repository.removeFolders([drums.id]);

    expect(removed.folders.map((f) => f.name)).toEqual(['Drums']);
    expect(removed.sampleIds.sort()).toEqual([kick, snare, hat].sort());
    expect(removed.collectionsChanged).toBe(true);
    expect((await repository.listFolders()).map((f) => f.id)).toEqual([keys.id]);
    expect(await perSampleRows()).toEqual(keysFolderOnly(pad, stab));
    // Memberships go, the order of the rest stays; a collection left empty stays (the user made it).
    const collections = new Map((await repository.collections.list()).map((c) => [c.id, c]));
    expect(collections.get(handPicked.id)?.sampleIds).toEqual([pad, stab]);
    expect(collections.get(drumsOnly.id)?.sampleIds).toEqual([]);
    expect(collections.get(smart.id)?.query).toBe(smart.query);
    // The saved map keeps the other points where they were.
    const map = (await db.mapLayouts.get('map'))!.layout;
    expect([...map.ids]).toEqual([pad]);
    expect([...map.xy].map((v) => Math.round(v * 10) / 10)).toEqual([0.3, 0.4]);
    // Nothing of it is left to analyse, and the list loads without it.
    expect((await repository.nextQueued(10)).map((s) => s.id)).toEqual([stab]);
    expect((await repository.loadSamples()).samples.map((s) => s.id).sort()).toEqual([pad, stab]);
  });

  it('leaves the samples of another folder numbered between the removed ones (folders scanned in turn)', async () => {
    const { repository, drums, kick, snare, hat, pad, stab } = await twoFolders();
    // A rescan of Drums after Keys was added: its new file is numbered after Keys' samples.
    const [late] = (await repository.addScannedFiles(drums.id, [{ path: 'late.wav', size: 13, mtime: 1 }])).queued;
    await repository.saveOutcome(late!.id, analysed(Float32Array.of(9, 1)));
    expect(pad).toBeGreaterThan(hat);
    expect(late!.id).toBeGreaterThan(stab);
    const removed = await repository.removeFolders([drums.id]);
    expect(removed.sampleIds.sort()).toEqual([kick, snare, hat, late!.id].sort());
    expect(await perSampleRows()).toEqual(keysFolderOnly(pad, stab));
  });

  it('leaves the list consistent with a saved list snapshot that still held the folder', async () => {
    const { repository, drums, pad, stab } = await twoFolders();
    const loaded = await repository.loadSamples();
    await repository.saveListSnapshot(loaded.samples, loaded.stamp);
    await repository.removeFolders([drums.id]);
    const after = await repository.loadSamples();
    expect(after.fromSnapshot).toBe(true);
    expect(after.samples.map((s) => s.id).sort()).toEqual([pad, stab]);
  });

  it('rolls everything back when any part of the removal fails', async () => {
    const { repository, drums, keys, kick, handPicked } = await twoFolders();
    const before = await perSampleRows();
    const collectionsBefore = await repository.collections.list();
    const mapBefore = [...(await db.mapLayouts.get('map'))!.layout.ids];
    // The last step fails (the disk full, say): what the steps before it deleted must come back.
    (db.folders as { bulkDelete: unknown }).bulkDelete = () => Promise.reject(new Error('QuotaExceededError'));
    await expect(repository.removeFolders([drums.id])).rejects.toThrow('QuotaExceededError');

    expect(await perSampleRows()).toEqual(before);
    expect((await repository.listFolders()).map((f) => f.id)).toEqual([drums.id, keys.id]);
    expect(await repository.collections.list()).toEqual(collectionsBefore);
    expect((await repository.collections.list()).find((c) => c.id === handPicked.id)?.sampleIds).toContain(kick);
    expect([...(await db.mapLayouts.get('map'))!.layout.ids]).toEqual(mapBefore);
  });

  it('changes nothing for a folder that is not there', async () => {
    const { repository } = await twoFolders();
    const before = await perSampleRows();
    expect(await repository.removeFolders([999])).toEqual({ folders: [], sampleIds: [], collectionsChanged: false, keptWork: 0 });
    expect(await perSampleRows()).toEqual(before);
    expect(await repository.listFolders()).toHaveLength(2);
  });

  it('stores nothing for a sample removed while it was being analysed or scanned', async () => {
    const { repository, drums, hat } = await twoFolders();
    await repository.removeFolders([drums.id]);
    // An analysis in flight when its folder went: no row comes back, nor its peaks or embeddings.
    expect(await repository.saveOutcome(hat, analysed(Float32Array.of(1, 2)))).toBeUndefined();
    expect(await repository.embeddings.saveClap(hat, 'clap:1', quantize(Float32Array.of(1, 0)))).toBe(false);
    // A scan still running for it adds nothing.
    expect(await repository.addScannedFiles(drums.id, [{ path: 'late.wav', size: 1, mtime: 1 }])).toEqual({
      queued: [],
      unchanged: 0,
      restored: [],
      workBack: { samples: 0, collectionsChanged: false },
    });
    expect(await db.samples.get(hat)).toBeUndefined();
    expect(await db.samples.where('folderId').equals(drums.id).count()).toBe(0);
    expect(await db.peaks.get(hat)).toBeUndefined();
    expect(await db.embeddings.get(hat)).toBeUndefined();
    expect(await db.clapEmbeddings.get(hat)).toBeUndefined();
    expect(await db.analysisStamps.get(hat)).toBeUndefined();
  });
});

describe('the work on a removed folder', () => {
  it('comes back when a folder of that name is added again: tags, favourite, rating, note, correction and collections', async () => {
    const { repository, drums, kick, snare, hat, pad, stab, handPicked, drumsOnly } = await twoFolders();
    await repository.applyUserEdits([
      { id: kick, fields: { tags: ['punchy', '808'], rating: 4 } },
      { id: snare, fields: { favourite: true, note: 'layer with the clap' } },
    ]);
    await repository.correct(kick, { category: 'tom' });
    const removed = await repository.removeFolders([drums.id]);
    // The kick and the snare have work on them; the hat only its place in "Drum kit".
    expect(removed.keptWork).toBe(3);
    expect(await db.keptUserData.count()).toBe(3);

    const again = await repository.upsertFolder('Drums', 'opfs');
    const added = await repository.addScannedFiles(again.id, [
      { path: 'Kicks/kick.wav', size: 10, mtime: 1 },
      { path: 'snare.wav', size: 99, mtime: 2 }, // changed on disk since: still the same sample by its path
      { path: 'new.wav', size: 5, mtime: 1 },
    ]);
    expect(added.workBack).toEqual({ samples: 2, collectionsChanged: true });
    const byPath = new Map(added.queued.map((s) => [s.path, s]));
    const newKick = byPath.get('Kicks/kick.wav')!;
    const newSnare = byPath.get('snare.wav')!;
    expect(newKick).toMatchObject({ tags: ['punchy', '808'], rating: 4, corrections: { category: 'tom' } });
    expect(newSnare).toMatchObject({ favourite: 1, note: 'layer with the clap' });
    expect(byPath.get('new.wav')).not.toHaveProperty('tags');
    expect(await db.samples.get(newKick.id)).toMatchObject({ tags: ['punchy', '808'], rating: 4 });
    // Back in their collections, after the members still there; taken work is not kept twice.
    const collections = new Map((await repository.collections.list()).map((c) => [c.id, c]));
    expect(collections.get(handPicked.id)?.sampleIds).toEqual([pad, stab, newKick.id, newSnare.id]);
    expect(collections.get(drumsOnly.id)?.sampleIds).toEqual([newKick.id]);
    expect((await db.keptUserData.toArray()).map((k) => k.path)).toEqual(['hat.wav']);
    const hatAgain = await repository.addScannedFiles(again.id, [{ path: 'hat.wav', size: 12, mtime: 1 }]);
    expect(hatAgain.workBack).toEqual({ samples: 1, collectionsChanged: true });
    expect((await repository.collections.list()).find((c) => c.id === drumsOnly.id)?.sampleIds).toEqual([
      newKick.id,
      hatAgain.queued[0]!.id,
    ]);
    expect(await db.keptUserData.count()).toBe(0);
    expect(hat).not.toBe(hatAgain.queued[0]!.id);
  });

  it('keeps nothing for samples without work, and gives nothing to a folder of another name', async () => {
    const { repository, drums, keys } = await twoFolders();
    await db.collections.clear();
    expect((await repository.removeFolders([keys.id])).keptWork).toBe(0);
    await repository.applyUserEdits([{ id: (await db.samples.where('folderId').equals(drums.id).first())!.id, fields: { rating: 5 } }]);
    expect((await repository.removeFolders([drums.id])).keptWork).toBe(1);
    const other = await repository.upsertFolder('Drums 2', 'opfs');
    const added = await repository.addScannedFiles(other.id, [{ path: 'Kicks/kick.wav', size: 10, mtime: 1 }]);
    expect(added.workBack.samples).toBe(0);
    expect(added.queued[0]).not.toHaveProperty('rating');
    expect(await db.keptUserData.count()).toBe(1);
  });
});

/** FolderRemoval's other parts, recorded. */
function recordingParts(repository: LibraryRepository, scanning: ReadonlySet<number> = new Set()) {
  const calls: string[] = [];
  const parts: FolderRemovalParts = {
    repository,
    files: { deleteCopies: async (id) => void calls.push(`deleteCopies ${id}`) },
    queue: { forgetFolder: async (id) => void calls.push(`forgetFolder ${id}`) },
    importer: { isScanning: (id) => scanning.has(id) },
    similarity: { remove: (ids) => void calls.push(`similarity ${[...ids].sort().join(',')}`) },
    words: { forget: (ids) => void calls.push(`words ${[...ids].sort().join(',')}`) },
  };
  return { parts, calls };
}

describe('FolderRemoval', () => {
  it('takes the samples out of the analysis queue and the in-memory indexes, and deletes copied files', async () => {
    const { repository, drums, kick, snare, hat } = await twoFolders();
    const { parts, calls } = recordingParts(repository);
    const result = await new FolderRemoval(parts).removeFolders([drums.id]);
    const ids = [kick, snare, hat].sort().join(',');
    expect(calls).toEqual([`forgetFolder ${drums.id}`, `similarity ${ids}`, `words ${ids}`, `deleteCopies ${drums.id}`]);
    expect(result.copiesLeft).toBe(false);
    expect(await repository.getFolder(drums.id)).toBeUndefined();
  });

  it("never deletes anything outside the database for a folder read in place (the user's own files)", async () => {
    const repository = freshRepository();
    // (Node has no directory handles; the source is what decides.)
    const onDisk: FolderRecord = await repository.upsertFolder('On disk', 'handle');
    await repository.addScannedFiles(onDisk.id, [{ path: 'kick.wav', size: 1, mtime: 1 }]);
    const { parts, calls } = recordingParts(repository);
    await new FolderRemoval(parts).removeFolders([onDisk.id]);
    expect(calls.some((call) => call.startsWith('deleteCopies'))).toBe(false);
    expect(await repository.listSamples()).toEqual([]);
  });

  it('reports copies it could not delete, after the library no longer refers to them', async () => {
    const { repository, drums } = await twoFolders();
    const { parts } = recordingParts(repository);
    parts.files = { deleteCopies: () => Promise.reject(new DOMException('locked', 'NoModificationAllowedError')) };
    const result = await new FolderRemoval(parts).removeFolders([drums.id]);
    expect(result.copiesLeft).toBe(true);
    expect(await repository.getFolder(drums.id)).toBeUndefined();
  });

  it('refuses a folder still being imported, with a code, and leaves it whole', async () => {
    const { repository, drums } = await twoFolders();
    const before = await perSampleRows();
    const { parts, calls } = recordingParts(repository, new Set([drums.id]));
    await expect(new FolderRemoval(parts).removeFolders([drums.id])).rejects.toMatchObject({ code: 'folder_busy' });
    expect(calls).toEqual([]);
    expect(await perSampleRows()).toEqual(before);
  });
});

describe('editing collections', () => {
  it('removes samples from a hand-picked collection, keeping the others in order and the samples in the library', async () => {
    const { repository, kick, snare, pad, stab, handPicked, drumsOnly } = await twoFolders();
    const updated = await repository.collections.remove(handPicked.id, [snare, pad]);
    expect(updated?.sampleIds).toEqual([kick, stab]);
    const collections = new Map((await repository.collections.list()).map((c) => [c.id, c]));
    expect(collections.get(handPicked.id)?.sampleIds).toEqual([kick, stab]);
    expect(collections.get(drumsOnly.id)?.sampleIds).toEqual(drumsOnly.sampleIds);
    expect((await repository.getSamples([snare, pad])).every((s) => s !== undefined)).toBe(true);
    expect(await repository.collections.remove(999, [kick])).toBeUndefined();
  });

  it('renames hand-picked and smart collections, refusing empty and taken names', async () => {
    const { repository, handPicked, drumsOnly, smart } = await twoFolders();
    expect(await repository.collections.rename(handPicked.id, '  Techno Kicks ')).toMatchObject({
      name: 'Techno Kicks',
      sampleIds: handPicked.sampleIds,
    });
    expect(await repository.collections.rename(smart.id, 'Loud ones')).toMatchObject({ name: 'Loud ones', query: smart.query });
    await expect(repository.collections.rename(drumsOnly.id, '   ')).rejects.toMatchObject({ code: 'name_empty' });
    await expect(repository.collections.rename(drumsOnly.id, 'techno kicks')).rejects.toMatchObject({
      code: 'name_taken',
      message: 'There is already a collection called “Techno Kicks”',
    });
    // A collection may change the case of its own name.
    expect(await repository.collections.rename(drumsOnly.id, 'DRUM KIT')).toMatchObject({ name: 'DRUM KIT' });
    expect((await repository.collections.list()).map((c) => c.name)).toEqual(['DRUM KIT', 'Loud ones', 'Techno Kicks']);
  });
});
