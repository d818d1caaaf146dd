import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { verifyModelFile, sha256Hex, RETRY_ADVICE } from '../../src/domain/clap/integrity';
import {
  CLAP_MANIFEST,
  CLAP_RUNTIME_BYTES,
  CLAP_RUNTIME_CACHE,
  cacheKey,
  findRuntime,
  fileUrl,
  matchFolder,
  modelPathOf,
  normaliseHost,
  formatBytes,
} from '../../src/domain/clap/manifest';
import type { ErrorInfo } from '../../src/domain/errors';
import { clapModelReducer, describeClapState, INITIAL_CLAP_STATE, type ClapModelState } from '../../src/domain/clap/modelState';
import { inspectOnnx } from '../../src/domain/clap/onnxCheck';
import { l2Normalise, resample, zeroShotScores } from '../../src/domain/clap/vectors';
import { fetchClapRuntime, installClapRuntime } from '../../src/services/clap/runtime';
import { buildTinyClap } from '../support/tinyClap';

const fileOf = (path: string) => CLAP_MANIFEST.files.find((f) => f.path === path)!;
const tiny = buildTinyClap();
const TEXT = 'onnx/text_model_quantized.onnx';
const AUDIO = 'onnx/audio_model_quantized.onnx';

describe('CLAP manifest', () => {
  it('lists the files transformers.js 4.3 reads for Xenova/clap-htsat-unfused at q8', () => {
    expect(CLAP_MANIFEST.files.map((f) => f.path)).toEqual([
      'config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      TEXT,
      AUDIO,
    ]);
    expect([...tiny.keys()].sort()).toEqual(CLAP_MANIFEST.files.map((f) => f.path).sort());
  });

  it('builds URLs and same-origin cache keys, and recognises model paths', () => {
    expect(fileUrl('http://127.0.0.1:9/m', TEXT)).toBe('http://127.0.0.1:9/m/onnx/text_model_quantized.onnx');
    expect(cacheKey('http://app.test', 'config.json')).toBe('http://app.test/samplemind-clap/config.json');
    expect(modelPathOf('/samplemind-clap-models/samplemind-clap/onnx/audio_model_quantized.onnx')).toBe(AUDIO);
    expect(modelPathOf('/x/onnx/other.onnx')).toBeUndefined();
    expect(normaliseHost(' http://127.0.0.1:8/models ')).toEqual({ ok: true, host: 'http://127.0.0.1:8/models/' });
    expect(normaliseHost('ftp://x').ok).toBe(false);
    expect(normaliseHost('not a url').ok).toBe(false);
    expect(formatBytes(159_000_000)).toBe('159 MB');
  });

  it('matches a picked folder (the model folder or one above), preferring the shortest path, and names what is missing', () => {
    const entries = [
      { relativePath: 'models/clap/config.json' },
      { relativePath: 'models/clap/onnx/text_model_quantized.onnx' },
      { relativePath: 'models/clap/backup/onnx/text_model_quantized.onnx' },
      { relativePath: 'models/clap/tokenizer.json' },
    ];
    const { found, missing } = matchFolder(entries);
    expect(found.get(TEXT)?.relativePath).toBe('models/clap/onnx/text_model_quantized.onnx');
    expect(missing).toEqual(['preprocessor_config.json', 'tokenizer_config.json', AUDIO]);
  });
});

describe('ONNX check', () => {
  it('lists the inputs and outputs of the tiny towers', () => {
    expect(inspectOnnx(tiny.get(TEXT)!)).toMatchObject({ ok: true, inputs: ['input_ids', 'attention_mask'], outputs: ['text_embeds'] });
    expect(inspectOnnx(tiny.get(AUDIO)!)).toMatchObject({ ok: true, inputs: ['input_features'], outputs: ['audio_embeds'] });
  });

  it('rejects a truncated file, random bytes, and JSON', () => {
    const bytes = tiny.get(AUDIO)!;
    expect(inspectOnnx(bytes.subarray(0, bytes.length - 100)).ok).toBe(false);
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(inspectOnnx(noise).ok).toBe(false);
    expect(inspectOnnx(tiny.get('config.json')!).ok).toBe(false);
  });
});

