import { functionCallingModelIds, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { detectWebLlmSupport, NO_WEBGPU_REASON, type GpuAdapterLike } from '../../src/ai/webLlm/capability';
import { providerInfo } from '../../src/domain/ai/providerCatalogue';
import { DEFAULT_WEBLLM_MODEL, modelForDevice, needsShaderF16, WEBLLM_MODELS, webLlmModelsFor } from '../../src/domain/ai/webLlmModels';

const adapter = (features: string[], extra: Partial<GpuAdapterLike> = {}): GpuAdapterLike => ({ features: new Set(features), ...extra });
const gpuNav = (requestAdapter: () => Promise<GpuAdapterLike | null>) => ({ gpu: { requestAdapter } });

describe('WebGPU detection', () => {
  it('refuses without navigator.gpu, naming the alternatives', async () => {
    for (const nav of [undefined, {}]) {
      const result = await detectWebLlmSupport(nav);
      expect(result).toEqual({ supported: false, code: 'no_webgpu', reason: NO_WEBGPU_REASON });
    }
    expect(NO_WEBGPU_REASON).toMatch(/Chrome or Edge.*113.*Ollama.*cloud provider/);
  });

  it('refuses when requestAdapter() gives null, throws, or is a software fallback', async () => {
    const none = await detectWebLlmSupport(gpuNav(async () => null));
    expect(none.supported).toBe(false);
    const thrown = await detectWebLlmSupport(gpuNav(() => Promise.reject(new Error('GPU process crashed'))));
    expect(thrown).toMatchObject({ supported: false, code: 'no_webgpu' });
    expect(!thrown.supported && thrown.reason).toContain('GPU process crashed');
    const fallback = await detectWebLlmSupport(gpuNav(async () => adapter(['shader-f16'], { info: { isFallbackAdapter: true } })));
    expect(!fallback.supported && fallback.reason).toMatch(/software stand-in/);
  });

  it('reports shader-f16, asking for the high-performance adapter web-llm uses', async () => {
    const asked: unknown[] = [];
    const nav = { gpu: { requestAdapter: async (options?: unknown) => (asked.push(options), adapter(['shader-f16', 'subgroups'])) } };
    expect(await detectWebLlmSupport(nav)).toEqual({ supported: true, f16: true });
    expect(asked).toEqual([{ powerPreference: 'high-performance' }]);
    expect(await detectWebLlmSupport(gpuNav(async () => adapter([])))).toEqual({ supported: true, f16: false });
  });
});

describe('WebLLM model catalogue', () => {
  const records = new Map(prebuiltAppConfig.model_list.map((record) => [record.model_id, record]));

  it("uses only ids from web-llm 0.2.86's prebuiltAppConfig, with its VRAM, context window and function-calling list", () => {
    expect(WEBLLM_MODELS.length).toBeGreaterThanOrEqual(6);
    for (const model of WEBLLM_MODELS) {
      const record = records.get(model.id);
      expect(record, model.id).toBeDefined();
      expect(Math.abs(model.vramMB - record!.vram_required_MB!), model.id).toBeLessThanOrEqual(1);
      expect(model.contextTokens).toBe(record!.overrides?.context_window_size);
      expect(model.nativeTools).toBe(functionCallingModelIds.includes(model.id));
      expect(model.downloadMB, model.id).toBeLessThan(model.vramMB);
    }
  });

  it('marks f16 builds as needing shader-f16 (at least wherever web-llm says so) and pairs each with an f32 twin', () => {
    for (const record of prebuiltAppConfig.model_list) {
      if (record.required_features?.includes('shader-f16')) expect(needsShaderF16(record.model_id), record.model_id).toBe(true);
    }
    expect(needsShaderF16('Qwen2.5-1.5B-Instruct-q4f16_1-MLC')).toBe(true);
    expect(needsShaderF16('Qwen2.5-1.5B-Instruct-q4f32_1-MLC')).toBe(false);
    const f16 = webLlmModelsFor(true);
    const f32 = webLlmModelsFor(false);
    expect(f16.every((m) => m.needsF16) && f32.every((m) => !m.needsF16)).toBe(true);
    expect(f16.map((m) => m.family)).toEqual(f32.map((m) => m.family));
    expect(modelForDevice(DEFAULT_WEBLLM_MODEL, false)).toEqual({ ok: true, id: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC' });
    expect(modelForDevice(DEFAULT_WEBLLM_MODEL, true)).toEqual({ ok: true, id: DEFAULT_WEBLLM_MODEL });
    expect(modelForDevice('gemma-2-2b-it-q4f16_1-MLC', false).ok).toBe(false);
  });

  it("contains the provider catalogue's default model", () => {
    expect(providerInfo('webllm').defaultModel).toBe(DEFAULT_WEBLLM_MODEL);
    expect(WEBLLM_MODELS.some((m) => m.id === DEFAULT_WEBLLM_MODEL)).toBe(true);
  });
});
