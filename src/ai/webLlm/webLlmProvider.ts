/**
 * The in-browser model behind the shared ChatProvider interface. The request becomes web-llm's
 * OpenAI-style streaming call; tools go through the JSON prompt protocol (src/domain/ai/
 * toolProtocol.ts), because web-llm's native function calling (Hermes 7-8B models only) forbids a
 * system message of our own and forces every reply into a tool call.
 *
 * Streaming: plain and structured answers stream as they come, as do answers with toolChoice
 * 'none' (the tools are then not offered: see usesToolProtocol). While tools are offered nothing
 * streams as the model writes its JSON; the answer text is passed to onText once, after it is parsed.
 */
import { estimateTokens, type ChatOptions, type ChatProvider, type ChatRequest, type ChatResponse } from '../../domain/ai/chat';
import { buildPromptMessages, parseToolReply, responseFormatFor, usesToolProtocol } from '../../domain/ai/toolProtocol';
import { SampleMindError } from '../../domain/errors';
import type { WebLlmChatEngine, WebLlmChatParams } from './runtime';
import { cancelledError, engineBroken, toWebLlmError } from './webLlmErrors';
import { sharedWebLlmEngine, type WebLlmEngine } from './webLlmEngine';

/** The idle limit while generating when the caller sets none: no new token for this long is a stuck engine. */
export const DEFAULT_LOCAL_TIMEOUT_MS = 60_000;
/** How long an interrupted generation may take to stop before its worker is ended. */
const STOP_GRACE_MS = 3_000;

export interface WebLlmProviderOptions {
  /** Ids for tool calls (the protocol has none of its own). */
  newCallId?: () => string;
}

export class WebLlmProvider implements ChatProvider {
  readonly id = 'webllm' as const;
  private readonly newCallId: (() => string) | undefined;

  constructor(
    private readonly engine: WebLlmEngine = sharedWebLlmEngine(),
    options: WebLlmProviderOptions = {},
  ) {
    this.newCallId =
      options.newCallId ??
      (typeof globalThis.crypto?.randomUUID === 'function' ? () => `call_${globalThis.crypto.randomUUID()}` : undefined);
  }

  async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResponse> {
    const { signal } = options;
    if (signal?.aborted) throw cancelledError();
    const messages = buildPromptMessages(request);
    const protocol = usesToolProtocol(request);
    const responseFormat = responseFormatFor(request);
    const params: WebLlmChatParams = {
      messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(responseFormat ? { response_format: responseFormat } : {}),
    };
    return this.engine.run(request.model, signal, async (engine, id) => {
      // Nothing goes over a network: the log still shows what the model was given.
      options.onSend?.({ url: `webllm:${id}`, body: JSON.stringify(params) });
      const raw = await this.generate(engine, id, params, options, protocol ? undefined : options.onText);
      const { text, toolCalls } = protocol
        ? parseToolReply(raw.text, request.tools ?? [], this.newCallId)
        : { text: raw.text, toolCalls: [] };
      if (protocol && text !== '') options.onText?.(text);
      const promptText = messages.map((message) => message.content).join('\n');
      return {
        text,
        toolCalls,
        usage: raw.usage ?? { inputTokens: estimateTokens(promptText), outputTokens: estimateTokens(raw.text), estimated: true },
        finishReason: toolCalls.length > 0 ? 'tool_calls' : raw.finishReason,
        model: id,
      };
    });
  }

  /** Streams one completion; cancelling or an idle timeout interrupts it, and a generation that will not stop loses its worker. */
  private async generate(
    engine: WebLlmChatEngine,
    model: string,
    params: WebLlmChatParams,
    options: ChatOptions,
    onText: ((delta: string) => void) | undefined,
  ): Promise<{ text: string; finishReason: string; usage?: ChatResponse['usage'] }> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOCAL_TIMEOUT_MS;
    let stopped: 'cancelled' | 'timeout' | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    let giveUp: (error: SampleMindError) => void = () => undefined;
    const stuck = new Promise<never>((_, reject) => (giveUp = reject));
    const stopError = (): SampleMindError =>
      stopped === 'timeout'
        ? new SampleMindError('ai_timeout', `The local model wrote nothing for ${Math.round(timeoutMs / 1000)} s and was stopped.`)
        : cancelledError();
    const stop = (why: 'cancelled' | 'timeout'): void => {
      if (stopped) return;
      stopped = why;
      engine.interruptGenerate();
      graceTimer = setTimeout(() => {
        this.engine.discard();
        giveUp(stopError());
      }, STOP_GRACE_MS);
    };
    const restartIdle = (): void => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => stop('timeout'), timeoutMs);
    };
    const onAbort = (): void => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    restartIdle();

    const consume = async (): Promise<{ text: string; finishReason: string; usage?: ChatResponse['usage'] }> => {
      let text = '';
      let finishReason = 'stop';
      let usage: ChatResponse['usage'] | undefined;
      for await (const chunk of await engine.chat.completions.create(params)) {
        restartIdle();
        const choice = chunk.choices[0];
        const delta = choice?.delta.content ?? '';
        if (delta !== '') {
          text += delta;
          onText?.(delta);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens, estimated: false };
      }
      return { text, finishReason, ...(usage ? { usage } : {}) };
    };

    try {
      const result = await Promise.race([consume(), stuck]);
      if (stopped) throw stopError();
      return result;
    } catch (error) {
      if (stopped) throw stopError();
      // A lost device leaves a dead engine behind: the next request starts a fresh one.
      if (engineBroken(error)) this.engine.discard();
      throw toWebLlmError(error, { model, hosts: [], phase: 'chat', installed: true, online: true });
    } finally {
      clearTimeout(idleTimer);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}
