import type { LibraryQuery } from '../library/libraryQuery';
import { parseQuery, toLibraryQuery, type ParsedQuery } from './queryParser';

/**
 * The filters a typed search names ("loops between 170 and 175 bpm in F minor"), read by the
 * offline parser and laid over the current ones; null when it names none (plain text search).
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
  return {
    ...current,
    text: understood.text,
    ...(names.kind ? { kind: understood.kind } : {}),
    ...(names.categories ? { categories: understood.categories } : {}),
    ...(names.bpm ? { bpm: understood.bpm } : {}),
    ...(names.key ? { key: understood.key } : {}),
    ...(names.duration ? { duration: understood.duration } : {}),
  };
}
