import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { quantize } from '../../src/domain/similarity/quantized';
import { SampleMindDatabase } from '../../src/db/schema';
import { effectiveAnalysis } from '../../src/domain/corrections';

let db: SampleMindDatabase;
let name = 0;
function freshRepository(): LibraryRepository {
  db = new SampleMindDatabase(`repo-test-${++name}`);
  return new LibraryRepository(db);
}
afterEach(async () => {
  db.close();
  await db.delete();
});

const files = [
  { path: 'Kicks/kick 1.wav', size: 1000, mtime: 1 },
  { path: 'Kicks/kick 2.wav', size: 1200, mtime: 1 },
  { path: 'Loops/amen.flac', size: 90000, mtime: 2 },
];

describe('LibraryRepository over IndexedDB', () => {
  it('creates the schema: folders, samples with a unique folder+path index and user-data indexes, peaks, collections', async () => {
    freshRepository();
    await db.open();
    expect(db.verno).toBe(7);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'aiKeys',
      'aiRequests',
      'aiState',
      'analysisStamps',
      'clapEmbeddings',
      'collections',
      'embeddings',
      'folders',
      'keptUserData',
      'mapLayouts',
      'peaks',
      'samples',
      'snapshots',
    ]);
    const samples = db.table('samples').schema;
    expect(samples.primKey.auto).toBe(true);
    expect(samples.indexes.map((i) => i.name).sort()).toEqual([
      '[folderId+path]',
      'favourite',
      'folderId',
      'rating',
      'status',
      'tags',
      'updatedAt',
    ]);
    expect(samples.idxByName['tags']!.multi).toBe(true);
    expect(samples.idxByName['[folderId+path]']!.unique).toBe(true);
  });

  it("keeps each analysed sample's sound embedding, and drops it when a new analysis fails", async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [a, b] = (await repository.addScannedFiles(folder.id, files)).queued;
    const vector = new Float32Array(165).fill(0.1);
    const success = (embedding: Float32Array | null) => ({
      ok: true as const,
      descriptors: { format: 'wav', duration: 0.5 } as never,
      peaks: new Uint8Array(1),
      embedding,
      timings: { decodeMs: 0, analyseMs: 0 },
    });
    await repository.saveOutcome(a!.id, success(vector));
    await repository.saveOutcome(b!.id, success(null)); // silence: nothing to compare
    expect((await repository.embeddings.list()).map((e) => [e.sampleId, e.vector.length])).toEqual([[a!.id, 165]]);
    expect(await repository.embeddings.samplesWithout()).toEqual([b!.id]);
    await repository.saveOutcome(a!.id, { ok: false, error: { code: 'truncated', message: 'truncated' } });
    expect(await repository.embeddings.list()).toEqual([]);
  });

  it("keeps CLAP audio embeddings per model and forgets a sample's when it is analysed again", async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [a, b] = (await repository.addScannedFiles(folder.id, files)).queued;
    await repository.embeddings.saveClap(a!.id, 'clap:1', quantize(Float32Array.of(1, 0)));
    await repository.embeddings.saveClap(b!.id, 'clap:2', quantize(Float32Array.of(0, 1)));
    expect([...(await repository.embeddings.clap('clap:1')).keys()]).toEqual([a!.id]);
    await repository.saveOutcome(a!.id, { ok: false, error: { code: 'truncated', message: 'truncated' } });
    expect((await repository.embeddings.clap('clap:1')).size).toBe(0);
    expect((await repository.embeddings.clap('clap:2')).get(b!.id)).toEqual({ q: Int8Array.of(0, 127), scale: 1 / 127 });
    // Stored as bytes, a quarter of the floats' size.
    expect((await db.clapEmbeddings.get(b!.id))?.q).toBeInstanceOf(Int8Array);
  });

  it('reads CLAP embeddings stored as floats by an earlier version as 8-bit vectors', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [a] = (await repository.addScannedFiles(folder.id, files)).queued;
    await db.clapEmbeddings.put({ sampleId: a!.id, model: 'clap:1', vector: Float32Array.of(0.6, -0.8) });
    const read = (await repository.embeddings.clap('clap:1')).get(a!.id)!;
    expect(Array.from(read.q)).toEqual([95, -127]);
    expect(read.scale).toBeCloseTo(0.8 / 127, 6);
  });

  it('reads the current embeddings in batches, in sample order, leaving out older versions', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const many = Array.from({ length: 7 }, (_, i) => ({ path: `hit ${i}.wav`, size: 100 + i, mtime: 1 }));
    const { queued } = await repository.addScannedFiles(folder.id, many);
    for (const [i, sample] of queued.entries()) await repository.embeddings.save(sample.id, new Float32Array(4).fill(i));
    await db.embeddings.update(queued[2]!.id, { version: 0 }); // computed by an older version
    const batches: number[][] = [];
    for await (const batch of repository.embeddings.inBatches(3)) batches.push(batch.map((e) => e.sampleId));
    const ids = queued.map((s) => s.id);
    expect(batches).toEqual([[ids[0], ids[1]], ids.slice(3, 6), [ids[6]]]);
  });

  it('adds scanned files as queued rows with their folder part split off', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const { queued, unchanged } = await repository.addScannedFiles(folder.id, files);
    expect(unchanged).toBe(0);
    expect(queued.map((s) => [s.name, s.dir, s.status])).toEqual([
      ['kick 1.wav', 'Kicks', 'queued'],
      ['kick 2.wav', 'Kicks', 'queued'],
      ['amen.flac', 'Loops', 'queued'],
    ]);
  });

  it('does not duplicate samples when the same folder is added again', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    await repository.addScannedFiles(folder.id, files);
    const again = await repository.upsertFolder('Samples', 'opfs');
    expect(again.id).toBe(folder.id);
    const second = await repository.addScannedFiles(again.id, [...files, files[0]!]);
    expect(second).toEqual({ queued: [], unchanged: 3, restored: [], workBack: { samples: 0, collectionsChanged: false } });
    expect(await repository.listSamples()).toHaveLength(3);
    expect(await repository.listFolders()).toHaveLength(1);
  });

  it('re-queues a file whose size or modification time changed, keeping its identity', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [first] = (await repository.addScannedFiles(folder.id, files)).queued;
    await repository.saveOutcome(first!.id, { ok: false, error: { code: 'not_audio', message: 'x' } });
    const result = await repository.addScannedFiles(folder.id, [{ ...files[0]!, mtime: 99 }]);
    expect(result.queued).toHaveLength(1);
    expect(result.queued[0]).toMatchObject({ id: first!.id, mtime: 99, status: 'queued', error: null });
    expect(await repository.listSamples()).toHaveLength(3);
  });

  it('saves an analysis with its peaks, and a failure with its reason', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [a, b, c] = (await repository.addScannedFiles(folder.id, files)).queued;
    const descriptors = { format: 'wav', duration: 0.5 } as never;
    const saved = await repository.saveOutcome(a!.id, {
      ok: true,
      descriptors,
      peaks: new Uint8Array([1, 2, 3]),
      embedding: null,
      timings: { decodeMs: 1, analyseMs: 1 },
    });
    expect(saved).toMatchObject({ status: 'done', analysis: { duration: 0.5 }, error: null });
    expect([...(await repository.getPeaks(a!.id))!]).toEqual([1, 2, 3]);
    const failed = await repository.saveOutcome(b!.id, { ok: false, error: { code: 'truncated', message: 'truncated FLAC stream' } });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'truncated', message: 'truncated FLAC stream' } });
    expect(await repository.countByStatus()).toEqual({ queued: 1, done: 1, failed: 1, skipped: 0 });
    // The queue's count of what waits, besides what it is analysing: a sample it still holds whose
    // analysis is already saved is not subtracted twice (a is done; c, still queued, is in flight).
    expect(await repository.countQueuedExcept([a!.id, c!.id])).toBe(0);
    expect(await repository.countQueuedExcept([a!.id])).toBe(1);
  });

  it('cancel marks queued samples skipped; "analyse them" queues them again', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const { queued } = await repository.addScannedFiles(folder.id, files);
    const inFlight = new Set([queued[0]!.id]);
    expect(await repository.skipQueued(inFlight)).toEqual([queued[1]!.id, queued[2]!.id]);
    expect((await repository.nextQueued(10)).map((s) => s.id)).toEqual([queued[0]!.id]); // its result is about to be saved
    await repository.saveOutcome(queued[0]!.id, { ok: false, error: { code: 'not_audio', message: 'x' } });
    expect(await repository.requeueSkipped()).toBe(2);
    expect((await repository.nextQueued(10)).map((s) => s.name)).toEqual(['kick 2.wav', 'amen.flac']);
  });

  it('keeps a corrected category over any later re-analysis, until the user clears it', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [kick] = (await repository.addScannedFiles(folder.id, files)).queued;
    const analysed = { format: 'wav', duration: 0.5, category: 'tom', categoryConfidence: 0.55 } as never;
    await repository.saveOutcome(kick!.id, {
      ok: true,
      descriptors: analysed,
      peaks: new Uint8Array(1),
      embedding: null,
      timings: { decodeMs: 0, analyseMs: 0 },
    });
    const corrected = await repository.correct(kick!.id, { category: 'kick' });
    expect(corrected?.corrections).toEqual({ category: 'kick' });
    expect(effectiveAnalysis(corrected!.analysis, corrected!.corrections)).toMatchObject({ category: 'kick', categoryConfidence: 1 });

    // The file changes on disk and is analysed again: the user's word still wins.
    await repository.addScannedFiles(folder.id, [{ ...files[0]!, mtime: 50 }]);
    const again = await repository.saveOutcome(kick!.id, {
      ok: true,
      descriptors: analysed,
      peaks: new Uint8Array(1),
      embedding: null,
      timings: { decodeMs: 0, analyseMs: 0 },
    });
    expect(effectiveAnalysis(again!.analysis, again!.corrections)?.category).toBe('kick');

    const cleared = await repository.correct(kick!.id, { category: null });
    expect(cleared?.corrections).toEqual({});
    expect(effectiveAnalysis(cleared!.analysis, cleared!.corrections)?.category).toBe('tom');
  });

  it('keeps folders added through different handles apart', async () => {
    const repository = freshRepository();
    const opfs = await repository.upsertFolder('Samples', 'opfs');
    const other = await repository.upsertFolder('Other', 'opfs');
    expect(other.id).not.toBe(opfs.id);
  });
  it('marks the samples a rescan no longer finds as missing, keeping their edits, and brings them back as they were', async () => {
    const repository = freshRepository();
    const folder = await repository.upsertFolder('Samples', 'opfs');
    const [kick1, kick2, amen] = (await repository.addScannedFiles(folder.id, files)).queued;
    await repository.saveOutcome(kick1!.id, {
      ok: true,
      descriptors: { format: 'wav', duration: 0.5, category: 'kick' } as never,
      peaks: new Uint8Array(1),
      embedding: null,
      timings: { decodeMs: 0, analyseMs: 0 },
    });
    await repository.applyUserEdits([{ id: kick1!.id, fields: { tags: ['punchy'], rating: 4 } }]);

    // The folder scanned again without kick 1 and kick 2 (moved away).
    const missing = await repository.markMissing(folder, new Set([amen!.path]));
    expect(missing.map((s) => s.id).sort()).toEqual([kick1!.id, kick2!.id].sort());
    expect(await repository.getSample(kick1!.id)).toMatchObject({
      status: 'failed',
      error: { code: 'missing', message: 'Kicks/kick 1.wav is no longer in Samples: it was moved or deleted' },
      tags: ['punchy'],
      rating: 4,
      analysis: { category: 'kick' },
    });
    expect(await repository.markMissing(folder, new Set([amen!.path]))).toEqual([]); // already marked

    // Both are back: kick 1 unchanged (as it was, analysis and edits kept), kick 2 with a new date (analysed again).
    const back = await repository.addScannedFiles(folder.id, [files[0]!, { ...files[1]!, mtime: 5 }]);
    expect(back.restored.map((s) => s.id)).toEqual([kick1!.id]);
    expect(back.queued.map((s) => s.id)).toEqual([kick2!.id]);
    expect(back.unchanged).toBe(0);
    expect(await repository.getSample(kick1!.id)).toMatchObject({ status: 'done', error: null, tags: ['punchy'], rating: 4 });
  });
});
