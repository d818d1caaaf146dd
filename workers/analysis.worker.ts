// Thin adapter: exposes the analysis pipeline to the main thread over Comlink.
import * as Comlink from 'comlink';
import { analyseSample } from './analysis/analyseSample';
import { decodeAudio } from './analysis/decode';
import { essentiaHeapBytes, loadEssentiaBrowser } from './analysis/essentiaBrowser';
import type { AnalysisWorkerApi } from './contracts';
import { toErrorInfo } from '../src/domain/errors';

const api: AnalysisWorkerApi = {
  async analyse(file, fileName) {
    const [bytes, essentia] = await Promise.all([file.arrayBuffer(), loadEssentiaBrowser()]);
    const outcome = await analyseSample(new Uint8Array(bytes), fileName, { essentia });
    return outcome.ok ? Comlink.transfer(outcome, [outcome.peaks.buffer as ArrayBuffer]) : outcome;
  },
  async decode(file, fileName) {
    try {
      const audio = await decodeAudio(new Uint8Array(await file.arrayBuffer()), fileName);
      const result = { ok: true as const, sampleRate: audio.sampleRate, channelData: audio.channelData };
      return Comlink.transfer(result, [...new Set(audio.channelData.map((c) => c.buffer as ArrayBuffer))]);
    } catch (error) {
      return { ok: false, error: toErrorInfo(error, 'decode_failed') };
    }
  },
  memory() {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return { wasmHeapBytes: essentiaHeapBytes(), jsHeapBytes: memory?.usedJSHeapSize ?? null };
  },
};

Comlink.expose(api);
