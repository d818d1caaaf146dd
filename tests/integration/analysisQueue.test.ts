import 'fake-indexeddb/auto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeAnalysisWorker } from '../../src/cli/nodeAnalysisWorker';
import { LibraryRepository, type ScannedFile } from '../../src/db/libraryRepository';
import { SampleMindDatabase, type SampleRecord } from '../../src/db/schema';
import { isAudioFileName } from '../../src/domain/audioFormats';
import { AnalysisPool } from '../../src/services/analysisPool';
import { AnalysisQueue, type AnalysisQueueOptions, type QueueProgress, type RunSummary } from '../../src/services/analysisQueue';
import { storedRunCounter } from '../../src/services/runCounter';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { DiskFileSource } from '../support/nodeFiles';

const root = resolve(FIXTURE_LIBRARY);
function scan(dir: string): ScannedFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return scan(full);
    if (!isAudioFileName(entry.name)) return [];
    const info = statSync(full);
    return [{ path: relative(root, full).split('\\').join('/'), size: info.size, mtime: info.mtimeMs }];
  });
}

const pools: AnalysisPool[] = [];
const databases: SampleMindDatabase[] = [];
afterEach(async () => {
  pools.splice(0).forEach((p) => p.terminate());
  for (const db of databases.splice(0)) {
    db.close();
    await db.delete();
  }
});

function session(dbName: string, onSaved: (sample: SampleRecord, queue: AnalysisQueue) => void, options: AnalysisQueueOptions = {}) {
  const db = new SampleMindDatabase(dbName);
  databases.push(db);
  const repository = new LibraryRepository(db);
  const pool = new AnalysisPool({ size: 1, createWorker: createNodeAnalysisWorker });
  pools.push(pool);
  let idle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (idle = resolve));
  let sawRunning = false;
  const progress: QueueProgress[] = [];
  const runs: RunSummary[] = [];
  const queue: AnalysisQueue = new AnalysisQueue(
    repository,
    pool,
    new DiskFileSource(() => root),
    {
      onSampleSaved: (sample) => onSaved(sample, queue),
      onProgress: (p: QueueProgress) => {
        progress.push(p);
        if (p.state === 'running') sawRunning = true;
        if (p.state === 'idle' && sawRunning) idle();
      },
      onRunFinished: (summary) => runs.push(summary),
    },
    options,
  );
  return { repository, queue, pool, finished, progress, runs };
}

/** A queue over a fresh database whose every progress report and run summary is kept, in order. */
function watchedQueue(dbName: string) {
  const progress: QueueProgress[] = [];
  const runs: RunSummary[] = [];
  const db = new SampleMindDatabase(dbName);
  databases.push(db);
  const repository = new LibraryRepository(db);
  const pool = new AnalysisPool({ size: 1, createWorker: createNodeAnalysisWorker });
  pools.push(pool);
  const queue = new AnalysisQueue(repository, pool, new DiskFileSource(() => root), {
    onSampleSaved: () => {},
    onProgress: (p) => progress.push(p),
    onRunFinished: (summary) => runs.push(summary),
  });
  return { repository, queue, progress, runs };
}

