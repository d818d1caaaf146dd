import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AiRepository } from '../../src/db/aiRepository';
import { BackupRepository } from '../../src/db/backupRepository';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase, type SampleRecord } from '../../src/db/schema';
import type { LibraryBackup } from '../../src/domain/backup';
import { parseBackup } from '../../src/domain/backupParse';

const opened: SampleMindDatabase[] = [];
let counter = 0;
function freshDatabase(): { db: SampleMindDatabase; library: LibraryRepository; backups: BackupRepository } {
  const db = new SampleMindDatabase(`backup-test-${++counter}`);
  opened.push(db);
  return { db, library: new LibraryRepository(db), backups: new BackupRepository(db) };
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const files = [
  { path: 'Kicks/kick 1.wav', size: 1000, mtime: 1 },
  { path: 'Kicks/kick 2.wav', size: 1200, mtime: 1 },
  { path: 'Loops/amen.flac', size: 90000, mtime: 2 },
  { path: 'Snares/snare.wav', size: 800, mtime: 3 },
];
const FAST_LOOPS = JSON.stringify({ kind: 'loop', bpm: { min: 160, max: null, halfDouble: false } });

/** The library a user has worked on: analysed, corrected, tagged, rated, collected. */
async function usedLibrary() {
  const { db, library, backups } = freshDatabase();
  const folder = await library.upsertFolder('Samples', 'opfs');
  const [kick1, kick2, amen, snare] = (await library.addScannedFiles(folder.id, files)).queued;
  const analysis = { format: 'flac', duration: 5.2, loudnessLufs: -9, category: 'drum-loop', bpm: 86 } as never;
  await library.saveOutcome(amen!.id, {
    ok: true,
    descriptors: analysis,
    peaks: new Uint8Array([7, 7, 7]),
    embedding: null,
    timings: { decodeMs: 1, analyseMs: 1 },
  });
  await library.correct(amen!.id, { bpm: 172 });
  await db.samples.update(kick1!.id, { tags: ['punchy', 'sub'], favourite: 1, rating: 4 });
  await db.samples.update(amen!.id, { tags: ['breaks'], note: 'chop bar 2' });
  await db.samples.update(snare!.id, { rating: 2 });
  await db.collections.add({ name: 'Faves', createdAt: 111, sampleIds: [kick1!.id, kick2!.id, amen!.id] } as never);
  await db.collections.add({ name: 'Fast loops', createdAt: 222, sampleIds: [], query: FAST_LOOPS } as never);
  return { db, backups };
}

async function snapshot(db: SampleMindDatabase) {
  return { samples: await db.samples.toArray(), collections: await db.collections.toArray() };
}

describe('library backup', () => {
  it("exports only the user's own data, keyed by folder name and path", async () => {
    const { backups } = await usedLibrary();
    const backup = await backups.exportBackup(new Date('2025-03-01T10:00:00Z'));
    expect(backup).toEqual({
      format: 'samplemind-backup',
      version: 1,
      exportedAt: '2025-03-01T10:00:00.000Z',
      samples: [
        {
          folder: 'Samples',
          path: 'Kicks/kick 1.wav',
          size: 1000,
          tags: ['punchy', 'sub'],
          favourite: true,
          rating: 4,
          note: null,
          corrections: {},
        },
        {
          folder: 'Samples',
          path: 'Loops/amen.flac',
          size: 90000,
          tags: ['breaks'],
          favourite: false,
          rating: null,
          note: 'chop bar 2',
          corrections: { bpm: 172 },
        },
        { folder: 'Samples', path: 'Snares/snare.wav', size: 800, tags: [], favourite: false, rating: 2, note: null, corrections: {} },
      ],
      // Listed so that a restore clears what it is given after the backup.
      unmarked: [{ folder: 'Samples', paths: ['Kicks/kick 2.wav'] }],
      collections: [
        {
          name: 'Faves',
          createdAt: 111,
          members: [
            { folder: 'Samples', path: 'Kicks/kick 1.wav' },
            { folder: 'Samples', path: 'Kicks/kick 2.wav' },
            { folder: 'Samples', path: 'Loops/amen.flac' },
          ],
          query: null,
        },
        { name: 'Fast loops', createdAt: 222, members: [], query: FAST_LOOPS },
      ],
    });
    const text = JSON.stringify(backup);
    for (const bulk of ['analysis', 'peaks', 'loudness', 'duration', 'drum-loop', 'mtime', 'handle']) expect(text).not.toContain(bulk);
  });

  it('never includes AI provider keys, AI settings or the AI request log', async () => {
    const { db, backups } = await usedLibrary();
    const ai = new AiRepository(db);
    await ai.putKeys([{ provider: 'openai', plain: 'sk-never-in-a-backup' }]);
    await ai.writeState('settings', { priority: 'speed', monthlyBudget: 12.5 });
    await ai.logRequest({
      at: 1,
      task: 'search',
      provider: 'openai',
      model: 'm',
      url: 'https://x',
      body: '{"secret-body":1}',
      status: 'ok',
      inputTokens: 1,
      outputTokens: 1,
      cost: 0,
      durationMs: 1,
    });
    const text = JSON.stringify(await backups.exportBackup());
    expect(text).toContain('chop bar 2'); // the backup is there …
    for (const secret of ['sk-never-in-a-backup', 'monthlyBudget', 'secret-body', 'openai']) expect(text).not.toContain(secret); // … without any of it
  });

  it('backs up the work kept from a removed folder, which a restore gives back once the folder is added again', async () => {
    const { db, backups } = await usedLibrary();
    const library = new LibraryRepository(db);
    await library.removeFolders((await library.listFolders()).map((f) => f.id));
    expect(await db.samples.count()).toBe(0);
    const { backup: exported, kept } = await backups.exportBackupCounted();
    expect(kept).toEqual({ samples: 4, withWork: 3 }); // kick 2's only work is its place in Faves
    const text = JSON.stringify(exported);
    const backup = parseBackup(text);
    expect(backup.samples.map((s) => [s.path, s.size, s.tags, s.rating])).toEqual([
      ['Kicks/kick 1.wav', 1000, ['punchy', 'sub'], 4],
      ['Loops/amen.flac', 90000, ['breaks'], null],
      ['Snares/snare.wav', 800, [], 2],
    ]);
    expect(backup.unmarked).toEqual([{ folder: 'Samples', paths: ['Kicks/kick 2.wav'] }]); // in Faves, nothing else on it
    expect(backup.collections.find((c) => c.name === 'Faves')?.members.map((m) => m.path)).toEqual([
      'Kicks/kick 1.wav',
      'Kicks/kick 2.wav',
      'Loops/amen.flac',
    ]);

    // Another profile: the folder added, the backup restored.
    const fresh = freshDatabase();
    const folder = await fresh.library.upsertFolder('Samples', 'opfs');
    await fresh.library.addScannedFiles(folder.id, files);
    await fresh.backups.restoreBackup(text);
    const byPath = new Map((await fresh.library.listSamples()).map((s) => [s.path, s]));
    expect(byPath.get('Kicks/kick 1.wav')).toMatchObject({ tags: ['punchy', 'sub'], favourite: 1, rating: 4 });
    expect(byPath.get('Loops/amen.flac')).toMatchObject({ note: 'chop bar 2', corrections: { bpm: 172 } });
    const faves = (await fresh.db.collections.toArray()).find((c) => c.name === 'Faves')!;
    expect(faves.sampleIds.map((id) => [...byPath.values()].find((s) => s.id === id)?.path)).toEqual([
      'Kicks/kick 1.wav',
      'Kicks/kick 2.wav',
      'Loops/amen.flac',
    ]);
  });

  it('restores onto the same files in a fresh profile, replacing what is there, and reports what it could not place', async () => {
    const { backups } = await usedLibrary();
    const text = JSON.stringify(await backups.exportBackup());

    // A new browser profile: the user adds the folder again, but the snare has gone from disk.
    const fresh = freshDatabase();
    const folder = await fresh.library.upsertFolder('Samples', 'opfs');
    const { queued } = await fresh.library.addScannedFiles(folder.id, files.slice(0, 3));
    const [kick1, kick2, amen] = queued;
    await fresh.db.samples.update(kick1!.id, { tags: ['808'] }); // tagged before restoring
    await fresh.db.collections.add({ name: 'Faves', createdAt: 999, sampleIds: [kick2!.id] } as never);

    const { report } = await fresh.backups.restoreBackup(text);
    expect(report).toEqual({
      samples: 3,
      changed: 2,
      notInBackup: 0,
      unmatched: [{ folder: 'Samples', path: 'Snares/snare.wav' }],
      unmatchedCount: 1,
      collectionsRestored: 2,
      collectionsChanged: 2, // Fast loops is new, Faves had other members
      otherCollections: 0,
    });
    const byPath = new Map((await fresh.library.listSamples()).map((s) => [s.path, s]));
    expect(byPath.get('Kicks/kick 1.wav')).toMatchObject({ tags: ['punchy', 'sub'], favourite: 1, rating: 4 });
    expect(byPath.get('Loops/amen.flac')).toMatchObject({ tags: ['breaks'], note: 'chop bar 2', corrections: { bpm: 172 } });
    const untouched: Partial<SampleRecord> = byPath.get('Kicks/kick 2.wav')!;
    expect([untouched.tags, untouched.favourite, untouched.rating, untouched.note, untouched.corrections]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const collections = await fresh.db.collections.orderBy('name').toArray();
    expect(collections).toEqual([
      { id: expect.any(Number), name: 'Fast loops', createdAt: 222, sampleIds: [], query: FAST_LOOPS },
      { id: expect.any(Number), name: 'Faves', createdAt: 111, sampleIds: [kick1!.id, kick2!.id, amen!.id] },
    ]);

    // Restoring twice changes nothing more (the user may restore again after adding more folders), and says so.
    const before = await snapshot(fresh.db);
    expect((await fresh.backups.restoreBackup(text)).report).toMatchObject({ changed: 0, collectionsRestored: 2, collectionsChanged: 0 });
    expect(await snapshot(fresh.db)).toEqual(before);
  });

  it('rolls back what was done since the backup, leaves samples added since alone, and its undo puts it all back', async () => {
    const { db, backups } = await usedLibrary();
    const text = JSON.stringify(await backups.exportBackup());
    const atBackup = await snapshot(db);

    // Since the backup: #oops and one star on everything, all favourites, a collection deleted, a file added.
    const library = new LibraryRepository(db);
    const { queued } = await library.addScannedFiles(1, [{ path: 'Kicks/kick 3.wav', size: 900, mtime: 4 }]);
    for (const s of await db.samples.toArray())
      await db.samples.update(s.id, { tags: [...(s.tags ?? []), 'oops'], rating: 1, favourite: 1 });
    await db.collections.where('name').equals('Faves').delete();
    await db.collections.add({ name: 'Made since', createdAt: 333, sampleIds: [queued[0]!.id] } as never);
    const beforeRestore = await snapshot(db);

    const { report, undo } = await backups.restoreBackup(text);
    expect(report).toMatchObject({
      samples: 4,
      changed: 4,
      notInBackup: 1,
      unmatchedCount: 0,
      collectionsRestored: 2,
      otherCollections: 1,
    });
    const withoutStamps = ({ samples, collections }: Awaited<ReturnType<typeof snapshot>>) => ({
      samples: samples.map(({ updatedAt: _, ...s }) => s),
      collections: collections.map(({ id: _, ...c }) => c),
    });
    const after = withoutStamps(await snapshot(db));
    const expected = withoutStamps(atBackup);
    // The samples of the backup hold exactly its data again; "none" is stored as the app stores it.
    const userData = (s: Partial<SampleRecord>) => [s.tags ?? [], s.favourite ?? 0, s.rating ?? 0, s.note ?? '', s.corrections ?? {}];
    for (const sample of expected.samples) expect(userData(after.samples.find((s) => s.id === sample.id)!)).toEqual(userData(sample));
    expect(after.samples.find((s) => s.path === 'Kicks/kick 3.wav')).toMatchObject({ tags: ['oops'], rating: 1, favourite: 1 });
    expect(after.collections).toEqual([
      ...expected.collections.slice(1),
      { name: 'Made since', createdAt: 333, sampleIds: [queued[0]!.id] },
      expected.collections[0],
    ]);

    // Undo: the library's backup from just before, dropping the collection the restore re-created.
    await backups.restoreBackup(undo, { dropOtherCollections: true });
    const undone = withoutStamps(await snapshot(db));
    expect(undone.samples.map(userData)).toEqual(withoutStamps(beforeRestore).samples.map(userData));
    expect(undone.collections).toEqual(withoutStamps(beforeRestore).collections);
  });

  it('refuses foreign, damaged and newer backups with bad_backup and writes nothing', async () => {
    const { backups } = await usedLibrary();
    const good = await backups.exportBackup();
    const fresh = freshDatabase();
    const folder = await fresh.library.upsertFolder('Samples', 'opfs');
    await fresh.library.addScannedFiles(folder.id, files);
    const before = await snapshot(fresh.db);

    const damagedRating = structuredClone(good) as unknown as { samples: Record<string, unknown>[] };
    damagedRating.samples[1]!.rating = 9; // samples[0] is valid: a restore that wrote as it went would have written it
    const damagedCollection = { ...good, collections: [{ name: 'x', members: [{ folder: 'Samples' }] }] };
    const cases: [unknown, string][] = [
      ['{"format": "samplemind-backup", ', 'not JSON'],
      [JSON.stringify({ tracks: [] }), 'not a SampleMind backup'],
      [{ ...good, version: 2 }, 'newer SampleMind (version 2)'],
      [damagedRating, 'samples[1].rating should be a whole number of stars from 1 to 5, but is 9'],
      [{ ...good, samples: [{ ...good.samples[0], corrections: { tempo: 120 } }] }, 'a field name in samples[0].corrections'],
      [damagedCollection, 'collections[0].members[0].path should be a non-empty text, but is nothing'],
      [{ ...good, samples: 'all of them' }, 'samples should be a list'],
    ];
    for (const [input, message] of cases) {
      const restoring = fresh.backups.restoreBackup(input);
      await expect(restoring).rejects.toMatchObject({ code: 'bad_backup', name: 'BackupError' });
      await expect(restoring).rejects.toThrow(message);
    }
    expect(await snapshot(fresh.db)).toEqual(before);
  });

  it('rolls back every write when one fails half-way', async () => {
    const { backups } = await usedLibrary();
    const backup: LibraryBackup = parseBackup(JSON.stringify(await backups.exportBackup()));
    const fresh = freshDatabase();
    const folder = await fresh.library.upsertFolder('Samples', 'opfs');
    await fresh.library.addScannedFiles(folder.id, files);
    const before = await snapshot(fresh.db);

    // Sample updates come first; the collection write then fails (a full disk, say).
    vi.spyOn(fresh.db.collections, 'add').mockRejectedValue(new Error('QuotaExceededError'));
    await expect(fresh.backups.restoreBackup(backup)).rejects.toThrow('QuotaExceededError');
    expect(await snapshot(fresh.db)).toEqual(before);
  });
});
