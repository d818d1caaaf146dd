import { useState, type KeyboardEvent } from 'react';
import { AssistantPanel } from './AssistantPanel';
import { AiSettingsPanel } from './AiSettingsPanel';
import { RequestLog } from './RequestLog';
import { useAi } from './useAi';
import './ai.css';

type Tab = 'assistant' | 'settings' | 'log';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'assistant', label: 'Kit assistant' },
  { id: 'settings', label: 'Settings' },
  { id: 'log', label: 'Request log' },
];

/** The AI dialog's tabs. It opens on the assistant once a provider can answer, else on the settings. */
export function AiPanel({ onClose }: { onClose(): void }) {
  const ai = useAi();
  const [tab, setTab] = useState<Tab>(() => (ai.available() ? 'assistant' : 'settings'));
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`ai-tab-${next.id}`)?.focus();
  };
  return (
    <div className="ai-panel">
      <div role="tablist" aria-label="AI" className="ai-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`ai-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`ai-tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'ai-tab active' : 'ai-tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* The assistant and the settings stay mounted while hidden: a conversation or a model download survives a look at another tab. */}
      <div
        role="tabpanel"
        id="ai-tabpanel-assistant"
        aria-labelledby="ai-tab-assistant"
        className="ai-tabpanel"
        hidden={tab !== 'assistant'}
      >
        <AssistantPanel onOpenSettings={() => setTab('settings')} onDone={onClose} />
      </div>
      <div role="tabpanel" id="ai-tabpanel-settings" aria-labelledby="ai-tab-settings" className="ai-tabpanel" hidden={tab !== 'settings'}>
        <AiSettingsPanel />
      </div>
      {tab === 'log' && (
        <div role="tabpanel" id="ai-tabpanel-log" aria-labelledby="ai-tab-log" className="ai-tabpanel">
          <RequestLog />
        </div>
      )}
    </div>
  );
}
