// A worker for the pool's failure-path tests: it answers like the analysis worker, but never
// returns for a file named hang.wav and kills its own thread for crash.wav.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';

const api = {
  async analyse(_file, fileName) {
    if (fileName === 'hang.wav') for (;;); // a decoder stuck in a loop
    if (fileName === 'crash.wav') throw Object.assign(new Error('boom'), { fatal: true });
    return { ok: true, descriptors: { duration: 1 }, peaks: new Uint8Array(1), timings: { decodeMs: 0, analyseMs: 0 } };
  },
  async decode() {
    return { ok: false, error: { code: 'decode_failed', message: 'not in this worker' } };
  },
  memory() {
    return { wasmHeapBytes: 0, jsHeapBytes: null };
  },
};
Comlink.expose(api, nodeEndpoint(parentPort));
