import { hasWebGpuAdapter } from '../webGpu';
import type { Classifier } from './classifier';
import { createOnnxClassifier } from './classifier';

let loading: Promise<Classifier> | undefined;

/**
 * onnxruntime-web in the worker: the WebGPU build where an adapter exists, else the WASM build
 * (its .wasm is bundled and served from our own origin). One thread: the model is tiny and the
 * pool already runs one worker per core.
 */
export function loadBrowserClassifier(): Promise<Classifier> {
  loading ??= (async () => {
    const url = new URL(`${import.meta.env.BASE_URL}models/classifier.onnx`, self.location.origin);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the classifier model could not be loaded (${response.status} for ${url.pathname})`);
    const model = new Uint8Array(await response.arrayBuffer());
    if (await hasWebGpuAdapter()) {
      try {
        const ort = await import('onnxruntime-web/webgpu');
        ort.env.wasm.numThreads = 1;
        return await createOnnxClassifier(ort, model, ['webgpu', 'wasm']);
      } catch {
        // The WebGPU build could not load (offline before it was ever cached): WASM does the job.
      }
    }
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return createOnnxClassifier(ort, model, ['wasm']);
  })();
  loading.catch(() => (loading = undefined)); // a failed load may be retried with the next file
  return loading;
}
