import { KeyOptions, keyOptionValue, parseKeyOption } from '../../components/KeySelectOptions';
import { useSettingsStore } from '../../state/settingsStore';

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
        <input
          className="number"
          type="number"
          min={40}
          max={300}
          placeholder="BPM"
          aria-label="Project tempo (BPM)"
          title="Project tempo (BPM)"
          value={settings.projectBpm ?? ''}
          onChange={(e) => {
            const bpm = Number(e.currentTarget.value);
            settings.set({ projectBpm: e.currentTarget.value === '' || !Number.isFinite(bpm) ? null : bpm });
          }}
        />
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
            : 'Play loops time-stretched to the project tempo, pitch unchanged'
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
        title={settings.syncTempo ? 'Loop the preview over a click at the project tempo' : 'Metronome: turn on Sync tempo first'}
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
            : 'Transpose melodic samples to the project key'
        }
        onClick={() => settings.set({ syncKey: !settings.syncKey })}
      >
        Sync key
      </button>
    </div>
  );
}
