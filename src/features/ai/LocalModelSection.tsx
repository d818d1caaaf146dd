import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { WebLlmModelEntry } from '../../ai/webLlm/webLlmEngine';
import { formatMegabytes } from '../../domain/ai/webLlmModels';
import { toErrorInfo } from '../../domain/errors';
import { ProgressBar } from '../../components/ProgressBar';
import { useAi } from './useAi';

type View =
  { state: 'checking' } | { state: 'unsupported'; reason: string } | { state: 'ready'; models: WebLlmModelEntry[]; note?: string };

/** The in-browser model: whether this browser can run one, which to use, its download (explicit, with size and progress) and removal. */
export function LocalModelSection() {
  const ai = useAi();
  const { localAi } = useServices();
  const settings = ai.settings.providers.find((p) => p.id === 'webllm')!;
  const [view, setView] = useState<View>({ state: 'checking' });
  const [progress, setProgress] = useState<{ fraction: number; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const reload = useCallback(async () => {
    const engine = await localAi.engine();
    const support = await engine.support();
    // Without WebGPU there is nothing to list: web-llm itself (6 MB) is not even loaded.
    if (!support.supported) return setView({ state: 'unsupported', reason: support.reason });
    const { models } = await engine.listModels();
    setView({ state: 'ready', models });
  }, [localAi]);
  useEffect(() => {
    // The check is asynchronous (WebGPU adapter, the model cache); its result arrives in a callback.
    // A download in progress is not cancelled when the dialog closes: only Cancel stops it.
    const check = (): Promise<void> => reload().catch((e: unknown) => setView({ state: 'unsupported', reason: toErrorInfo(e).message }));
    void check();
  }, [reload]);

  const setLocal = (patch: { enabled?: boolean; model?: string }): Promise<void> =>
    ai.saveSettings({ providers: ai.settings.providers.map((p) => (p.id === 'webllm' ? { ...p, ...patch } : p)) });

  const install = async (model: string): Promise<void> => {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress({ fraction: 0, text: 'Starting…' });
    try {
      const engine = await localAi.engine();
      const installed = await engine.install(model, setProgress, controller.signal);
      await setLocal({ enabled: true, model: installed });
      await localAi.refresh(installed);
      await reload();
    } catch (e) {
      const info = toErrorInfo(e, 'model_failed');
      setError(info.code === 'cancelled' ? 'Download cancelled. What was downloaded is kept; downloading again resumes.' : info.message);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const remove = async (model: string): Promise<void> => {
    setError(null);
    try {
      await (await localAi.engine()).remove(model);
      await localAi.refresh(settings.model);
      await reload();
    } catch (e) {
      setError(toErrorInfo(e).message);
    }
  };

  return (
    <section className="ai-section" aria-labelledby="ai-local-title">
      <h3 id="ai-local-title">In this browser (WebLLM)</h3>
      {view.state === 'checking' && <p className="ai-note">Checking for WebGPU…</p>}
      {view.state === 'unsupported' && (
        <p className="ai-note" role="status">
          {view.reason}
        </p>
      )}
      {view.state === 'ready' && (
        <>
          <p className="ai-note">
            A model runs on your graphics card; nothing you ask leaves this computer. It downloads once and then works offline.
          </p>
          <ul className="ai-providers">
            {view.models
              .filter((m) => m.usable || m.status !== 'not_installed')
              .map((model) => {
                const installed = model.status !== 'not_installed';
                const chosen = settings.model === model.id;
                return (
                  <li key={model.id} className="ai-provider">
                    <div className="ai-provider-head">
                      <label className="ai-choice">
                        <input
                          type="radio"
                          name="webllm-model"
                          disabled={!installed}
                          checked={chosen && settings.enabled && installed}
                          onChange={() => void setLocal({ enabled: true, model: model.id }).then(() => localAi.refresh(model.id))}
                        />
                        <strong>{model.label}</strong>
                      </label>
                      <span className="ai-note">
                        {formatMegabytes(model.downloadMB)} download · {formatMegabytes(model.vramMB)} graphics memory
                      </span>
                    </div>
                    <div className="ai-row">
                      {installed ? (
                        <button type="button" className="button" disabled={progress !== null} onClick={() => void remove(model.id)}>
                          Delete download
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button"
                          disabled={progress !== null || !model.usable}
                          onClick={() => void install(model.id)}
                        >
                          Download ({formatMegabytes(model.downloadMB)})
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
          </ul>
          {settings.enabled && (
            <button type="button" className="button" onClick={() => void setLocal({ enabled: false }).then(() => localAi.refresh(null))}>
              Stop using the local model
            </button>
          )}
        </>
      )}
      {progress && (
        <div className="ai-row">
          <ProgressBar value={Math.round(progress.fraction * 100)} max={100} label="Local model download" />
          <span className="ai-note">{progress.text}</span>
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {error && <p className="ai-error">{error}</p>}
    </section>
  );
}
