import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeAnalysisWorker } from '../../src/cli/nodeAnalysisWorker';
import { AnalysisPool, defaultPoolSize, type WorkerHandle } from '../../src/services/analysisPool';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';

let pool: AnalysisPool | undefined;
afterEach(() => pool?.terminate());

let started = 0;
function hangingWorker(): WorkerHandle {
  started++;
  const worker = new Worker(new URL('../support/hangingWorker.mjs', import.meta.url));
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onCrash: (listener) => worker.on('error', (e) => listener(e.message)),
  };
}

const blob = (name: string): Blob => new Blob([readFileSync(`${FIXTURE_LIBRARY}/${name}`)]);

describe('AnalysisPool', () => {
  it('sizes itself from the core count: at least 2, at most 4, one core left for the page', () => {
    expect([1, 2, 4, 8, 32].map(defaultPoolSize)).toEqual([2, 2, 3, 4, 4]);
    expect(defaultPoolSize(undefined)).toBe(2);
  });

  it('analyses real files in worker threads running the shared pipeline', async () => {
    pool = new AnalysisPool({ size: 2, createWorker: createNodeAnalysisWorker });
    const [loop, broken] = await Promise.all([
      pool.analyse(blob(KNOWN.epianoLoop.path), 'loop.flac'),
      pool.analyse(blob(KNOWN.broken.path), 'cover.aiff'),
    ]);
    expect(loop.ok && loop.descriptors.bpm).toBe(KNOWN.epianoLoop.bpm);
    expect(broken).toMatchObject({ ok: false, error: { code: 'not_audio' } });
    const decoded = await pool.decode(blob(KNOWN.snare.path), 'snare.aiff');
    expect(decoded.ok && decoded.sampleRate).toBe(48000);
  }, 60_000);

  it('abandons a file that hangs its worker, replaces the worker and goes on', async () => {
    started = 0;
    // Half a second for the hanging file (1 byte); the next one (2 bytes) runs on a worker that is
    // still starting, which took over 500 ms on a loaded machine, so it gets longer.
    pool = new AnalysisPool({ size: 1, createWorker: hangingWorker, timeoutMs: (bytes) => (bytes === 1 ? 500 : 15_000) });
    const hung = pool.analyse(new Blob(['x']), 'hang.wav');
    const next = pool.analyse(new Blob(['xx']), 'fine.wav');
    expect(await hung).toEqual({ ok: false, error: { code: 'timeout', message: 'analysis took longer than 1 s and was abandoned' } });
    expect((await next).ok).toBe(true);
    expect(started).toBe(2); // the stuck worker was terminated and a fresh one started
  }, 20_000);

  it('turns a rejected call into a failed outcome without losing the worker', async () => {
    started = 0;
    pool = new AnalysisPool({ size: 1, createWorker: hangingWorker });
    expect(await pool.analyse(new Blob(['x']), 'crash.wav')).toEqual({ ok: false, error: { code: 'analysis_failed', message: 'boom' } });
    expect((await pool.analyse(new Blob(['x']), 'fine.wav')).ok).toBe(true);
    expect(started).toBe(1);
  }, 20_000);
});
