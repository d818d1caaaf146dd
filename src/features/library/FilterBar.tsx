import { Fragment } from 'react';
import type { LibraryQuery } from '../../domain/library/libraryQuery';
import { EMPTY_QUERY, orderedRange, queryChips, withoutChip } from '../../domain/library/libraryQuery';
import { KeyOptions, keyOptionValue, parseKeyOption } from '../../components/KeySelectOptions';
import { useLibraryStore } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';
import { FIT_TEMPO_TOLERANCE, projectFitOf } from '../../domain/library/projectFit';
import { CategoryFilter } from './CategoryFilter';
import { FilterField } from './FilterField';
import { KindFilter } from './KindFilter';
import { MoreFilters, moreFiltersInUse } from './MoreFilters';

const FITS_TITLE = `Only what drops into the project as it is: loops within ${FIT_TEMPO_TOLERANCE * 100} % of its tempo (or at half or double), melodic samples in keys that mix with its key. One-shots fit any tempo; drums and unpitched sounds fit any key.`;

const numberOrNull = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** Every filter of the library in one bar, with the active ones repeated as removable chips. */
export function FilterBar() {
  const query = useLibraryStore((s) => s.query);
  const setQuery = useLibraryStore((s) => s.setQuery);
  const moreOpen = useSettingsStore((s) => s.moreFilters);
  const project = projectFitOf(
    useSettingsStore((s) => s.projectBpm),
    useSettingsStore((s) => s.projectKey),
  );
  const setSettings = useSettingsStore((s) => s.set);
  const update = (patch: Partial<LibraryQuery>): void => setQuery({ ...query, ...patch });
  const chips = queryChips(query);
  const hiddenInUse = moreFiltersInUse(query);
  const setBpm = (patch: Partial<LibraryQuery['bpm']>): void => {
    const bpm = { ...query.bpm, ...patch };
    // ½×/2× widens a tempo typed: with none left it would stay ticked, doing nothing, and come back ticked.
    update({ bpm: bpm.min === null && bpm.max === null ? { ...bpm, halfDouble: false } : bpm });
  };
  // 140 to 120 filters as 120 to 140 at once; leaving the field puts it the right way round.
  const orderBpm = (): void => {
    const ordered = orderedRange(query.bpm);
    if (ordered !== query.bpm) update({ bpm: ordered });
  };
  return (
    <section className="filters" aria-label="Filters">
      <div className="filter-row">
        <KindFilter kind={query.kind} onChange={(kind) => update({ kind })} />
        <CategoryFilter selected={query.categories} onChange={(categories) => update({ categories })} />
        <FilterField label="BPM">
          <input
            className="number"
            type="number"
            aria-label="Minimum BPM"
            placeholder="min"
            min={20}
            max={400}
            value={query.bpm.min ?? ''}
            onChange={(e) => setBpm({ min: numberOrNull(e.currentTarget.value) })}
            onBlur={orderBpm}
          />
          <span className="filter-dash">–</span>
          <input
            className="number"
            type="number"
            aria-label="Maximum BPM"
            placeholder="max"
            min={20}
            max={400}
            value={query.bpm.max ?? ''}
            onChange={(e) => setBpm({ max: numberOrNull(e.currentTarget.value) })}
            onBlur={orderBpm}
          />
        </FilterField>
        <select
          className="select"
          aria-label="Key"
          value={keyOptionValue(query.key)}
          onChange={(e) => {
            const key = parseKeyOption(e.currentTarget.value);
            update({ key: key ? { ...key, compatible: query.key?.compatible ?? false } : null });
          }}
        >
          <option value="">Any key</option>
          <KeyOptions />
        </select>
        {(project || query.fits) && (
          <button
            type="button"
            className={query.fits ? 'toggle on' : 'toggle'}
            aria-pressed={!!query.fits}
            title={FITS_TITLE}
            onClick={() => update({ fits: query.fits ? null : project })}
          >
            Fits project
          </button>
        )}
        <button
          type="button"
          className={moreOpen ? 'toggle on' : 'toggle'}
          aria-expanded={moreOpen}
          aria-controls="more-filters"
          aria-label={hiddenInUse > 0 ? `More filters, ${hiddenInUse} in use` : 'More filters'}
          title="Length, loudness, tag, rating and favourites"
          onClick={() => setSettings({ moreFilters: !moreOpen })}
        >
          More{hiddenInUse > 0 ? ` · ${hiddenInUse}` : ''} {moreOpen ? '▴' : '▾'}
        </button>
      </div>
      {moreOpen && <MoreFilters query={query} update={update} />}
      {chips.length > 0 && (
        <div className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <Fragment key={chip.id}>
              <span className="chip" data-testid="filter-chip">
                {chip.shown ?? chip.label}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove filter ${chip.label}`}
                  onClick={() => setQuery(withoutChip(query, chip.id))}
                >
                  ×
                </button>
              </span>
              {/* Beside the filter they widen, once it is set: in the filter row they took it past
                  one line at 1,366 px with the detail panel open. */}
              {chip.id === 'bpm' && (
                <label className="check chip-option" title="Also loops at half or double this tempo">
                  <input type="checkbox" checked={query.bpm.halfDouble} onChange={(e) => setBpm({ halfDouble: e.currentTarget.checked })} />
                  ½×/2×
                </label>
              )}
              {chip.id === 'key' && query.key && (
                <label className="check chip-option" title="Also the relative key and the neighbours on the Camelot wheel">
                  <input
                    type="checkbox"
                    aria-label="Compatible keys"
                    checked={query.key.compatible}
                    onChange={(e) => query.key && update({ key: { ...query.key, compatible: e.currentTarget.checked } })}
                  />
                  compatible
                </label>
              )}
            </Fragment>
          ))}
          <button type="button" className="link-button" onClick={() => setQuery(EMPTY_QUERY)}>
            Clear all
          </button>
        </div>
      )}
    </section>
  );
}
