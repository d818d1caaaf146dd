import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { NO_WEBGPU_REASON, type WebLlmSupport } from '../../src/ai/webLlm/capability';
import type { WebLlmChatEngine, WebLlmChatParams, WebLlmChunk, WebLlmProgress, WebLlmRuntime } from '../../src/ai/webLlm/runtime';
import { WebLlmEngine } from '../../src/ai/webLlm/webLlmEngine';
import { toWebLlmError } from '../../src/ai/webLlm/webLlmErrors';
import { WebLlmProvider } from '../../src/ai/webLlm/webLlmProvider';
import type { ChatRequest } from '../../src/domain/ai/chat';
import { DEFAULT_WEBLLM_MODEL } from '../../src/domain/ai/webLlmModels';
import { SampleMindError } from '../../src/domain/errors';
import { TOOLS } from '../support/webLlmFakes';

async function rejection(promise: Promise<unknown>): Promise<SampleMindError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SampleMindError)) throw new Error(`expected a SampleMindError, got ${String(error)}`);
  return error;
}

/** A fake web-llm: records what it was asked, streams scripted chunks, honours interruptGenerate. */
function fakeRuntime(
  options: { cached?: string[]; reply?: string[]; usage?: boolean; loadError?: unknown; hangLoad?: boolean; hangStream?: boolean } = {},
) {
  const cached = new Set(options.cached ?? [DEFAULT_WEBLLM_MODEL, 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC']);
  const log = {
    loads: [] as string[],
    terminated: [] as string[],
    deleted: [] as string[],
    requests: [] as WebLlmChatParams[],
    interrupts: 0,
  };
  const runtime: WebLlmRuntime = {
    hasModelInCache: async (model) => cached.has(model),
    deleteModel: async (model) => void (log.deleted.push(model), cached.delete(model)),
    knows: (model) => prebuiltAppConfig.model_list.some((r) => r.model_id === model),
    hosts: () => ['huggingface.co', 'raw.githubusercontent.com'],
    load(model, onProgress) {
      log.loads.push(model);
      let interrupted = false;
      const engine: WebLlmChatEngine = {
        interruptGenerate: () => void (log.interrupts++, (interrupted = true)),
        chat: {
          completions: {
            async create(params) {
              log.requests.push(params);
              interrupted = false;
              return (async function* (): AsyncGenerator<WebLlmChunk> {
                for (const piece of options.reply ?? ['Hello', ' there']) {
                  if (options.hangStream) await new Promise((r) => setTimeout(r, 20));
                  if (interrupted) return yield { choices: [{ delta: {}, finish_reason: 'abort' }] };
                  yield { choices: [{ delta: { content: piece }, finish_reason: null }] };
                }
                yield { choices: [{ delta: {}, finish_reason: 'stop' }] };
                if (options.usage !== false) yield { choices: [], usage: { prompt_tokens: 12, completion_tokens: 3 } };
              })();
            },
          },
        },
      };
      onProgress({ fraction: 0.5, text: 'Fetching param cache[1/2]' });
      onProgress({ fraction: 1.2, text: 'odd' });
      const ready = options.hangLoad
        ? new Promise<WebLlmChatEngine>(() => undefined)
        : options.loadError !== undefined
          ? Promise.reject(options.loadError)
          : Promise.resolve(engine);
      return { engine: ready, terminate: () => void log.terminated.push(model) };
    },
  };
  return { runtime, log };
}

const ok = async (): Promise<WebLlmSupport> => ({ supported: true, f16: true });
const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: DEFAULT_WEBLLM_MODEL,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

describe('WebLlmProvider and engine', () => {
  it("refuses with 'no_webgpu' before web-llm is even loaded when detection fails", async () => {
    let runtimeAsked = false;
    const engine = new WebLlmEngine({
      detect: async () => ({ supported: false, code: 'no_webgpu', reason: NO_WEBGPU_REASON }),
      runtime: async () => ((runtimeAsked = true), fakeRuntime().runtime),
    });
    const provider = new WebLlmProvider(engine);
    expect(provider.id).toBe('webllm');
    const chat = await rejection(provider.chat(request()));
    expect([chat.code, chat.message]).toEqual(['no_webgpu', NO_WEBGPU_REASON]);
    expect((await rejection(engine.install(DEFAULT_WEBLLM_MODEL))).code).toBe('no_webgpu');
    expect(runtimeAsked).toBe(false);
  });

  it('streams the answer, reports usage and reuses the loaded engine', async () => {
    const { runtime, log } = fakeRuntime();
    const provider = new WebLlmProvider(new WebLlmEngine({ detect: ok, runtime, storage: null }));
    const deltas: string[] = [];
    const sent: string[] = [];
    const response = await provider.chat(request({ maxTokens: 64, temperature: 0.2 }), {
      onText: (d) => deltas.push(d),
      onSend: (s) => sent.push(s.url),
    });
    expect(response).toEqual({
      text: 'Hello there',
      toolCalls: [],
      usage: { inputTokens: 12, outputTokens: 3, estimated: false },
      finishReason: 'stop',
      model: DEFAULT_WEBLLM_MODEL,
    });
    expect(deltas).toEqual(['Hello', ' there']);
    expect(sent).toEqual([`webllm:${DEFAULT_WEBLLM_MODEL}`]);
    expect(log.requests[0]).toEqual({
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
      temperature: 0.2,
    });
    await provider.chat(request());
    expect(log.loads).toEqual([DEFAULT_WEBLLM_MODEL]);
  });

  it('turns a protocol reply into tool calls without streaming the JSON, and estimates missing usage', async () => {
    const { runtime, log } = fakeRuntime({
      reply: ['{"tool_calls":[{"name":"search_samples",', '"arguments":{"query":"kick"}}]}'],
      usage: false,
    });
    const provider = new WebLlmProvider(new WebLlmEngine({ detect: ok, runtime, storage: null }), { newCallId: () => 'call_1' });
    const deltas: string[] = [];
    const response = await provider.chat(request({ tools: TOOLS }), { onText: (d) => deltas.push(d) });
    expect(response.toolCalls).toEqual([{ id: 'call_1', name: 'search_samples', arguments: '{"query":"kick"}' }]);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage.estimated).toBe(true);
    expect(deltas).toEqual([]);
    expect(log.requests[0]!.response_format?.type).toBe('json_object');
    expect(log.requests[0]!.messages[0]!.role).toBe('system');
  });

  it("streams a plain answer with toolChoice 'none', with no grammar and no tool calls parsed", async () => {
    const { runtime, log } = fakeRuntime({ reply: ['Three', ' kicks.'] });
    const provider = new WebLlmProvider(new WebLlmEngine({ detect: ok, runtime, storage: null }));
    const deltas: string[] = [];
    const response = await provider.chat(request({ tools: TOOLS, toolChoice: 'none' }), { onText: (d) => deltas.push(d) });
    expect([response.text, response.toolCalls, response.finishReason]).toEqual(['Three kicks.', [], 'stop']);
    expect(deltas).toEqual(['Three', ' kicks.']);
    expect(log.requests[0]!.response_format).toBeUndefined();
    expect(log.requests[0]!.messages[0]!.content).not.toContain('tool_calls');
  });

  it('runs the f32 twin on a card without shader-f16, and refuses a model that is not downloaded without downloading it', async () => {
    const { runtime, log } = fakeRuntime();
    const provider = new WebLlmProvider(
      new WebLlmEngine({ detect: async () => ({ supported: true, f16: false }), runtime, storage: null }),
    );
    expect((await provider.chat(request())).model).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
    const missing = await rejection(provider.chat(request({ model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' })));
    expect(missing.code).toBe('model_missing');
    expect(log.loads).toEqual(['Qwen2.5-1.5B-Instruct-q4f32_1-MLC']);
    const offline = new WebLlmProvider(new WebLlmEngine({ detect: ok, runtime, online: () => false, storage: null }));
    expect((await rejection(offline.chat(request({ model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC' })))).message).toMatch(/offline/);
  });

  it("wraps the worker's string rejections: 'model_failed', or 'model_unreachable' naming the host for a failed download", async () => {
    const failed = new WebLlmEngine({
      detect: ok,
      runtime: fakeRuntime({ loadError: 'Error: Cannot compile shader' }).runtime,
      storage: null,
    });
    const error = await rejection(new WebLlmProvider(failed).chat(request()));
    expect(error.code).toBe('model_failed');
    expect(error.message).toContain('Error: Cannot compile shader');
    const network = fakeRuntime({ cached: [], loadError: 'TypeError: Failed to fetch' });
    const engine = new WebLlmEngine({ detect: ok, runtime: network.runtime, storage: null });
    const unreachable = await rejection(engine.install(DEFAULT_WEBLLM_MODEL));
    expect(unreachable.code).toBe('model_unreachable');
    expect(unreachable.message).toContain('huggingface.co');
    expect(network.log.terminated).toEqual([DEFAULT_WEBLLM_MODEL]);
    const oom = toWebLlmError('Error: The WebGPU device was lost while loading the model.', {
      model: 'm',
      hosts: [],
      phase: 'load',
      installed: true,
      online: true,
    });
    expect([oom.code, /ran out of memory/.test(oom.message)]).toEqual(['model_failed', true]);
  });

  it('installs with progress (clamped to 0..1), refuses offline or without space, and cancels a load by ending its worker', async () => {
    const { runtime, log } = fakeRuntime({ cached: [] });
    const progress: WebLlmProgress[] = [];
    const engine = new WebLlmEngine({ detect: ok, runtime, storage: null });
    expect(await engine.install(DEFAULT_WEBLLM_MODEL, (p) => progress.push(p))).toBe(DEFAULT_WEBLLM_MODEL);
    expect(progress.map((p) => p.fraction)).toEqual([0.5, 1, 1]);
    expect(await engine.status(DEFAULT_WEBLLM_MODEL)).toBe('ready');

    const offline = new WebLlmEngine({ detect: ok, runtime, online: () => false, storage: null });
    expect((await rejection(offline.install('Llama-3.2-1B-Instruct-q4f16_1-MLC'))).code).toBe('model_unreachable');
    const full = new WebLlmEngine({ detect: ok, runtime, storage: { estimate: async () => ({ quota: 500e6, usage: 100e6 }) } });
    expect((await rejection(full.install('Llama-3.2-1B-Instruct-q4f16_1-MLC'))).code).toBe('model_storage');

    const hanging = fakeRuntime({ cached: [], hangLoad: true });
    const slow = new WebLlmEngine({ detect: ok, runtime: hanging.runtime, storage: null });
    const controller = new AbortController();
    const pending = slow.install(DEFAULT_WEBLLM_MODEL, undefined, controller.signal);
    await new Promise((r) => setTimeout(r, 5));
    expect(await slow.status(DEFAULT_WEBLLM_MODEL)).toBe('loading');
    controller.abort();
    expect((await rejection(pending)).code).toBe('cancelled');
    expect(hanging.log.terminated).toEqual([DEFAULT_WEBLLM_MODEL]);
    expect(log.loads).toEqual([DEFAULT_WEBLLM_MODEL]);
  });

  it('interrupts a generation on abort, and deletes a model after unloading it', async () => {
    const { runtime, log } = fakeRuntime({ reply: ['a', 'b', 'c', 'd', 'e'], hangStream: true });
    const engine = new WebLlmEngine({ detect: ok, runtime, storage: null });
    const provider = new WebLlmProvider(engine);
    const controller = new AbortController();
    const pending = provider.chat(request(), { signal: controller.signal, onText: () => controller.abort() });
    expect((await rejection(pending)).code).toBe('cancelled');
    expect(log.interrupts).toBe(1);

    const { models } = await engine.listModels();
    expect(models.find((m) => m.id === DEFAULT_WEBLLM_MODEL)).toMatchObject({ status: 'ready', usable: true });
    expect(models.find((m) => m.id === 'Llama-3.2-1B-Instruct-q4f16_1-MLC')?.status).toBe('not_installed');
    await engine.remove(DEFAULT_WEBLLM_MODEL);
    expect(log.terminated).toEqual([DEFAULT_WEBLLM_MODEL]);
    expect(log.deleted).toEqual([DEFAULT_WEBLLM_MODEL]);
    expect(await engine.status(DEFAULT_WEBLLM_MODEL)).toBe('not_installed');
  });
});