describe('verifyModelFile', () => {
  it('accepts every tiny file', async () => {
    for (const [path, bytes] of tiny) expect(await verifyModelFile(fileOf(path), bytes)).toBeNull();
  });

  it('reports a truncated download, a wrong checksum, broken JSON and the wrong graph as model_corrupt naming the file', async () => {
    const audio = tiny.get(AUDIO)!;
    const cut = await verifyModelFile(fileOf(AUDIO), audio.subarray(0, 1000), audio.length);
    expect(cut).toMatchObject({ code: 'model_corrupt' });
    expect(cut!.message).toContain(AUDIO);
    expect(cut!.message).toContain('incomplete');
    const sha = await sha256Hex(audio);
    expect(await verifyModelFile({ ...fileOf(AUDIO), sha256: sha }, audio)).toBeNull();
    const flipped = audio.slice();
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect((await verifyModelFile({ ...fileOf(AUDIO), sha256: sha }, flipped))?.message).toContain('checksum');
    expect((await verifyModelFile(fileOf('config.json'), new TextEncoder().encode('{"model_type":')))?.code).toBe('model_corrupt');
    const swapped = await verifyModelFile(fileOf(AUDIO), tiny.get(TEXT)!);
    expect(swapped?.message).toContain('input_features');
  });
});

describe('model state machine', () => {
  const run = (events: Parameters<typeof clapModelReducer>[1][], from: ClapModelState = INITIAL_CLAP_STATE) =>
    events.reduce(clapModelReducer, from);

  it('goes absent -> downloading with summed progress -> verifying -> ready', () => {
    let s = run([{ type: 'not_found' }]);
    expect(s).toEqual({ status: 'absent' });
    s = run(
      [
        {
          type: 'download_started',
          files: [
            { path: 'a', done: 0, total: 100 },
            { path: 'b', done: 0, total: 300 },
          ],
        },
        { type: 'progress', path: 'a', done: 100, total: 120 },
        { type: 'progress', path: 'b', done: 30 },
      ],
      s,
    );
    expect(s).toMatchObject({ status: 'downloading', progress: { done: 130, total: 420 } });
    expect(describeClapState(s)).toBe('Downloading… 30%');
    s = run(
      [
        { type: 'verify', source: 'download', file: 'a' },
        { type: 'verified', bytes: 420 },
      ],
      s,
    );
    expect(s).toEqual({ status: 'ready', source: 'download', bytes: 420 });
  });

  it('finds a cached model, ignores stray events, and handles cancel, failure and remove', () => {
    expect(run([{ type: 'found', bytes: 5 }])).toEqual({ status: 'ready', source: 'cache', bytes: 5 });
    expect(run([{ type: 'not_found' }, { type: 'progress', path: 'a', done: 1 }])).toEqual({ status: 'absent' });
    expect(run([{ type: 'not_found' }, { type: 'verified', bytes: 1 }])).toEqual({ status: 'absent' });
    const downloading = run([{ type: 'not_found' }, { type: 'download_started', files: [] }]);
    expect(run([{ type: 'download_started', files: [{ path: 'x', done: 0, total: 1 }] }], downloading)).toBe(downloading);
    expect(run([{ type: 'cancelled' }], downloading)).toEqual({ status: 'absent' });
    const failed = run([{ type: 'failed', error: { code: 'model_missing', message: 'The model file x is missing.' } }], downloading);
    expect(describeClapState(failed)).toBe('The model file x is missing.');
    expect(run([{ type: 'removed' }], failed)).toEqual({ status: 'absent' });
    expect(
      run(
        [
          { type: 'verify', source: 'folder' },
          { type: 'verified', bytes: 9 },
        ],
        failed,
      ),
    ).toEqual({
      status: 'ready',
      source: 'folder',
      bytes: 9,
    });
  });

  it('stays ready with the model installed before when a later install fails or is cancelled', () => {
    const ready: ClapModelState = { status: 'ready', source: 'download', bytes: 420 };
    const error: ErrorInfo = { code: 'model_missing', message: `The model file x is missing in the folder you picked. ${RETRY_ADVICE}` };
    // A folder install started from `from` that ends with `last`.
    const folderAttempt = (last: Parameters<typeof clapModelReducer>[1], from: ClapModelState) =>
      run([{ type: 'verify', source: 'folder' }, last], from);
    const failed = folderAttempt({ type: 'failed', error, kept: 420 }, ready);
    expect(failed).toEqual({ status: 'ready', source: 'cache', bytes: 420, problem: error });
    // The advice to install again is left out: the model in use needs nothing.
    expect(describeClapState(failed)).toBe(
      'The new install did not complete. The model file x is missing in the folder you picked. The model installed before is still there and in use.',
    );
    expect(folderAttempt({ type: 'cancelled', kept: 420 }, ready)).toEqual({ status: 'ready', source: 'cache', bytes: 420 });
    // Nothing was stored before: the failure is the state.
    expect(folderAttempt({ type: 'failed', error, kept: null }, { status: 'absent' })).toEqual({ status: 'error', error });
  });
});

