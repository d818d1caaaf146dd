import type { Classifier } from './classifier';
import { createOnnxClassifier } from './classifier';

let loading: Promise<Classifier> | undefined;

/**
 * onnxruntime-web's WASM build in the worker (its .wasm is bundled and served from our own origin).
 * Not WebGPU, even where there is an adapter: this model is a few small matrix products, and on an
 * H100 through Dawn one inference took 8 ms on WebGPU (uploads, dispatches, four read-backs) against
 * 0.12 ms on WASM, with the same results; even 256 at once cost more per sound on the GPU
 * (docs/BENCHMARKS.md, 2026-11-27). One thread: the pool already runs one worker per core.
 */
export function loadBrowserClassifier(): Promise<Classifier> {
  loading ??= (async () => {
    const url = new URL(`${import.meta.env.BASE_URL}models/classifier.onnx`, self.location.origin);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the classifier model could not be loaded (${response.status} for ${url.pathname})`);
    const model = new Uint8Array(await response.arrayBuffer());
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return createOnnxClassifier(ort, model, ['wasm']);
  })();
  loading.catch(() => (loading = undefined)); // a failed load may be retried with the next file
  return loading;
}
