import { hasWebGpuAdapter } from '../webGpu';
import { CLAP_MODEL_ID } from '../../src/domain/clap/manifest';
import {
  CLAP_SAMPLE_RATE,
  normaliseRows,
  resample,
  ZERO_SHOT_TEMPLATE,
  zeroShotScores,
  type ScoredLabel,
} from '../../src/domain/clap/vectors';
import { SampleMindError } from '../../src/domain/errors';
import type { ClapLoadInfo, ClapSource } from './contracts';
import { missingFiles, modelFetch } from './modelFiles';

/** Where transformers.js thinks local models live; requests below it are answered by modelFetch. */
const MODEL_ROOT = '/samplemind-clap-models/';

interface EmbedsTensor {
  dims: number[];
  data: Float32Array;
}
type Callable = (inputs: object) => Promise<Record<string, EmbedsTensor>>;
interface Clap {
  tokenizer: (texts: string[], options: { padding: boolean; truncation: boolean }) => object;
  features: (audio: Float32Array) => Promise<object>;
  text: Callable;
  audio: Callable;
  info: ClapLoadInfo;
}

/** transformers.js errors in words, with a code: a missing file, a model that will not load, anything else. */
function toClapError(error: unknown): SampleMindError {
  if (error instanceof SampleMindError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const missing = /not found locally at "([^"]+)"/.exec(message);
  if (missing) return new SampleMindError('model_missing', `The model file ${missing[1]!.split(`${CLAP_MODEL_ID}/`).pop()} is missing.`);
  if (/protobuf|parse|load model|Can't create a session|invalid model/i.test(message)) {
    return new SampleMindError('model_corrupt', `The model could not be opened (${message}). Download it again, or load it from a folder.`);
  }
  return new SampleMindError('model_failed', `The sound-search model failed: ${message}`, { cause: error });
}

async function loadWith(source: ClapSource, device: 'webgpu' | 'wasm'): Promise<Omit<Clap, 'info'>> {
  const hf = await import('@huggingface/transformers');
  const { env } = hf;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODEL_ROOT;
  env.useBrowserCache = false;
  env.useCustomCache = false;
  env.useWasmCache = false;
  env.fetch = modelFetch(source);
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    // transformers.js points the runtime's WASM at a CDN; without a path onnxruntime-web loads the
    // copy the build emitted next to this worker, from our own origin (cached by the service worker).
    delete wasm.wasmPaths;
    wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    wasm.proxy = false;
  }
  const options = { device, dtype: 'q8' as const, local_files_only: true };
  const [tokenizer, extractor, text, audio] = await Promise.all([
    hf.AutoTokenizer.from_pretrained(CLAP_MODEL_ID, { local_files_only: true }),
    hf.AutoFeatureExtractor.from_pretrained(CLAP_MODEL_ID, { local_files_only: true }),
    hf.ClapTextModelWithProjection.from_pretrained(CLAP_MODEL_ID, options),
    hf.ClapAudioModelWithProjection.from_pretrained(CLAP_MODEL_ID, options),
  ]);
  return {
    // The library's call signatures are loose (any); these are the shapes CLAP's classes take and give.
    tokenizer: (texts, opts) => (tokenizer as unknown as Clap['tokenizer'])(texts, opts),
    features: (samples) => (extractor as unknown as (a: Float32Array) => Promise<object>)(samples),
    text: (inputs) => (text as unknown as Callable)(inputs),
    audio: (inputs) => (audio as unknown as Callable)(inputs),
  };
}

let loading: Promise<Clap> | undefined;

/**
 * Loads the tokenizer, feature extractor and both towers from `source` (never the network): on
 * WebGPU where the browser hands out an adapter, else (or if WebGPU fails) on WASM.
 */
export function loadClap(source: ClapSource): Promise<Clap> {
  loading = (async () => {
    const started = performance.now();
    const missing = await missingFiles(source);
    if (missing.length > 0) {
      throw new SampleMindError(
        'model_missing',
        `The model file ${missing.join(', ')} is missing. Download the model again, or load it from a folder.`,
      );
    }
    let note = 'no WebGPU adapter, using WASM';
    if (await hasWebGpuAdapter()) {
      try {
        const parts = await loadWith(source, 'webgpu');
        return { ...parts, info: { backend: 'webgpu', note: 'using WebGPU', loadMs: performance.now() - started } };
      } catch (error) {
        note = `WebGPU failed (${error instanceof Error ? error.message : String(error)}), using WASM`;
      }
    }
    try {
      const parts = await loadWith(source, 'wasm');
      return { ...parts, info: { backend: 'wasm', note, loadMs: performance.now() - started } };
    } catch (error) {
      throw toClapError(error);
    }
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

function loaded(): Promise<Clap> {
  if (!loading) return Promise.reject(new SampleMindError('model_not_ready', 'The sound-search model is not loaded yet.'));
  return loading;
}

export async function embedText(texts: string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const clap = await loaded();
  try {
    const inputs = clap.tokenizer(texts, { padding: true, truncation: true });
    const { text_embeds } = await clap.text(inputs);
    if (!text_embeds) throw new Error('the text model gave no text_embeds');
    return normaliseRows(text_embeds.data, texts.length);
  } catch (error) {
    throw toClapError(error);
  }
}

export async function embedAudio(samples: Float32Array, sampleRate: number): Promise<Float32Array> {
  const clap = await loaded();
  if (samples.length === 0) throw new SampleMindError('no_audio', 'There is no audio to describe.');
  try {
    const inputs = await clap.features(resample(samples, sampleRate, CLAP_SAMPLE_RATE));
    const { audio_embeds } = await clap.audio(inputs);
    if (!audio_embeds) throw new Error('the audio model gave no audio_embeds');
    return normaliseRows(audio_embeds.data, 1)[0]!;
  } catch (error) {
    throw toClapError(error);
  }
}

export async function zeroShotTags(audioEmbedding: Float32Array, labels: string[]): Promise<ScoredLabel[]> {
  const embeddings = await embedText(labels.map((label) => ZERO_SHOT_TEMPLATE.replace('{}', label)));
  return zeroShotScores(audioEmbedding, labels, embeddings);
}
