/**
 * The files the CLAP model (Xenova/clap-htsat-unfused, the layout transformers.js 4.3 expects)
 * is made of, where they come from and where they are kept. Pure data and path logic.
 */

export type ClapFileKind = 'json' | 'onnx';

export interface ClapModelFile {
  /** Path inside the model folder, e.g. "onnx/text_model_quantized.onnx". */
  path: string;
  kind: ClapFileKind;
  /** Approximate size for the settings screen before any request is made. */
  estimatedBytes: number;
  /** Exact size, when the manifest knows it (checked after download). */
  bytes?: number;
  /** Lower-case hex SHA-256, when the manifest knows it (checked after download). */
  sha256?: string;
  /** ONNX graphs only: inputs and outputs the graph must declare. */
  inputs?: readonly string[];
  outputs?: readonly string[];
}

export interface ClapManifest {
  id: string;
  files: readonly ClapModelFile[];
}

/**
 * Sizes are estimates (RoBERTa-base and HTSAT-tiny at 8 bits, RoBERTa's byte-level BPE
 * tokenizer); the settings screen asks the host for exact sizes before downloading.
 */
export const CLAP_MANIFEST: ClapManifest = {
  id: 'Xenova/clap-htsat-unfused',
  files: [
    { path: 'config.json', kind: 'json', estimatedBytes: 9_000 },
    { path: 'preprocessor_config.json', kind: 'json', estimatedBytes: 1_000 },
    { path: 'tokenizer.json', kind: 'json', estimatedBytes: 2_100_000 },
    { path: 'tokenizer_config.json', kind: 'json', estimatedBytes: 1_000 },
    {
      path: 'onnx/text_model_quantized.onnx',
      kind: 'onnx',
      estimatedBytes: 126_000_000,
      inputs: ['input_ids', 'attention_mask'],
      outputs: ['text_embeds'],
    },
    {
      path: 'onnx/audio_model_quantized.onnx',
      kind: 'onnx',
      estimatedBytes: 33_000_000,
      inputs: ['input_features'],
      outputs: ['audio_embeds'],
    },
  ],
};

/** The Hugging Face hub (unreachable on the build machines; tests point the host at a local server). */
export const DEFAULT_CLAP_HOST = 'https://huggingface.co/Xenova/clap-htsat-unfused/resolve/main/';

/** The Cache Storage cache that holds the model, whatever host or folder it came from. */
export const CLAP_CACHE_NAME = 'samplemind-clap-v1';

/** Same-origin path under which the files are keyed in the cache (never fetched from the network). */
export const CLAP_CACHE_PREFIX = '/samplemind-clap/';

/** The model id the worker hands transformers.js (files are then read from the cache by path). */
export const CLAP_MODEL_ID = 'samplemind-clap';

/** A host URL with exactly one trailing slash, or an error message for one the user mistyped. */
export function normaliseHost(host: string): { ok: true; host: string } | { ok: false; message: string } {
  const trimmed = host.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `“${trimmed}” is not a web address (it should start with https://).` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'The model host must be an http(s) address.' };
  return { ok: true, host: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

export function fileUrl(host: string, path: string): string {
  return new URL(path, host.endsWith('/') ? host : `${host}/`).href;
}

/** The cache key of a model file: a same-origin URL, independent of the host it came from. */
export function cacheKey(origin: string, path: string): string {
  return new URL(`${CLAP_CACHE_PREFIX}${path}`, origin).href;
}

/** The model file a path inside the worker's model root names, e.g. "/x/samplemind-clap/config.json" -> "config.json". */
export function modelPathOf(urlOrPath: string, manifest: ClapManifest = CLAP_MANIFEST): string | undefined {
  const clean = urlOrPath.split(/[?#]/)[0]!;
  return manifest.files.find((f) => clean === f.path || clean.endsWith(`/${f.path}`))?.path;
}

export function estimatedTotal(manifest: ClapManifest = CLAP_MANIFEST): number {
  return manifest.files.reduce((sum, f) => sum + (f.bytes ?? f.estimatedBytes), 0);
}

/** "160 MB", "3.2 MB", "12 KB": sizes in words for the settings screen (decimal units, like a download). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e7) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

export interface FolderEntry {
  /** Path relative to the folder the user picked, e.g. "clap-htsat-unfused/onnx/text_model_quantized.onnx". */
  relativePath: string;
}

/**
 * Matches the files of a picked folder to the manifest: a file counts when its relative path is
 * the model path or ends with "/" + it (the folder may be the model folder or one above it). The
 * shortest match wins, so a stray copy deeper down does not replace the real one.
 */
export function matchFolder<T extends FolderEntry>(
  entries: readonly T[],
  manifest: ClapManifest = CLAP_MANIFEST,
): { found: Map<string, T>; missing: string[] } {
  const found = new Map<string, T>();
  for (const file of manifest.files) {
    let best: T | undefined;
    for (const entry of entries) {
      const rel = entry.relativePath.replace(/\\/g, '/').replace(/^\/+/, '');
      if (rel !== file.path && !rel.endsWith(`/${file.path}`)) continue;
      if (!best || rel.length < best.relativePath.length) best = entry;
    }
    if (best) found.set(file.path, best);
  }
  return { found, missing: manifest.files.filter((f) => !found.has(f.path)).map((f) => f.path) };
}

/** The CLAP worker's runtime (onnxruntime-web 1.30's WebGPU-capable WASM build), fetched from our own origin with the model. */
export const CLAP_RUNTIME_BYTES = 26_781_914;
/** Its file name in onnxruntime-web: a model folder may carry it, for an install with no network at all. */
export const CLAP_RUNTIME_FILE = 'ort-wasm-simd-threaded.asyncify.wasm';
/** The service worker's cache for it (vite.config.ts, runtimeCaching), where a folder's copy is put too. */
export const CLAP_RUNTIME_CACHE = 'onnxruntime-webgpu';
/** The onnxruntime-web release whose build that is (named in messages about a wrong file). */
export const CLAP_RUNTIME_RELEASE = 'onnxruntime-web 1.30';

/** The runtime among a picked folder's files (nearest the top), if the user put it there. */
export function findRuntime<T extends FolderEntry>(entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    const rel = entry.relativePath.replace(/\\/g, '/');
    if (rel.split('/').pop() !== CLAP_RUNTIME_FILE) continue;
    if (!best || rel.length < best.relativePath.length) best = entry;
  }
  return best;
}
