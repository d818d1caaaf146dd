import type { ReactNode } from 'react';
import { CATEGORIES } from '../../domain/corrections';
import { formatCategory } from '../../domain/format';
import type { LibraryQuery, Range } from '../../domain/library/libraryQuery';
import { EMPTY_QUERY, queryChips, withoutChip } from '../../domain/library/libraryQuery';
import { KeyOptions, keyOptionValue, parseKeyOption } from '../../components/KeySelectOptions';
import { useLibraryStore } from '../../state/libraryStore';
import { useTagSuggestions } from '../organise/OrganiseFields';

const LENGTHS: Record<string, Range> = {
  any: { min: null, max: null },
  short: { min: null, max: 0.5 },
  '1s': { min: null, max: 1 },
  '2s': { min: null, max: 2 },
  long: { min: 2, max: null },
};
const LOUDNESS: Record<string, Range> = {
  any: { min: null, max: null },
  loud: { min: -12, max: null },
  medium: { min: -20, max: -12 },
  quiet: { min: null, max: -20 },
};
const presetOf = (presets: Record<string, Range>, range: Range): string =>
  Object.entries(presets).find(([, r]) => r.min === range.min && r.max === range.max)?.[0] ?? 'any';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="filter-field">
      <span className="filter-label">{label}</span>
      {children}
    </label>
  );
}

const numberOrNull = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** Every filter of the library in one bar, with the active ones repeated as removable chips. */
export function FilterBar() {
  const query = useLibraryStore((s) => s.query);
  const setQuery = useLibraryStore((s) => s.setQuery);
  const tags = useTagSuggestions();
  const update = (patch: Partial<LibraryQuery>): void => setQuery({ ...query, ...patch });
  const chips = queryChips(query);
  return (
    <section className="filters" aria-label="Filters">
      <div className="filter-row">
        <div className="segmented" role="radiogroup" aria-label="Kind">
          {(
            [
              [null, 'All'],
              ['one-shot', 'One-shots'],
              ['loop', 'Loops'],
            ] as const
          ).map(([kind, label]) => (
            <button key={label} type="button" role="radio" aria-checked={query.kind === kind} onClick={() => update({ kind })}>
              {label}
            </button>
          ))}
        </div>
        <Field label="Category">
          <select
            className="select"
            aria-label="Category"
            value=""
            onChange={(e) => update({ categories: [...new Set([...query.categories, e.currentTarget.value])] })}
          >
            <option value="">{query.categories.length ? `${query.categories.length} chosen` : 'Any'}</option>
            {CATEGORIES.filter((c) => !query.categories.includes(c)).map((c) => (
              <option key={c} value={c}>
                {formatCategory(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="BPM">
          <input
            className="number"
            type="number"
            aria-label="Minimum BPM"
            placeholder="min"
            min={20}
            max={400}
            value={query.bpm.min ?? ''}
            onChange={(e) => update({ bpm: { ...query.bpm, min: numberOrNull(e.currentTarget.value) } })}
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
            onChange={(e) => update({ bpm: { ...query.bpm, max: numberOrNull(e.currentTarget.value) } })}
          />
          <label className="check" title="Also loops at half or double this tempo">
            <input
              type="checkbox"
              checked={query.bpm.halfDouble}
              onChange={(e) => update({ bpm: { ...query.bpm, halfDouble: e.currentTarget.checked } })}
            />
            ½×/2×
          </label>
        </Field>
        <Field label="Key">
          <select
            className="select"
            aria-label="Key"
            value={keyOptionValue(query.key)}
            onChange={(e) => {
              const key = parseKeyOption(e.currentTarget.value);
              update({ key: key ? { ...key, compatible: query.key?.compatible ?? false } : null });
            }}
          >
            <option value="">Any</option>
            <KeyOptions />
          </select>
          <label className="check" title="Also the relative key and the neighbours on the Camelot wheel">
            <input
              type="checkbox"
              aria-label="Compatible keys"
              disabled={!query.key}
              checked={query.key?.compatible ?? false}
              onChange={(e) => query.key && update({ key: { ...query.key, compatible: e.currentTarget.checked } })}
            />
            compatible
          </label>
        </Field>
        <Field label="Length">
          <select
            className="select"
            aria-label="Length"
            value={presetOf(LENGTHS, query.duration)}
            onChange={(e) => update({ duration: LENGTHS[e.currentTarget.value]! })}
          >
            <option value="any">Any</option>
            <option value="short">under 0.5 s</option>
            <option value="1s">under 1 s</option>
            <option value="2s">under 2 s</option>
            <option value="long">over 2 s</option>
          </select>
        </Field>
        <Field label="Loudness">
          <select
            className="select"
            aria-label="Loudness"
            title="Loud: above −12 LUFS · Quiet: below −20 LUFS"
            value={presetOf(LOUDNESS, query.loudness)}
            onChange={(e) => update({ loudness: LOUDNESS[e.currentTarget.value]! })}
          >
            <option value="any">Any</option>
            <option value="loud">Loud</option>
            <option value="medium">Medium</option>
            <option value="quiet">Quiet</option>
          </select>
        </Field>
        <Field label="Tag">
          <select
            className="select"
            aria-label="Tag"
            value=""
            disabled={tags.length === 0}
            onChange={(e) => update({ tags: [...new Set([...query.tags, e.currentTarget.value])] })}
          >
            <option value="">{tags.length ? 'Any' : 'No tags yet'}</option>
            {tags
              .filter((t) => !query.tags.includes(t))
              .map((t) => (
                <option key={t} value={t}>
                  #{t}
                </option>
              ))}
          </select>
        </Field>
        <Field label="Rating">
          <select
            className="select"
            aria-label="Minimum rating"
            value={query.minRating}
            onChange={(e) => update({ minRating: Number(e.currentTarget.value) })}
          >
            <option value={0}>Any</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)}
                {n < 5 ? '+' : ''}
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          className={query.favourites ? 'toggle on' : 'toggle'}
          aria-pressed={query.favourites}
          onClick={() => update({ favourites: !query.favourites })}
        >
          ♥ Favourites
        </button>
      </div>
      {chips.length > 0 && (
        <div className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <span key={chip.id} className="chip" data-testid="filter-chip">
              {chip.label === query.categories.find((c) => `category:${c}` === chip.id) ? formatCategory(chip.label) : chip.label}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => setQuery(withoutChip(query, chip.id))}
              >
                ×
              </button>
            </span>
          ))}
          <button type="button" className="link-button" onClick={() => setQuery(EMPTY_QUERY)}>
            Clear all
          </button>
        </div>
      )}
    </section>
  );
}
