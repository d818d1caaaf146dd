// The WebGPU-capable onnxruntime build the CLAP worker runs (through transformers.js), emitted
// by the build under this URL on our own origin; the service worker caches it on first fetch.
import runtimeWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { SampleMindError } from '../../domain/errors';

/**
 * Fetches the CLAP worker's runtime once, through the service worker (which keeps it, so the
 * model also starts offline later): installing from a folder "with no network at all" otherwise
 * left a model that could not start on a machine that had never run it online.
 */
export async function fetchClapRuntime(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(runtimeWasmUrl);
  } catch (error) {
    throw runtimeUnavailable(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw runtimeUnavailable(`HTTP ${response.status}`);
  // Read to the end (without keeping it) so that it is cached whole.
  await response.body?.pipeTo(new WritableStream());
}

function runtimeUnavailable(reason: string): SampleMindError {
  return new SampleMindError(
    'runtime_unavailable',
    `The sound-search runtime (27 MB, part of SampleMind) could not be fetched (${reason}). Connect to the internet once, then install the model again.`,
  );
}
