import type { ChatOptions, ChatProvider, ChatRequest, ChatResponse } from '../domain/ai/chat';
import type { WebLlmEngine } from './webLlm/webLlmEngine';
import type { WebLlmProvider } from './webLlm/webLlmProvider';

/**
 * The in-browser model as the app holds it: nothing of web-llm loads until the user opens the
 * local-AI settings or has enabled it; `ready` says whether it can answer now (WebGPU present and
 * the chosen model downloaded), which the router needs synchronously.
 */
export interface LazyLocalAi {
  readonly ready: boolean;
  /** The engine (model lifecycle), loading its chunk on first call. */
  engine(): Promise<WebLlmEngine>;
  /** A ChatProvider that loads the engine on its first request. */
  provider(): ChatProvider;
  /** Re-checks whether `model` is downloaded and runnable here, updating `ready`. */
  refresh(model: string | null): Promise<void>;
  onChange(listener: () => void): void;
}

export function createLazyLocalAi(): LazyLocalAi {
  let loading: Promise<{ WebLlmProvider: typeof WebLlmProvider; engine: WebLlmEngine }> | undefined;
  let ready = false;
  const listeners = new Set<() => void>();
  const load = () =>
    (loading ??= Promise.all([import('./webLlm/webLlmProvider'), import('./webLlm/webLlmEngine')]).then(([provider, engine]) => ({
      WebLlmProvider: provider.WebLlmProvider,
      engine: engine.sharedWebLlmEngine(),
    })));
  const setReady = (value: boolean): void => {
    if (value === ready) return;
    ready = value;
    for (const listener of listeners) listener();
  };
  return {
    get ready() {
      return ready;
    },
    engine: async () => (await load()).engine,
    provider: () => ({
      id: 'webllm',
      async chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResponse> {
        const module = await load();
        return new module.WebLlmProvider(module.engine).chat(request, options);
      },
    }),
    async refresh(model) {
      if (!model) return setReady(false);
      const { engine } = await load();
      const support = await engine.support();
      setReady(support.supported && ['installed', 'loading', 'ready'].includes(await engine.status(model)));
    },
    onChange: (listener) => void listeners.add(listener),
  };
}
