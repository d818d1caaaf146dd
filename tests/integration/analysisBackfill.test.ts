import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeAnalysisWorker } from '../../src/cli/nodeAnalysisWorker';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase, type SampleRecord } from '../../src/db/schema';
import { SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import { quantize } from '../../src/domain/similarity/quantized';
import { AnalysisPool } from '../../src/services/analysisPool';
import { AnalysisBackfill, type BackfillProgress } from '../../src/services/analysisBackfill';
import { SimilarityIndex } from '../../src/services/similarity';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { encodeWav } from '../support/audioFiles';
import { DiskFileSource } from '../support/nodeFiles';
import { silence } from '../support/signals';

const readFileAsFile = (dir: string, path: string): File => new File([readFileSync(join(dir, path))], path);

let db: SampleMindDatabase;
let pool: AnalysisPool;
afterEach(async () => {
  pool?.terminate();
  db.close();
  await db.delete();
});

const files = ['One-shots/Drums/kick.mp3', 'One-shots/Drums/snare.aiff', 'One-shots/Drums/gone.wav'];

/** Analyser stamps as the app wrote them before it marked silence: no `soundless` on any. */
async function withLegacyStamps(database: SampleMindDatabase): Promise<void> {
  await database.analysisStamps.toCollection().modify((stamp) => {
    delete stamp.soundless;
  });
}

/**
 * The real worker pool (in `pool`, terminated after each test), a similarity index and the fixture
 * files, for a back-fill; `runBackfill` runs one session and returns what it reported and showed.
 */
async function backfillParts(repository: LibraryRepository, root = resolve(FIXTURE_LIBRARY)) {
  pool = new AnalysisPool({ size: 1, createWorker: createNodeAnalysisWorker });
  const similarity = new SimilarityIndex(repository);
  await similarity.ready();
  const fileSource = Object.assign(new DiskFileSource(() => root), { permission: async () => 'granted' as const });
  const runBackfill = async (): Promise<{ progress: (BackfillProgress | null)[]; shown: SampleRecord[] }> => {
    const progress: (BackfillProgress | null)[] = [];
    const shown: SampleRecord[] = [];
    const backfill = new AnalysisBackfill(
      repository,
      pool,
      fileSource,
      similarity,
      (p) => progress.push(p),
      (sample) => shown.push(sample),
    );
    await backfill.run();
    return { progress, shown };
  };
  return { similarity, fileSource, runBackfill };
}

describe('background back-fill of samples an earlier version analysed', () => {
  it('adds the embedding only, keeps the analysis and edits, skips what cannot be read, and reports progress', async () => {
    db = new SampleMindDatabase('backfill-test');
    const repository = new LibraryRepository(db);
    const folder = await repository.upsertFolder('Library', 'opfs');
    const scanned = files.map((path) => ({ path, size: 1, mtime: 1 }));
    const samples = (await repository.addScannedFiles(folder.id, scanned)).queued;
    // As an earlier version left them: analysed (with a user's correction and tags), no embedding.
    const oldAnalysis = { format: 'mp3', duration: 0.3, category: 'tom', categoryConfidence: 0.4 } as never;
    for (const sample of samples) {
      await repository.saveOutcome(sample.id, {
        ok: true,
        descriptors: oldAnalysis,
        peaks: new Uint8Array(1),
        embedding: null,
        timings: { decodeMs: 0, analyseMs: 0 },
      });
    }
    await withLegacyStamps(db);
    await repository.correct(samples[0]!.id, { category: 'kick' });
    await repository.applyUserEdits([{ id: samples[0]!.id, fields: { tags: ['punchy'] } }]);
    expect(statSync(resolve(FIXTURE_LIBRARY, files[0]!)).size).toBeGreaterThan(0);

    const { similarity, runBackfill } = await backfillParts(repository);
    const { progress } = await runBackfill();

    const embedded = await repository.embeddings.list();
    expect(embedded.map((e) => e.sampleId).sort()).toEqual([samples[0]!.id, samples[1]!.id]);
    expect(embedded[0]!.vector).toHaveLength(SOUND_EMBEDDING_LAYOUT.dimension);
    expect(await repository.embeddings.samplesWithout()).toEqual([samples[2]!.id]); // the missing file, for next time
    const kick = await repository.getSample(samples[0]!.id);
    expect(kick).toMatchObject({ analysis: { category: 'tom', duration: 0.3 }, corrections: { category: 'kick' }, tags: ['punchy'] });
    expect(progress[0]).toEqual({ done: 0, total: 3 });
    expect(progress.at(-2)).toEqual({ done: 3, total: 3 });
    expect(progress.at(-1)).toBeNull();
    // The in-memory index has them at once: "more like this" works without a reload.
    expect((await similarity.similarTo(samples[0]!.id, 5, { timbre: 1 }))?.map((r) => r.id)).toEqual([samples[1]!.id]);
  }, 60_000);

  it('stops trying a folder whose files are all gone', async () => {
    db = new SampleMindDatabase('backfill-gone-test');
    const repository = new LibraryRepository(db);
    const folder = await repository.upsertFolder('Moved away', 'opfs');
    const scanned = Array.from({ length: 25 }, (_, i) => ({ path: `gone ${i}.wav`, size: 1, mtime: 1 }));
    for (const sample of (await repository.addScannedFiles(folder.id, scanned)).queued) {
      await repository.saveOutcome(sample.id, {
        ok: true,
        descriptors: { format: 'wav', duration: 1 } as never,
        peaks: new Uint8Array(1),
        embedding: null,
        timings: { decodeMs: 0, analyseMs: 0 },
      });
    }
    await withLegacyStamps(db);
    const { fileSource, runBackfill } = await backfillParts(repository);
    let reads = 0;
    const readFile = fileSource.readFile.bind(fileSource);
    fileSource.readFile = (f, path) => {
      reads++;
      return readFile(f, path);
    };
    await runBackfill();
    expect(reads).toBe(10);
    expect(await repository.embeddings.samplesWithout()).toHaveLength(25); // tried again next session
  });

  it('leaves silence alone: no embedding is missing, so no update banner at every start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silence-'));
    writeFileSync(join(dir, 'silence.wav'), encodeWav([silence(2)]));
    writeFileSync(join(dir, 'legacy silence.wav'), encodeWav([silence(1)]));
    db = new SampleMindDatabase('backfill-silence-test');
    const repository = new LibraryRepository(db);
    const folder = await repository.upsertFolder('Library', 'opfs');
    const scanned = ['silence.wav', 'legacy silence.wav'].map((path) => ({ path, size: 1, mtime: 1 }));
    const [silent, legacy] = (await repository.addScannedFiles(folder.id, scanned)).queued;
    const { runBackfill } = await backfillParts(repository, dir);
    for (const sample of [silent!, legacy!])
      await repository.saveOutcome(sample.id, await pool.analyse(readFileAsFile(dir, sample.path), sample.name));
    expect((await repository.getSample(silent!.id))?.status).toBe('done');
    expect((await repository.analyses.backlog()).unembedded).toEqual([]);

    // A library analysed before silence was stamped: its silent sample is checked once, then never again.
    await withLegacyStamps(db);
    await repository.analyses.markSoundless(silent!.id);
    expect((await repository.analyses.backlog()).unembedded).toEqual([legacy!.id]);
    expect((await runBackfill()).progress[0]).toEqual({ done: 0, total: 1 });
    expect((await repository.analyses.backlog()).unembedded).toEqual([]);
    expect((await runBackfill()).progress).toEqual([null]);
    rmSync(dir, { recursive: true });
  }, 60_000);

  it('analyses again what an earlier analyser made, keeping corrections, edits and the CLAP embedding, and only once', async () => {
    db = new SampleMindDatabase('reanalysis-test');
    const repository = new LibraryRepository(db);
    const folder = await repository.upsertFolder('Library', 'opfs');
    const scanned = files.slice(0, 2).map((path) => ({ path, size: 1, mtime: 1 }));
    const [kick, snare] = (await repository.addScannedFiles(folder.id, scanned)).queued;
    // As version 1 left them: an analysis calling the kick a tom, no analyser stamp.
    for (const sample of [kick!, snare!]) {
      await repository.saveOutcome(sample.id, {
        ok: true,
        descriptors: { format: 'mp3', duration: 9.9, category: 'tom', categoryConfidence: 0.4 } as never,
        peaks: new Uint8Array(1),
        embedding: new Float32Array(SOUND_EMBEDDING_LAYOUT.dimension),
        timings: { decodeMs: 0, analyseMs: 0 },
      });
    }
    await db.analysisStamps.clear();
    await repository.correct(snare!.id, { category: 'clap' });
    await repository.applyUserEdits([{ id: kick!.id, fields: { tags: ['punchy'], rating: 4 } }]);
    await repository.embeddings.saveClap(kick!.id, 'clap:1', quantize(Float32Array.of(0.5)));
    expect((await repository.analyses.stale()).sort()).toEqual([kick!.id, snare!.id]);

    const { runBackfill } = await backfillParts(repository);
    const { shown } = await runBackfill();

    expect(await repository.getSample(kick!.id)).toMatchObject({
      analysis: { category: 'kick', format: 'mp3' },
      tags: ['punchy'],
      rating: 4,
    });
    expect((await repository.getSample(kick!.id))!.analysis!.duration).toBeCloseTo(KNOWN.kick.duration, 2);
    expect(await repository.getSample(snare!.id)).toMatchObject({ analysis: { format: 'aiff' }, corrections: { category: 'clap' } });
    expect((await repository.embeddings.clap('clap:1')).has(kick!.id)).toBe(true);
    expect(shown.map((s) => s.id).sort()).toEqual([kick!.id, snare!.id]);
    expect(await repository.analyses.stale()).toEqual([]);
    // The next session finds nothing to do.
    expect((await runBackfill()).progress).toEqual([null]);
  }, 60_000);

  it('tries a file an earlier analyser refused once with the new one: analysed if it reads now, its reason kept if not', async () => {
    db = new SampleMindDatabase('refused-test');
    const repository = new LibraryRepository(db);
    const folder = await repository.upsertFolder('Library', 'opfs');
    const scanned = [KNOWN.kick.path, KNOWN.broken.path].map((path) => ({ path, size: 1, mtime: 1 }));
    const [kick, broken] = (await repository.addScannedFiles(folder.id, scanned)).queued;
    // As an earlier analyser left them: both refused (say the kick's format was not read then), no stamp of this version.
    for (const sample of [kick!, broken!]) {
      await repository.saveOutcome(sample.id, { ok: false, error: { code: 'decode_failed', message: 'could not decode this file' } });
    }
    await db.analysisStamps.clear();
    expect((await repository.analyses.backlog()).refused.sort()).toEqual([kick!.id, broken!.id].sort());

    const { runBackfill } = await backfillParts(repository);
    const { shown } = await runBackfill();

    expect(await repository.getSample(kick!.id)).toMatchObject({ status: 'done', error: null, analysis: { category: 'kick' } });
    expect(await repository.getPeaks(kick!.id)).toBeDefined();
    expect(await repository.getSample(broken!.id)).toMatchObject({ status: 'failed', error: { code: KNOWN.broken.code } });
    expect(shown.map((s) => s.id).sort()).toEqual([kick!.id, broken!.id].sort());
    expect((await repository.countByStatus()).failed).toBe(1);
    // Refused again by this analyser: not tried again until the next one.
    expect((await repository.analyses.backlog()).refused).toEqual([]);
    expect((await runBackfill()).progress).toEqual([null]);
  }, 60_000);
});
