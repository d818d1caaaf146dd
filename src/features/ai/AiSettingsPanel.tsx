import { useEffect, useId, useState } from 'react';
import { AI_PRIORITIES, type AiPriority } from '../../domain/ai/aiSettings';
import { CloudConsent } from './CloudConsent';
import type { ProviderUsage } from '../../ai/aiService';
import { formatDollars } from '../../domain/ai/prices';
import { providerLabel } from '../../domain/ai/providerCatalogue';
import { KeyLock } from './KeyLock';
import { LocalModelSection } from './LocalModelSection';
import { PriceTable } from './PriceTable';
import { ProviderList } from './ProviderList';
import { useAi } from './useAi';

/** Where AI may run, what it may cost and what it may see. */
export function AiSettingsPanel() {
  const ai = useAi();
  const settings = ai.settings;
  const [spent, setSpent] = useState<number | null>(null);
  const [usage, setUsage] = useState<ProviderUsage[]>([]);
  const budgetId = useId();
  const [asking, setAsking] = useState<AiPriority | null>(null);
  const version = ai.version;
  useEffect(() => {
    let live = true;
    void ai.spentThisMonth().then((value) => live && setSpent(value));
    void ai.usageThisMonth().then((value) => live && setUsage(value));
    return () => {
      live = false;
    };
  }, [ai, version]);
  const chain = ai.chain();
  // A key saved under Private reads as if it did nothing: say that Private leaves it out.
  const idle = ai.idleCloudProviders().map((c) => providerLabel(c.id));
  const idleCloud =
    idle.length === 0
      ? ''
      : ` Your ${idle.join(' and ')} ${idle.length === 1 ? 'key is' : 'keys are'} saved, unused while Private is chosen.`;
  return (
    <div className="ai-settings">
      <p className="ai-status" role="status">
        {chain.length === 0
          ? `AI is off: no provider can answer with these settings. Searches, tags and everything else work without it.${idleCloud}`
          : `Requests go to ${chain.map((c) => `${providerLabel(c.id)} (${c.model}${c.local ? '' : ', cloud'})`).join(', then ')}.`}
      </p>
      <fieldset className="ai-priority">
        <legend>Priority</legend>
        {AI_PRIORITIES.map((p) => (
          <label key={p.id} className="ai-choice">
            <input
              type="radio"
              name="ai-priority"
              value={p.id}
              checked={settings.priority === p.id}
              onChange={() => {
                // Leaving Private asks first (CloudConsent); between the others it does not.
                if (settings.priority === 'privacy' && p.id !== 'privacy') setAsking(p.id);
                else void ai.saveSettings({ priority: p.id });
              }}
            />
            <span>
              <strong>{p.label}</strong> <span className="ai-note">{p.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {asking && (
        <CloudConsent
          priority={asking}
          settings={settings}
          onAnswer={(allowed) => {
            if (allowed) void ai.saveSettings({ priority: asking });
            setAsking(null);
          }}
        />
      )}
      <div className="ai-budget">
        <label htmlFor={budgetId}>Monthly budget for cloud AI (US$)</label>
        <div className="ai-budget-line">
          <input
            id={budgetId}
            type="number"
            min={0}
            step={0.5}
            value={settings.monthlyBudget}
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              if (Number.isFinite(value) && value >= 0) void ai.saveSettings({ monthlyBudget: value });
            }}
          />
          <span className="ai-note" data-testid="ai-spent">
            Spent this month: {spent === null ? '…' : formatDollars(spent)}
          </span>
        </div>
      </div>
      {usage.length > 0 && (
        <table className="ai-usage" aria-label="AI use this month">
          <thead>
            <tr>
              <th scope="col">This month</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {usage.map((u) => (
              <tr key={u.provider}>
                <td>{providerLabel(u.provider)}</td>
                <td>{u.requests}</td>
                <td>{u.inputTokens.toLocaleString()}</td>
                <td>{u.outputTokens.toLocaleString()}</td>
                <td>{formatDollars(u.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="ai-choice">
        <input
          type="checkbox"
          checked={settings.sendFileNames}
          onChange={(e) => void ai.saveSettings({ sendFileNames: e.currentTarget.checked })}
        />
        <span>
          Send file names too <span className="ai-note">(off: providers see only analysed values and tags, never audio or names)</span>
        </span>
      </label>
      <label className="ai-choice">
        <input
          type="checkbox"
          checked={settings.refineSearches}
          onChange={(e) => void ai.saveSettings({ refineSearches: e.currentTarget.checked })}
        />
        <span>
          Let AI re-read searches{' '}
          <span className="ai-note">(Enter in the search box also asks the model; the offline reading applies at once)</span>
        </span>
      </label>
      <LocalModelSection />
      <ProviderList />
      <KeyLock />
      <PriceTable />
    </div>
  );
}
