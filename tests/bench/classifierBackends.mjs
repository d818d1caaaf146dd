/**
 * The category classifier through onnxruntime-web's WebGPU and WASM execution providers, side by
 * side, on a machine with a graphics card: are the results the same, and which is faster? WebGPU
 * comes from Dawn (the implementation inside Chromium) through the `webgpu` npm package, because a
 * GPU machine here has no browser. Not part of `npm run bench`: it needs a GPU and packages the
 * project does not depend on. Run with Node 22 from a folder holding:
 *   webgpu/         npm pack webgpu@0.6.2 (index.js, package.json, dist/linux-x64/dawn.node)
 *   ort/            node_modules/onnxruntime-web (package.json, dist/ort.webgpu.bundle.min.mjs and
 *                   dist/ort-wasm-simd-threaded.asyncify.{mjs,wasm})
 *   feats.f32       feature vectors (85 float32 each, as featureVector.ts computes them)
 * and the repository one level up:  node classifierBackends.mjs [count]
 * Results of 2026-11-27 (an H100) are in docs/BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const folder = process.cwd();
const repo = new URL('../../', import.meta.url);
const { create, globals } = await import(`${folder}/webgpu/index.js`);
Object.assign(globalThis, globals);
Object.defineProperty(globalThis.navigator, 'gpu', { value: create([]), configurable: true });
const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('no WebGPU adapter');
console.warn('adapter', adapter.info.vendor, adapter.info.device, adapter.info.description);

const ort = await import(`${folder}/ort/dist/ort.webgpu.bundle.min.mjs`);
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = `${folder}/ort/dist/`;
const model = new Uint8Array(readFileSync(new URL('public/models/classifier.onnx', repo)));
const { featureCount: n, categories } = JSON.parse(readFileSync(new URL('workers/analysis/models/classifier-meta.json', repo), 'utf8'));
const vectors = new Float32Array(readFileSync(`${folder}/feats.f32`).buffer.slice(0));
const count = Math.min(Number(process.argv[2] ?? 2000), Math.floor(vectors.length / n));
const vector = (i, size = 1) => new ort.Tensor('float32', vectors.slice(i * n, (i + size) * n), [size, n]);
const median = (times) => [...times.slice(Math.min(20, times.length >> 2))].sort((a, b) => a - b)[times.length >> 1] ?? NaN;
const argmax = (a) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);

const outputs = {};
for (const ep of ['wasm', 'webgpu']) {
  const session = await ort.InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: 'all' });
  const times = [];
  outputs[ep] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await session.run({ features: vector(i) });
    times.push(performance.now() - started);
    outputs[ep].push(Object.fromEntries(Object.entries(result).map(([name, t]) => [name, Float32Array.from(t.data)])));
  }
  console.warn(ep, 'one vector, every output: median ms', median(times).toFixed(3));
  for (const size of [16, 256]) {
    const batch = [];
    for (let r = 0; r < 12; r++) {
      const started = performance.now();
      await session.run({ features: vector(0, size) });
      batch.push(performance.now() - started);
    }
    console.warn(ep, `${size} vectors at once: median ms per vector`, (median(batch) / size).toFixed(4));
  }
}
let same = 0;
let maxDiff = 0;
for (let i = 0; i < count; i++) {
  const [a, b] = [outputs.wasm[i], outputs.webgpu[i]];
  if (argmax(a.category) === argmax(b.category)) same++;
  else console.warn('differs', i, categories[argmax(a.category)], categories[argmax(b.category)]);
  for (const name of Object.keys(a)) a[name].forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[name][j]))));
}
console.warn(`same category ${same} of ${count}; largest difference of any output ${maxDiff.toExponential(2)}`);
process.exit(0);
