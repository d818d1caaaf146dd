import { useState } from 'react';
import type { ProviderSettings } from '../../domain/ai/aiSettings';
import { isLocalUrl } from '../../domain/ai/aiSettings';
import { PROVIDERS, providerInfo } from '../../domain/ai/providerCatalogue';
import { toErrorInfo } from '../../domain/errors';
import { useAi } from './useAi';

/** Servers and cloud providers: each off until the user turns it on (and, for the cloud, gives a key). */
export function ProviderList() {
  const ai = useAi();
  const providers = ai.settings.providers.filter((p) => p.id !== 'webllm');
  const update = (id: string, patch: Partial<ProviderSettings>): void => {
    void ai.saveSettings({ providers: ai.settings.providers.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
  };
  return (
    <section className="ai-section" aria-labelledby="ai-providers-title">
      <h3 id="ai-providers-title">Servers and cloud providers</h3>
      <p className="ai-note">
        A key is stored only in this browser and sent only to its own provider. Ollama needs to allow this page: start it with{' '}
        <code>OLLAMA_ORIGINS={location.origin}</code>.
      </p>
      <ul className="ai-providers">
        {providers.map((provider) => (
          <ProviderRow key={provider.id} provider={provider} onChange={(patch) => update(provider.id, patch)} />
        ))}
      </ul>
    </section>
  );
}

function ProviderRow({ provider, onChange }: { provider: ProviderSettings; onChange(patch: Partial<ProviderSettings>): void }) {
  const ai = useAi();
  const info = providerInfo(provider.id);
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locked = ai.vault.state === 'locked';
  const stored = ai.vault.storedProviders().has(provider.id);
  const local = info.local && isLocalUrl(provider.baseUrl);
  const saveKey = async (value: string | null): Promise<void> => {
    try {
      await ai.vault.setKey(provider.id, value);
      setKey('');
      setError(null);
      if (value) onChange({ enabled: true });
    } catch (e) {
      setError(toErrorInfo(e).message);
    }
  };
  const id = `ai-provider-${provider.id}`;
  return (
    <li className="ai-provider" data-provider={provider.id}>
      <div className="ai-provider-head">
        <label className="ai-choice">
          <input type="checkbox" checked={provider.enabled} onChange={(e) => onChange({ enabled: e.currentTarget.checked })} />
          <strong>{info.label}</strong>
        </label>
        <span className={local ? 'ai-badge local' : 'ai-badge cloud'}>{local ? 'local' : 'cloud'}</span>
        <span className="ai-note">{stored ? (locked ? 'key locked' : 'key saved') : info.needsKey ? 'no key' : 'no key needed'}</span>
      </div>
      <div className="ai-provider-fields">
        <label>
          Model
          <input
            id={`${id}-model`}
            aria-label={`${info.label} model`}
            value={provider.model}
            onChange={(e) => onChange({ model: e.currentTarget.value })}
          />
        </label>
        <label>
          Address
          <input
            id={`${id}-url`}
            aria-label={`${info.label} address`}
            value={provider.baseUrl}
            placeholder={PROVIDERS.find((p) => p.id === provider.id)?.defaultBaseUrl}
            onChange={(e) => onChange({ baseUrl: e.currentTarget.value })}
          />
        </label>
        <form
          className="ai-key"
          onSubmit={(event) => {
            event.preventDefault();
            void saveKey(key);
          }}
        >
          <label>
            {info.label} key
            <input
              type="password"
              autoComplete="off"
              value={key}
              disabled={locked}
              placeholder={stored ? '•••••••• (saved)' : info.needsKey ? 'Paste your key' : 'Optional'}
              onChange={(e) => setKey(e.currentTarget.value)}
            />
          </label>
          <button type="submit" className="button" disabled={locked || key.trim() === ''}>
            Save key
          </button>
          {stored && (
            <button type="button" className="button" disabled={locked} onClick={() => void saveKey(null)}>
              Remove key
            </button>
          )}
        </form>
      </div>
      {error && <p className="ai-error">{error}</p>}
    </li>
  );
}
