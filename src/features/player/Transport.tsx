import { useState } from 'react';
import { KeyOptions, keyOptionValue, parseKeyOption } from '../../components/KeySelectOptions';
import { PROJECT_BPM_RANGE, useSettingsStore, validProjectBpm } from '../../state/settingsStore';

/**
 * The project tempo as typed: kept only within 40-300 BPM (a tempo of -20 or 1000 reached the
 * metronome before), so the digits on the way to "120" do not each restart a preview; anything
 * else is marked and put back when the field is left.
 */
function ProjectTempoInput({ bpm, onChange }: { bpm: number | null; onChange(bpm: number | null): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (bpm === null ? '' : String(bpm));
  const valid = text === '' || validProjectBpm(Number(text)) !== null;
  return (
    <>
      <input
        className={valid ? 'number' : 'number invalid'}
        type="number"
        min={PROJECT_BPM_RANGE.min}
        max={PROJECT_BPM_RANGE.max}
        step="any"
        placeholder="BPM"
        aria-label="Project tempo (BPM)"
        aria-invalid={!valid}
        title={valid ? 'Project tempo (BPM)' : `A project tempo is ${PROJECT_BPM_RANGE.min}-${PROJECT_BPM_RANGE.max} BPM`}
        value={text}
        onChange={(e) => {
          const typed = e.currentTarget.value;
          setDraft(typed);
          const next = validProjectBpm(Number(typed));
          if (typed === '') onChange(null);
          else if (next !== null) onChange(Math.round(next * 100) / 100);
        }}
        onBlur={() => setDraft(null)}
      />
      {/* Said, not only outlined: the previews keep the last tempo in range meanwhile. */}
      {!valid ? (
        <span className="transport-hint" role="alert">
          {PROJECT_BPM_RANGE.min}–{PROJECT_BPM_RANGE.max} BPM
        </span>
      ) : (
        // Once typed, the placeholder is gone: "120" alone in the top bar could be anything.
        bpm !== null && (
          <span className="transport-unit" aria-hidden="true">
            BPM
          </span>
        )
      )}
    </>
  );
}

/** Project tempo and key the previews follow, and level matching. */
export function Transport() {
  const settings = useSettingsStore();
  return (
    <div className="transport" role="group" aria-label="Preview settings">
      <button
        type="button"
        className={settings.levelMatch ? 'toggle on' : 'toggle'}
        aria-pressed={settings.levelMatch}
        title="Play every sample at the same perceived loudness (L)"
        onClick={() => settings.set({ levelMatch: !settings.levelMatch })}
      >
        Level match
      </button>
      <label className="transport-field">
        <span className="filter-label">Project</span>
        <ProjectTempoInput bpm={settings.projectBpm} onChange={(projectBpm) => settings.set({ projectBpm })} />
        <select
          className="select"
          aria-label="Project key"
          title="Project key"
          value={keyOptionValue(settings.projectKey)}
          onChange={(e) => settings.set({ projectKey: parseKeyOption(e.currentTarget.value) })}
        >
          <option value="">Key</option>
          <KeyOptions />
        </select>
      </label>
      <button
        type="button"
        className={settings.syncTempo ? 'toggle on' : 'toggle'}
        aria-pressed={settings.syncTempo}
        disabled={settings.projectBpm === null}
        title={
          settings.projectBpm === null
            ? 'Set a project BPM first, then loops can play time-stretched to it'
            : 'Play loops time-stretched to the project tempo, pitch unchanged (S)'
        }
        onClick={() => settings.set({ syncTempo: !settings.syncTempo })}
      >
        Sync tempo
      </button>
      <button
        type="button"
        className={settings.metronome ? 'toggle on' : 'toggle'}
        aria-pressed={settings.metronome}
        disabled={!settings.syncTempo}
        aria-label="Metronome"
        title={settings.syncTempo ? 'Loop the preview over a click at the project tempo (B)' : 'Metronome: turn on Sync tempo first'}
        onClick={() => settings.set({ metronome: !settings.metronome })}
      >
        ♩
      </button>
      <button
        type="button"
        className={settings.syncKey ? 'toggle on' : 'toggle'}
        aria-pressed={settings.syncKey}
        disabled={settings.projectKey === null}
        title={
          settings.projectKey === null
            ? 'Set a project key first, then melodic samples can follow it'
            : 'Transpose melodic samples to the project key (K)'
        }
        onClick={() => settings.set({ syncKey: !settings.syncKey })}
      >
        Sync key
      </button>
    </div>
  );
}