describe('CLAP vector maths', () => {
  it('normalises, resamples 44.1 kHz to 48 kHz keeping a tone, and scores labels with a softmax', () => {
    expect(Array.from(l2Normalise([3, 4]))).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    const tone = Float32Array.from({ length: 44_100 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / 44_100));
    const out = resample(tone, 44_100, 48_000);
    expect(out.length).toBe(48_000);
    for (const i of [1000, 20_000, 40_000]) expect(out[i]!).toBeCloseTo(Math.sin((2 * Math.PI * 1000 * i) / 48_000), 2);
    const scores = zeroShotScores(
      [1, 0],
      ['kick', 'snare'],
      [
        [0.9, 0.1],
        [0, 1],
      ],
    );
    expect(scores[0]!.label).toBe('kick');
    expect(scores[0]!.score + scores[1]!.score).toBeCloseTo(1);
  });
});

describe('CLAP runtime', () => {
  it('states the size of the runtime onnxruntime-web ships (the settings screen shows it)', () => {
    const wasm = createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm');
    expect(statSync(wasm).size).toBe(CLAP_RUNTIME_BYTES);
  });

  it("puts a folder's runtime in the cache the service worker serves it from (vite.config.ts)", () => {
    const config = readFileSync(new URL('../../vite.config.ts', import.meta.url), 'utf8');
    expect(config).toContain(`cacheName: '${CLAP_RUNTIME_CACHE}'`);
  });

  it('finds the runtime in a picked folder (nearest the top) and refuses a file that is not this build', async () => {
    const entries = [
      { relativePath: 'a/b/ort-wasm-simd-threaded.asyncify.wasm' },
      { relativePath: 'a/ort-wasm-simd-threaded.asyncify.wasm' },
      { relativePath: 'a/ort-wasm-simd-threaded.wasm' },
    ];
    expect(findRuntime(entries)).toBe(entries[1]);
    expect(findRuntime(entries.slice(2))).toBeUndefined();
    for (const wrong of [new Blob([new Uint8Array([0, 0x61, 0x73, 0x6d])]), new Blob([new Uint8Array(CLAP_RUNTIME_BYTES)])]) {
      await expect(installClapRuntime(wrong)).rejects.toMatchObject({ code: 'runtime_unavailable' });
    }
  });

  it('reads the runtime to its end, and names why it could not be fetched (runtime_unavailable)', async () => {
    const ok = new Response(new Uint8Array(1000));
    await fetchClapRuntime(async () => ok);
    expect(ok.bodyUsed).toBe(true);
    for (const fetchImpl of [async () => new Response('gone', { status: 404 }), () => Promise.reject(new TypeError('Failed to fetch'))]) {
      const failure = await fetchClapRuntime(fetchImpl).then(
        () => null,
        (error: { code: string; message: string }) => error,
      );
      expect(failure).toMatchObject({ code: 'runtime_unavailable' });
      expect(failure!.message).toMatch(/HTTP 404|Failed to fetch/);
    }
  });
});
