import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { AiRepository } from '../../src/db/aiRepository';
import { monthStart } from '../../src/domain/ai/budget';
import { quantize } from '../../src/domain/similarity/quantized';
import { SampleMindDatabase } from '../../src/db/schema';
import { tagEdits, undoEdits } from '../../src/domain/library/organise';
import { SOUND_EMBEDDING_VERSION } from '../../src/domain/similarity/soundEmbedding';
import { toRow } from '../../src/state/libraryStore';

let db: SampleMindDatabase;
let name = 0;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function libraryWithFiles(): Promise<{ repository: LibraryRepository; ids: number[] }> {
  db = new SampleMindDatabase(`organise-test-${++name}`);
  const repository = new LibraryRepository(db);
  const folder = await repository.upsertFolder('Samples', 'opfs');
  const { queued } = await repository.addScannedFiles(folder.id, [
    { path: 'Kicks/kick 1.wav', size: 1000, mtime: 1 },
    { path: 'Kicks/kick 2.wav', size: 1200, mtime: 1 },
    { path: 'Loops/amen.flac', size: 90000, mtime: 2 },
  ]);
  return { repository, ids: queued.map((s) => s.id) };
}

describe('organising samples in the database', () => {
  it('stores tags, favourites, ratings and notes, and undoes a bulk tag edit', async () => {
    const { repository, ids } = await libraryWithFiles();
    await repository.applyUserEdits([
      { id: ids[0]!, fields: { favourite: true, rating: 4, note: 'the one' } },
      { id: ids[1]!, fields: { rating: 9 } },
    ]);
    const before = new Map((await repository.listSamples()).map((s) => [s.id, toRow(s, undefined)]));
    const edits = tagEdits([...before.values()], ['punchy']);
    const undo = undoEdits(before, edits);
    await repository.applyUserEdits(edits);
    expect(await db.samples.where('tags').equals('punchy').count()).toBe(3);
    expect(await db.samples.where('favourite').equals(1).primaryKeys()).toEqual([ids[0]]);
    const second = await repository.getSample(ids[1]!);
    expect(second?.rating).toBe(5); // clamped to 5 stars
    await repository.applyUserEdits(undo);
    expect(await db.samples.where('tags').equals('punchy').count()).toBe(0);
    const first = await repository.getSample(ids[0]!);
    expect(first).toMatchObject({ favourite: 1, rating: 4, note: 'the one', tags: [] });
  });

  it('keeps user data when a sample is analysed again', async () => {
    const { repository, ids } = await libraryWithFiles();
    await repository.applyUserEdits([{ id: ids[2]!, fields: { tags: ['breaks'], favourite: true } }]);
    await repository.saveOutcome(ids[2]!, { ok: false, error: { code: 'decode_failed', message: 'x' } });
    expect(await repository.getSample(ids[2]!)).toMatchObject({ tags: ['breaks'], favourite: 1, status: 'failed' });
  });

  it('creates hand-picked and smart collections with unique names and adds members once', async () => {
    const { repository, ids } = await libraryWithFiles();
    const kicks = await repository.collections.create('Kicks', [ids[0]!]);
    const again = await repository.collections.create('Kicks', []);
    expect(again.name).toBe('Kicks 2');
    await repository.collections.add(kicks.id, [ids[0]!, ids[1]!]);
    const smart = await repository.collections.create('Fast loops', [], JSON.stringify({ kind: 'loop' }));
    const all = await repository.collections.list();
    expect(all.map((c) => [c.name, c.sampleIds, c.query ?? null])).toEqual([
      ['Fast loops', [], '{"kind":"loop"}'],
      ['Kicks', [ids[0], ids[1]], null],
      ['Kicks 2', [], null],
    ]);
    await repository.collections.delete(smart.id);
    expect((await repository.collections.list()).length).toBe(2);
  });
});

describe('schema migration', () => {
  it('opens a version 1 library as the current version with every sample, peak and folder kept', async () => {
    const dbName = `migration-test-${++name}`;
    const v1 = new Dexie(dbName);
    v1.version(1).stores({ folders: '++id, name', samples: '++id, &[folderId+path], folderId, status', peaks: 'sampleId' });
    await v1.table('folders').add({ name: 'Old', source: 'opfs', addedAt: 1 });
    const id = await v1.table('samples').add({
      folderId: 1,
      path: 'a.wav',
      name: 'a.wav',
      dir: '',
      size: 1,
      mtime: 1,
      status: 'done',
      error: null,
      analysis: null,
      addedAt: 1,
      analysedAt: 1,
    });
    await v1.table('peaks').add({ sampleId: id, peaks: new Uint8Array([1, 2, 3]) });
    v1.close();

    db = new SampleMindDatabase(dbName);
    const repository = new LibraryRepository(db);
    expect(await repository.listSamples()).toHaveLength(1);
    expect(db.verno).toBe(7);
    expect(await repository.analyses.stale()).toEqual([id]);
    expect(await repository.getPeaks(id as number)).toEqual(new Uint8Array([1, 2, 3]));
    await repository.applyUserEdits([{ id: id as number, fields: { tags: ['kept'] } }]);
    expect(await db.samples.where('tags').equals('kept').count()).toBe(1);
    expect(await repository.listFolders()).toMatchObject([{ name: 'Old' }]);
  });

  it('opens a version 3 library as version 7 with its samples and sound embeddings kept, room for CLAP embeddings and AI state, and its analyses due for an update', async () => {
    const dbName = `migration-test-${++name}`;
    const v3 = new Dexie(dbName);
    v3.version(3).stores({
      folders: '++id, name',
      samples: '++id, &[folderId+path], folderId, status, *tags, favourite, rating, updatedAt',
      peaks: 'sampleId',
      collections: '++id, &name',
      snapshots: 'name',
      embeddings: 'sampleId, version',
    });
    await v3.table('folders').add({ name: 'Kit', source: 'opfs', addedAt: 1 });
    const id = (await v3.table('samples').add({
      folderId: 1,
      path: 'k.wav',
      name: 'k.wav',
      dir: '',
      size: 1,
      mtime: 1,
      status: 'done',
      error: null,
      analysis: null,
      addedAt: 1,
      analysedAt: 1,
      tags: ['mine'],
      favourite: 0,
      rating: 3,
      note: '',
      updatedAt: 1,
    })) as number;
    await v3.table('embeddings').add({ sampleId: id, version: SOUND_EMBEDDING_VERSION, vector: Float32Array.of(1, 2) });
    v3.close();

    db = new SampleMindDatabase(dbName);
    const repository = new LibraryRepository(db);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await repository.analyses.stale()).toEqual([id]);
    expect((await repository.listSamples()).map((s) => [s.name, s.tags, s.rating])).toEqual([['k.wav', ['mine'], 3]]);
    expect((await repository.embeddings.list()).map((e) => e.sampleId)).toEqual([id]);
    await repository.embeddings.saveClap(id, 'clap:1', quantize(Float32Array.of(0.5)));
    expect((await repository.embeddings.clap('clap:1')).size).toBe(1);
    // Version 5's AI tables start empty and take writes, next to the kept library.
    const ai = new AiRepository(db);
    expect(await ai.listKeys()).toEqual([]);
    await ai.logRequest({
      at: Date.now(),
      task: 'search',
      provider: 'openai',
      model: 'm',
      url: 'u',
      body: '{}',
      status: 'ok',
      inputTokens: 1,
      outputTokens: 1,
      cost: 0.5,
      durationMs: 1,
    });
    expect(await ai.spentSince(monthStart(Date.now()))).toBe(0.5);
  });
});
