/**
 * The in-browser models (WebLLM prebuilt ids) the user can pick for local AI. Small instruct
 * models that follow JSON instructions well enough for tagging and tool use. Ids, VRAM and the
 * context window are copied from @mlc-ai/web-llm 0.2.86's prebuiltAppConfig (a unit test checks
 * them against it); download sizes are estimates (see `downloadMB`).
 */

export interface WebLlmModelInfo {
  /** WebLLM's model_id. */
  id: string;
  /** One model in two builds (f16 and f32 weights' scales) shares a family. */
  family: string;
  label: string;
  /** What the user downloads, approximately: parameters × 4.5 bits (q4f16_1) or × 5 bits (q4f32_1), plus tokenizer and WASM. */
  downloadMB: number;
  /** Graphics memory needed while loaded (prebuiltAppConfig's vram_required_MB). */
  vramMB: number;
  /** The q4f16 builds need the WebGPU `shader-f16` feature (web-llm's own records do not always say so). */
  needsF16: boolean;
  /** In web-llm's functionCallingModelIds (native tools); otherwise tools go through the prompt protocol. */
  nativeTools: boolean;
  /** Context window in tokens, prompt and answer together. */
  contextTokens: number;
}

export const DEFAULT_WEBLLM_MODEL = 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC';

export const WEBLLM_MODELS: readonly WebLlmModelInfo[] = [
  model('qwen2.5-1.5b', 'Qwen 2.5 1.5B (recommended)', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 880, 1630),
  model('qwen2.5-1.5b', 'Qwen 2.5 1.5B (recommended)', 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC', 980, 1889),
  model('llama-3.2-1b', 'Llama 3.2 1B (smallest, fastest)', 'Llama-3.2-1B-Instruct-q4f16_1-MLC', 710, 879),
  model('llama-3.2-1b', 'Llama 3.2 1B (smallest, fastest)', 'Llama-3.2-1B-Instruct-q4f32_1-MLC', 790, 1129),
  model('qwen2.5-3b', 'Qwen 2.5 3B (better answers, slower)', 'Qwen2.5-3B-Instruct-q4f16_1-MLC', 1750, 2505),
  model('qwen2.5-3b', 'Qwen 2.5 3B (better answers, slower)', 'Qwen2.5-3B-Instruct-q4f32_1-MLC', 1950, 2894),
  model('llama-3.2-3b', 'Llama 3.2 3B (better answers, slower)', 'Llama-3.2-3B-Instruct-q4f16_1-MLC', 1820, 2264),
  model('llama-3.2-3b', 'Llama 3.2 3B (better answers, slower)', 'Llama-3.2-3B-Instruct-q4f32_1-MLC', 2020, 2952),
];

function model(family: string, label: string, id: string, downloadMB: number, vramMB: number): WebLlmModelInfo {
  return { id, family, label, downloadMB, vramMB, needsF16: needsShaderF16(id), nativeTools: false, contextTokens: 4096 };
}

/** MLC's quantisation names say the precision: q4f16_1, q0f16 need half-precision shaders. */
export function needsShaderF16(modelId: string): boolean {
  return /-q\df16(_\d)?-/.test(modelId);
}

export function webLlmModel(id: string): WebLlmModelInfo | undefined {
  return WEBLLM_MODELS.find((entry) => entry.id === id);
}

/** One build per family for this graphics card: the smaller, faster f16 build where the card has shader-f16, else f32. */
export function webLlmModelsFor(f16: boolean): WebLlmModelInfo[] {
  return WEBLLM_MODELS.filter((entry) => entry.needsF16 === f16);
}

export type ModelChoice = { ok: true; id: string } | { ok: false; reason: string };

/**
 * The build to run for `id` on this card: an f16 build becomes its family's f32 twin where the
 * card lacks shader-f16 (same model, larger download); an id with no twin is refused with a reason.
 */
export function modelForDevice(id: string, f16: boolean): ModelChoice {
  if (f16 || !needsShaderF16(id)) return { ok: true, id };
  const family = webLlmModel(id)?.family;
  const twin = WEBLLM_MODELS.find((entry) => entry.family === family && !entry.needsF16);
  if (family !== undefined && twin) return { ok: true, id: twin.id };
  return {
    ok: false,
    reason: `${id} needs half-precision (f16) shaders, which this graphics card or browser does not offer. Pick one of the f32 models instead.`,
  };
}

export function formatMegabytes(mb: number): string {
  return mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}
