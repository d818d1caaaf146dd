import type { LibraryQuery, Range } from '../../domain/library/libraryQuery';
import { useTagSuggestions } from '../organise/OrganiseFields';
import { FilterField } from './FilterField';

/** A range filter's choices: value, label, range (the first is "Any"). */
type Presets = ReadonlyArray<readonly [string, string, Range]>;
const ANY: Range = { min: null, max: null };
// Written as their chips are ("≤ 0.5 s"): shorter than "under 0.5 s", so that the row holds one
// line at 1,366 px with the detail panel open (it wrapped "♥ Favourites").
const LENGTHS: Presets = [
  ['any', 'Any', ANY],
  ['hit', '≤ 0.25 s', { min: null, max: 0.25 }],
  ['short', '≤ 0.5 s', { min: null, max: 0.5 }],
  ['1s', '≤ 1 s', { min: null, max: 1 }],
  ['2s', '≤ 2 s', { min: null, max: 2 }],
  ['long', '≥ 2 s', { min: 2, max: null }],
  ['phrase', '≥ 8 s', { min: 8, max: null }],
];
const LOUDNESS: Presets = [
  ['any', 'Any', ANY],
  ['loud', 'Loud', { min: -12, max: null }],
  ['medium', 'Medium', { min: -20, max: -12 }],
  ['quiet', 'Quiet', { min: null, max: -20 }],
];

/** A select of range presets; a range set otherwise (by a typed search) shows as "Any" here and as its chip. */
function RangeSelect(props: { label: string; title?: string; presets: Presets; range: Range; onChange(range: Range): void }) {
  const { label, title, presets, range, onChange } = props;
  const value = presets.find(([, , r]) => r.min === range.min && r.max === range.max)?.[0] ?? 'any';
  return (
    <FilterField label={label}>
      <select
        className="select"
        aria-label={label}
        title={title}
        value={value}
        onChange={(e) => onChange(presets.find(([key]) => key === e.currentTarget.value)?.[2] ?? ANY)}
      >
        {presets.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

const isSet = (range: Range): boolean => range.min !== null || range.max !== null;

/** How many of the filters behind "More filters" are in use (they show as chips whether it is open or not). */
export function moreFiltersInUse(query: LibraryQuery): number {
  return [isSet(query.duration), isSet(query.loudness), query.tags.length > 0, query.minRating > 0, query.favourites].filter(Boolean)
    .length;
}

/** The filters reached for less often: length, loudness, tag, rating and favourites. */
export function MoreFilters({ query, update }: { query: LibraryQuery; update: (patch: Partial<LibraryQuery>) => void }) {
  const tags = useTagSuggestions();
  return (
    <div className="filter-row" id="more-filters">
      <RangeSelect label="Length" presets={LENGTHS} range={query.duration} onChange={(duration) => update({ duration })} />
      <RangeSelect
        label="Loudness"
        title="Loud: above −12 LUFS · Quiet: below −20 LUFS"
        presets={LOUDNESS}
        range={query.loudness}
        onChange={(loudness) => update({ loudness })}
      />
      <FilterField label="Tag">
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
      </FilterField>
      <FilterField label="Rating">
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
      </FilterField>
      <button
        type="button"
        className={query.favourites ? 'toggle on' : 'toggle'}
        aria-pressed={query.favourites}
        onClick={() => update({ favourites: !query.favourites })}
      >
        ♥ Favourites
      </button>
    </div>
  );
}
