import { useEffect, useState } from 'react';
import type { StoredLogEntry } from '../../ai/aiService';
import { formatDollars } from '../../domain/ai/prices';
import { providerLabel } from '../../domain/ai/providerCatalogue';
import { useAi } from './useAi';

const time = (at: number): string => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** Every AI request, newest first, with exactly what was sent (keys travel in headers and are never shown or stored here). */
export function RequestLog() {
  const ai = useAi();
  const [entries, setEntries] = useState<StoredLogEntry[] | null>(null);
  const version = ai.version;
  useEffect(() => {
    let live = true;
    void ai.requestLog(200).then((list) => live && setEntries(list));
    return () => {
      live = false;
    };
  }, [ai, version]);
  if (!entries) return <p>Loading…</p>;
  return (
    <div className="ai-log">
      <div className="ai-log-head">
        <p className="ai-note">
          Every request SampleMind sent to an AI provider, exactly as sent, including those that never reached it (0 in / 0 out). By default
          only analysed values and tags are sent, never audio.
        </p>
        <button type="button" className="button" disabled={entries.length === 0} onClick={() => void ai.clearLog()}>
          Clear log
        </button>
      </div>
      {entries.length === 0 ? (
        <p className="ai-empty">No AI requests yet.</p>
      ) : (
        <ul className="ai-log-list" aria-label="AI requests">
          {entries.map((entry) => (
            <li key={entry.id ?? entry.at} className={`ai-log-entry ${entry.status}`}>
              <details>
                <summary>
                  <span className="ai-log-time">{time(entry.at)}</span>
                  <span>{entry.task}</span>
                  <span>
                    {providerLabel(entry.provider)} · {entry.model}
                  </span>
                  <span className="ai-log-status">{entry.status}</span>
                  <span>
                    {entry.inputTokens} in / {entry.outputTokens} out
                  </span>
                  <span>{formatDollars(entry.cost)}</span>
                </summary>
                {entry.error && <p className="ai-error">{entry.error}</p>}
                {entry.url && <p className="ai-log-url">POST {entry.url}</p>}
                {entry.body && <pre className="ai-log-body">{prettyBody(entry.body)}</pre>}
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
