import { useSettingsStore } from '../../state/settingsStore';

/** List or map: two views of the same library, filters and selection shared. */
export function ViewSwitch() {
  const view = useSettingsStore((s) => s.view);
  const set = useSettingsStore((s) => s.set);
  return (
    <div className="view-switch" role="group" aria-label="View">
      <button type="button" aria-pressed={view === 'list'} className={view === 'list' ? 'on' : ''} onClick={() => set({ view: 'list' })}>
        List
      </button>
      <button
        type="button"
        aria-pressed={view === 'map'}
        className={view === 'map' ? 'on' : ''}
        onClick={() => set({ view: 'map' })}
        title="A map of your sounds: similar sounds lie close together"
      >
        Map
      </button>
    </div>
  );
}
