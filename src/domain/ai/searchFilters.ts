import { EMPTY_QUERY, type LibraryQuery } from '../library/libraryQuery';
import { parseQuery, toLibraryQuery, type ParsedQuery } from './queryParser';

/**
 * The filters a typed search names ("loops between 170 and 175 bpm in F minor"), read by the
 * offline parser; null when it names none (plain text search). A search that names what is looked
 * for (a kind or a category: "snare", "pads") is a new search: the tempo, key, length and kind of
 * the last one go, or "kicks 100" then "snare" listed no snare (they have no tempo). One that only
 * narrows ("120 bpm", "in A minor", "short") is laid over the current filters. Filters only set in
 * the filter bar (loudness, rating, tags, favourites, folder) stay either way.
 */
export function filtersFromText(text: string, current: LibraryQuery): LibraryQuery | null {
  return filtersFromParsed(parseQuery(text), current);
}

/** The filters of a structured query (the parser's, or a model's validated refinement), laid over the current ones. */
export function filtersFromParsed(parsed: ParsedQuery, current: LibraryQuery): LibraryQuery | null {
  const names = {
    kind: parsed.kind !== null,
    categories: parsed.categories.length > 0 || parsed.excludeCategories.length > 0,
    bpm: parsed.bpm !== null,
    key: parsed.key !== null,
    duration: parsed.duration !== null,
  };
  if (!Object.values(names).some(Boolean)) return null;
  const understood = toLibraryQuery(parsed);
  const newSubject = names.kind || names.categories;
  const base: LibraryQuery = newSubject
    ? {
        ...current,
        kind: EMPTY_QUERY.kind,
        categories: EMPTY_QUERY.categories,
        bpm: EMPTY_QUERY.bpm,
        key: EMPTY_QUERY.key,
        duration: EMPTY_QUERY.duration,
      }
    : current;
  return {
    ...base,
    text: understood.text,
    ...(names.kind ? { kind: understood.kind } : {}),
    ...(names.categories ? { categories: understood.categories } : {}),
    ...(names.bpm ? { bpm: understood.bpm } : {}),
    ...(names.key ? { key: understood.key } : {}),
    ...(names.duration ? { duration: understood.duration } : {}),
  };
}
