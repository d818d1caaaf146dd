// The WebGPU-capable onnxruntime build the CLAP worker runs (through transformers.js), emitted
// by the build under this URL on our own origin; the service worker caches it on first fetch.
import runtimeWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { CLAP_RUNTIME_BYTES, CLAP_RUNTIME_CACHE, CLAP_RUNTIME_FILE, CLAP_RUNTIME_RELEASE, formatBytes } from '../../domain/clap/manifest';
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

/**
 * Takes the runtime from the model folder instead (no network at all): checked to be the build
 * this app runs (its size and the WASM magic number), then put where the service worker serves
 * it from.
 */
export async function installClapRuntime(file: Blob): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const isWasm = head.length === 4 && head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d;
  if (!isWasm || file.size !== CLAP_RUNTIME_BYTES) {
    throw new SampleMindError(
      'runtime_unavailable',
      `${CLAP_RUNTIME_FILE} in the folder is not the runtime this version of SampleMind runs (${CLAP_RUNTIME_RELEASE}, ${CLAP_RUNTIME_BYTES} bytes). Remove it from the folder, or replace it.`,
    );
  }
  const cache = await caches.open(CLAP_RUNTIME_CACHE);
  await cache.put(
    new URL(runtimeWasmUrl, location.href).href,
    new Response(file, { headers: { 'Content-Type': 'application/wasm', 'Content-Length': String(file.size) } }),
  );
}

function runtimeUnavailable(reason: string): SampleMindError {
  return new SampleMindError(
    'runtime_unavailable',
    `The sound-search runtime (${formatBytes(CLAP_RUNTIME_BYTES)}, part of SampleMind) could not be fetched (${reason}). Connect to the internet once and install the model again, or put ${CLAP_RUNTIME_FILE} (from ${CLAP_RUNTIME_RELEASE}) in the model folder.`,
  );
}
