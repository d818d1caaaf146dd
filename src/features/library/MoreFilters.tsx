import type { LibraryQuery, Range } from '../../domain/library/libraryQuery';
import { useTagSuggestions } from '../organise/OrganiseFields';
import { FilterField } from './FilterField';

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
      <FilterField label="Length">
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
      </FilterField>
      <FilterField label="Loudness">
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
      </FilterField>
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
