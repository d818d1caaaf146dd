import * as Comlink from 'comlink';
import { toErrorInfo } from '../../src/domain/errors';
import type { AnalysisWorkerApi } from '../contracts';
import { analyseSample } from './analyseSample';
import { decodeAudio } from './decode';
import type { Classifier } from './classifier';
import type { EssentiaApi } from './essentia';

export interface WorkerEnvironment {
  loadEssentia(): Promise<EssentiaApi>;
  loadClassifier(): Promise<Classifier>;
  wasmHeapBytes(): number;
}

/** The analysis worker's API, the same in a browser Worker and a Node worker thread. */
export function createAnalysisWorkerApi(env: WorkerEnvironment): AnalysisWorkerApi {
  return {
    async analyse(file, fileName) {
      const [bytes, essentia, classifier] = await Promise.all([file.arrayBuffer(), env.loadEssentia(), env.loadClassifier()]);
      const outcome = await analyseSample(new Uint8Array(bytes), fileName, { essentia, classifier });
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
      return { wasmHeapBytes: env.wasmHeapBytes(), jsHeapBytes: memory?.usedJSHeapSize ?? null };
    },
  };
}
