import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClapModelState } from '../../src/domain/clap/modelState';
import { SampleMindError } from '../../src/domain/errors';
import { ClapModelManager } from '../../src/services/clap/clapModel';
import type { ClapFileStore } from '../../src/services/clap/modelStore';
import { serveModel, type ModelServer } from '../support/modelServer';
import { buildTinyClap } from '../support/tinyClap';

/** Cache Storage stand-in: the files by path. */
class MemoryStore implements ClapFileStore {
  files = new Map<string, Blob>();
  complete = async (): Promise<number | null> => (this.files.size === 6 ? [...this.files.values()].reduce((s, b) => s + b.size, 0) : null);
  putAll = async (files: ReadonlyMap<string, Blob>): Promise<void> => void files.forEach((b, p) => this.files.set(p, b));
  clear = async (): Promise<void> => this.files.clear();
}

const tiny = buildTinyClap();
const tinyBytes = [...tiny.values()].reduce((s, b) => s + b.length, 0);
let server: ModelServer;

beforeAll(async () => {
  server = await serveModel(tiny, { chunkDelayMs: 5 });
});
afterAll(() => server.close());

/** The runtime fetch, counted (the app's own origin serves it; here it is not part of the test). */
let runtimeFetches = 0;
const ensureRuntime = async (): Promise<void> => void runtimeFetches++;

function manager(
  store = new MemoryStore(),
  runtime: (fromFolder?: Blob) => Promise<void> = ensureRuntime,
): { model: ClapModelManager; store: MemoryStore; states: ClapModelState[] } {
  const model = new ClapModelManager({ store, storage: null, ensureRuntime: runtime });
  expect(model.setHost(server.url)).toBeNull();
  const states: ClapModelState[] = [];
  model.subscribe((s) => states.push(s));
  return { model, store, states };
}

describe('ClapModelManager (Node, local model server)', () => {
  it('shows exact sizes, downloads with growing progress, verifies and stores every file', async () => {
    const { model, store, states } = manager();
    const sizes = await model.sizes();
    expect(sizes.every((s) => s.exact)).toBe(true);
    expect(sizes.reduce((s, f) => s + f.bytes, 0)).toBe(tinyBytes);
    const final = await model.download();
    expect(final).toEqual({ status: 'ready', source: 'download', bytes: tinyBytes });
    expect(store.files.size).toBe(6);
    const progress = states.flatMap((s) => (s.status === 'downloading' ? [s.progress.done] : []));
    expect(progress.length).toBeGreaterThan(6);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(tinyBytes);
    expect(states.some((s) => s.status === 'verifying' && s.file === 'onnx/audio_model_quantized.onnx')).toBe(true);
    // A new session finds it in the cache.
    expect(runtimeFetches).toBeGreaterThan(0);
    const again = new ClapModelManager({ store, storage: null, ensureRuntime });
    await again.start();
    expect(again.getState()).toEqual({ status: 'ready', source: 'cache', bytes: tinyBytes });
  });

  it('names a file the host lacks (model_missing) and a corrupted one (model_corrupt), storing nothing', async () => {
    server.set('tokenizer.json', null);
    const missing = manager();
    expect(await missing.model.download()).toMatchObject({ status: 'error', error: { code: 'model_missing' } });
    expect((missing.model.getState() as { error: { message: string } }).error.message).toContain('tokenizer.json');
    expect(missing.store.files.size).toBe(0);
    server.set('tokenizer.json', tiny.get('tokenizer.json')!);

    const audio = tiny.get('onnx/audio_model_quantized.onnx')!;
    server.set('onnx/audio_model_quantized.onnx', audio.subarray(0, Math.floor(audio.length / 2)));
    const corrupt = manager();
    const state = await corrupt.model.download();
    expect(state).toMatchObject({ status: 'error', error: { code: 'model_corrupt' } });
    expect((state as { error: { message: string } }).error.message).toContain('onnx/audio_model_quantized.onnx');
    expect(corrupt.store.files.size).toBe(0);
    server.set('onnx/audio_model_quantized.onnx', audio);
  });

  it('stores nothing when the runtime cannot be fetched, and says so (runtime_unavailable)', async () => {
    const noRuntime = async (): Promise<void> => {
      throw new SampleMindError('runtime_unavailable', 'The sound-search runtime could not be fetched (offline).');
    };
    const { model, store, states } = manager(new MemoryStore(), noRuntime);
    expect(await model.download()).toMatchObject({ status: 'error', error: { code: 'runtime_unavailable' } });
    expect(store.files.size).toBe(0);
    expect(states.some((s) => s.status === 'verifying' && s.file === 'the runtime')).toBe(true);
  });

  it('reports an unreachable host as model_unreachable and a cancelled download as absent', async () => {
    const offline = new ClapModelManager({ store: new MemoryStore(), storage: null, ensureRuntime });
    offline.setHost('http://127.0.0.1:9/model/');
    expect(await offline.download()).toMatchObject({ status: 'error', error: { code: 'model_unreachable' } });

    const { model, store } = manager();
    const controller = new AbortController();
    const stop = model.subscribe((s) => s.status === 'downloading' && s.progress.done > 0 && controller.abort());
    expect(await model.download(controller.signal)).toEqual({ status: 'absent' });
    stop();
    expect(store.files.size).toBe(0);
  });

  it('loads from a picked folder without any request, and names a file the folder lacks', async () => {
    const before = server.requests.length;
    const files = [...tiny].map(([path, bytes]) => {
      const file = new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `clap-htsat-unfused/${path}` });
      return file;
    });
    const { model, store } = manager();
    expect(await model.loadFromFolder(files.slice(1))).toMatchObject({ status: 'error', error: { code: 'model_missing' } });
    expect(await model.loadFromFolder(files)).toEqual({ status: 'ready', source: 'folder', bytes: tinyBytes });
    expect(store.files.size).toBe(6);
    // A second folder that lacks a file leaves the installed model in place and in use.
    const kept = await model.loadFromFolder(files.slice(1));
    expect(kept).toMatchObject({ status: 'ready', bytes: tinyBytes, problem: { code: 'model_missing' } });
    expect(store.files.size).toBe(6);
    await model.remove();
    expect(model.getState()).toEqual({ status: 'absent' });
    expect(store.files.size).toBe(0);
    expect(server.requests.length).toBe(before);
  });

  it('hands the runtime a folder carries to the install (no fetch), and fetches it when the folder has none', async () => {
    const files = [...tiny].map(([path, bytes]) => {
      const file = new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `models/clap-htsat-unfused/${path}` });
      return file;
    });
    const runtime = new File([new Uint8Array([0, 0x61, 0x73, 0x6d])], 'ort-wasm-simd-threaded.asyncify.wasm');
    Object.defineProperty(runtime, 'webkitRelativePath', { value: 'models/ort-wasm-simd-threaded.asyncify.wasm' });
    const given: (Blob | undefined)[] = [];
    const { model } = manager(new MemoryStore(), async (fromFolder?: Blob) => void given.push(fromFolder));
    expect(await model.loadFromFolder([...files, runtime])).toMatchObject({ status: 'ready', source: 'folder' });
    expect(await model.loadFromFolder(files)).toMatchObject({ status: 'ready', source: 'folder' });
    expect(given).toEqual([runtime, undefined]);
  });
});
