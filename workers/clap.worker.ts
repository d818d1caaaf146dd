/// <reference lib="webworker" />
import { expose } from 'comlink';
import { toErrorInfo } from '../src/domain/errors';
import type { ClapResult, ClapWorkerApi } from './clap/contracts';
import { embedAudio, embedText, loadClap, zeroShotTags } from './clap/pipeline';

async function result<T>(run: () => Promise<T>): Promise<ClapResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, 'model_failed') };
  }
}

/** The CLAP worker: transformers.js loads only here, on first use. */
const api: ClapWorkerApi = {
  load: (source) => result(async () => (await loadClap(source)).info),
  embedText: (texts) => result(() => embedText(texts)),
  embedAudio: (samples, sampleRate) => result(() => embedAudio(samples, sampleRate)),
  zeroShotTags: (embedding, labels) => result(() => zeroShotTags(embedding, labels)),
};

expose(api);