describe('AnalysisQueue', () => {
  it('analyses everything queued, saving each result as it arrives', async () => {
    const saved: SampleRecord[] = [];
    const { repository, queue, finished } = session('queue-all', (s) => saved.push(s));
    const folder = await repository.upsertFolder('library', 'opfs');
    await repository.addScannedFiles(folder.id, scan(root));
    await queue.start();
    await finished;
    expect(saved).toHaveLength(FIXTURE_AUDIO_COUNT);
    const byPath = new Map((await repository.listSamples()).map((s) => [s.path, s]));
    expect(byPath.get(KNOWN.epianoLoop.path)?.analysis).toMatchObject({
      bpm: KNOWN.epianoLoop.bpm,
      key: 'G',
      scale: 'major',
      kind: 'loop',
    });
    expect(byPath.get(KNOWN.broken.path)).toMatchObject({ status: 'failed', error: { code: 'not_audio' } });
    expect(await repository.countByStatus()).toEqual({ queued: 0, done: FIXTURE_AUDIO_COUNT - 1, failed: 1, skipped: 0 });
  }, 120_000);

  it('resumes an interrupted run in a new session without redoing finished files', async () => {
    const firstSession: number[] = [];
    const first = session('queue-resume', (sample, queue) => {
      firstSession.push(sample.id);
      if (firstSession.length === 3) {
        queue.dispose(); // the page is closed mid-import
        pools[0]!.terminate();
      }
    });
    const folder = await first.repository.upsertFolder('library', 'opfs');
    await first.repository.addScannedFiles(folder.id, scan(root));
    await first.queue.start();
    await expect.poll(() => firstSession.length, { timeout: 60_000 }).toBe(3);
    expect((await first.repository.countByStatus()).queued).toBe(FIXTURE_AUDIO_COUNT - 3);

    const secondSession: number[] = [];
    const second = session('queue-resume', (sample) => secondSession.push(sample.id));
    await second.queue.start();
    await second.finished;
    expect(secondSession).toHaveLength(FIXTURE_AUDIO_COUNT - 3);
    expect(secondSession.filter((id) => firstSession.includes(id))).toEqual([]);
    expect((await second.repository.countByStatus()).queued).toBe(0);
  }, 120_000);

  it('goes on counting a run the last page left unfinished (2,071 / 3,000, not 0 / 929)', async () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: (k: string) => void saved.delete(k),
    };
    let firstCount = 0;
    const first = session(
      'queue-counter',
      (_sample, queue) => {
        if (++firstCount === 3) {
          queue.dispose(); // the page is reloaded mid-import
          pools[0]!.terminate();
        }
      },
      { runCounter: storedRunCounter(storage) },
    );
    const folder = await first.repository.upsertFolder('library', 'opfs');
    await first.repository.addScannedFiles(folder.id, scan(root));
    await first.queue.start();
    await expect.poll(() => firstCount, { timeout: 60_000 }).toBe(3);

    const second = session('queue-counter', () => {}, { runCounter: storedRunCounter(storage) });
    await second.queue.start();
    await second.finished;
    const firstReport = second.progress.find((p) => p.state === 'running')!;
    expect(firstReport).toMatchObject({ done: 3, total: FIXTURE_AUDIO_COUNT });
    expect(second.runs).toEqual([{ done: FIXTURE_AUDIO_COUNT, failed: 1 }]);
    expect(saved.size).toBe(0); // the run ended: the next one starts at 0

    // A third page with nothing queued does not pick up counts left behind by a crash after the last file.
    saved.set('samplemind.analysisRun', JSON.stringify({ done: 5, failed: 0 }));
    const third = session('queue-counter', () => {}, { runCounter: storedRunCounter(storage) });
    await third.queue.start();
    expect(saved.size).toBe(0);
    expect(third.runs).toEqual([]);
  }, 120_000);

  it('counts an import whose scan adds files in batches as one run, and reports it once at the end', async () => {
    const { repository, queue, progress, runs } = watchedQueue('queue-batches');
    const files = scan(root);
    const folder = await repository.upsertFolder('library', 'opfs');
    const releaseRun = queue.holdRun(); // the import starts
    await repository.addScannedFiles(folder.id, files.slice(0, 2));
    void queue.notifyQueued(2);
    // The analysis catches up with the scan: the queue drains while the import goes on.
    await expect.poll(() => progress.at(-1)?.state === 'idle' && progress.at(-1)?.done === 2, { timeout: 60_000 }).toBe(true);
    expect(runs).toEqual([]);
    await repository.addScannedFiles(folder.id, files.slice(2));
    void queue.notifyQueued(files.length - 2);
    await expect.poll(() => progress.at(-1)?.done, { timeout: 120_000 }).toBe(files.length);
    expect(runs).toEqual([]); // still held: the scan may add more
    releaseRun();
    await expect.poll(() => runs.length, { timeout: 10_000 }).toBe(1);
    expect(runs[0]).toEqual({ done: files.length, failed: 1 });
    // The counter never went back during the import, and starts afresh after it.
    const counts = progress.map((p) => p.done);
    expect(counts.slice(0, counts.lastIndexOf(files.length) + 1).every((n, i, all) => i === 0 || n >= all[i - 1]!)).toBe(true);
    // Nor did the total move while the files were analysed, once all of them were queued.
    const totals = progress.map((p) => p.total);
    expect(totals.slice(totals.indexOf(files.length), counts.lastIndexOf(files.length) + 1).every((t) => t === files.length)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'idle', done: 0, failed: 0 });
  }, 180_000);

  it('counts files an import adds while the queue is paused, without starting them', async () => {
    const { repository, queue, progress } = watchedQueue('queue-paused');
    const files = scan(root);
    const folder = await repository.upsertFolder('library', 'opfs');
    await repository.addScannedFiles(folder.id, files.slice(0, 1));
    await queue.start();
    queue.pause();
    await expect.poll(() => progress.at(-1)?.inFlight, { timeout: 60_000 }).toBe(0);
    const before = progress.at(-1)!;
    await repository.addScannedFiles(folder.id, files.slice(1));
    // Counted at once, in the importer's step (not after the database is counted again), and still so after.
    const counted = queue.notifyQueued(files.length - 1);
    expect(progress.at(-1)?.total).toBe(files.length);
    await counted;
    expect(progress.at(-1)?.total).toBe(files.length);
    expect(progress.at(-1)).toMatchObject({ state: 'paused', done: before.done });
  }, 120_000);

  it('marks a file that vanished from disk as failed and goes on', async () => {
    const { repository, queue, finished } = session('queue-missing', () => {});
    const folder = await repository.upsertFolder('library', 'opfs');
    await repository.addScannedFiles(folder.id, [{ path: 'gone/kick.wav', size: 10, mtime: 1 }, ...scan(root).slice(0, 1)]);
    await queue.start();
    await finished;
    const gone = (await repository.listSamples()).find((s) => s.path === 'gone/kick.wav');
    expect(gone).toMatchObject({
      status: 'failed',
      error: { code: 'read_failed', message: 'gone/kick.wav is no longer in library: it was moved or deleted' },
    });
  }, 60_000);
});
