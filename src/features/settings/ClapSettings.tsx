import { useEffect, useId, useState } from 'react';
import { ProgressBar } from '../../components/ProgressBar';
import { CLAP_RUNTIME_BYTES, DEFAULT_CLAP_HOST, estimatedTotal, formatBytes } from '../../domain/clap/manifest';
import { describeClapState, isBusy } from '../../domain/clap/modelState';
import { useClapModel } from './useClapModel';
import './settings.css';

/** The settings for sound search by words: download, load from a folder, remove, the model host. */
export function ClapSettings() {
  const { state, manager } = useClapModel();
  const [total, setTotal] = useState<{ bytes: number; exact: boolean }>({ bytes: estimatedTotal(), exact: false });
  const [host, setHost] = useState(manager.host);
  const [savedHost, setSavedHost] = useState(manager.host);
  const [hostError, setHostError] = useState<string | null>(null);
  const folderId = useId();
  const busy = isBusy(state);

  useEffect(() => {
    if (state.status !== 'absent' && state.status !== 'error') return;
    const controller = new AbortController();
    void manager.sizes(controller.signal).then((sizes) => {
      if (!controller.signal.aborted) setTotal({ bytes: sizes.reduce((s, f) => s + f.bytes, 0), exact: sizes.every((f) => f.exact) });
    });
    return () => controller.abort();
  }, [manager, state.status, savedHost]);

  const size = `${total.exact ? '' : 'about '}${formatBytes(total.bytes)}`;
  const saveHost = (): void => {
    const problem = manager.setHost(host);
    setHostError(problem?.message ?? null);
    if (!problem) {
      setHost(manager.host);
      setSavedHost(manager.host);
    }
  };

  return (
    <div className="clap-settings">
      <p>
        Describe a sound in words — “dusty vinyl snare”, “bright plucky synth” — and press Enter in the search box to list the samples that
        sound like it. This uses an AI model (CLAP) that runs on this computer; nothing you play or type leaves it. The first search listens
        to every analysed sample once (a progress bar shows it).
      </p>
      <p className="clap-note">
        The model is optional: a one-time download of {size}, kept in the browser so it works offline, plus the runtime that runs it (
        {formatBytes(CLAP_RUNTIME_BYTES)}, from SampleMind itself, also when the model comes from a folder). Without it, search uses names
        and tags as before.
      </p>
      <p
        className={
          state.status === 'error' ? 'clap-status error' : state.status === 'ready' && state.problem ? 'clap-status warn' : 'clap-status'
        }
        role="status"
        data-testid="clap-status"
      >
        {describeClapState(state)}
      </p>
      {state.status === 'downloading' && (
        <div className="dialog-progress">
          <ProgressBar value={state.progress.done} max={state.progress.total} label="Model download" />
          <span>
            {formatBytes(state.progress.done)} of {formatBytes(state.progress.total)}
          </span>
        </div>
      )}
      <div className="clap-actions">
        {state.status === 'downloading' ? (
          <button type="button" className="button" onClick={() => manager.cancel()}>
            Cancel download
          </button>
        ) : (
          state.status !== 'ready' && (
            <button type="button" className="button primary" disabled={busy} onClick={() => void manager.download()}>
              Download ({size})
            </button>
          )
        )}
        <label className={busy ? 'button disabled' : 'button'} htmlFor={folderId}>
          Load from a folder…
        </label>
        <input
          id={folderId}
          className="clap-folder-input"
          type="file"
          disabled={busy}
          data-testid="clap-folder"
          // React has no typed prop for these; they make the picker choose a folder.
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => {
            const files = e.currentTarget.files;
            if (files && files.length > 0) void manager.loadFromFolder(Array.from(files));
            e.currentTarget.value = '';
          }}
        />
        {state.status === 'ready' && (
          <button type="button" className="button" onClick={() => void manager.remove()}>
            Remove the model
          </button>
        )}
      </div>
      <details className="clap-advanced">
        <summary>Advanced</summary>
        <label className="clap-host">
          Model host
          <input
            type="url"
            value={host}
            placeholder={DEFAULT_CLAP_HOST}
            spellCheck={false}
            onChange={(e) => setHost(e.currentTarget.value)}
            onBlur={saveHost}
            onKeyDown={(e) => e.key === 'Enter' && saveHost()}
          />
        </label>
        {hostError && <p className="clap-status error">{hostError}</p>}
        <p className="clap-note">
          Where the model files are downloaded from (a folder with config.json, tokenizer.json and onnx/…). Leave empty for Hugging Face.
        </p>
      </details>
    </div>
  );
}
