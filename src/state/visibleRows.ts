import type { CollectionRecord } from '../db/schema';
import type { LibraryQuery } from '../domain/library/libraryQuery';
import { EMPTY_QUERY, isEmptyQuery, rowMatcher } from '../domain/library/libraryQuery';
import { RowOrder } from '../domain/library/rowOrder';
import { preferVerbatim, searchText } from '../domain/library/searchTerms';
import { TextIndex } from '../domain/library/textIndex';
import type { LibraryRow, LibraryState, SimilarSearch } from './libraryStore';

/*
 * The list as the user sees it, derived from the store's state: the rows in their sort orders,
 * the filters' mask, "more like this" results, the text index. Each part is cached and redone
 * only when its inputs change (see selectVisibleRows).
 */

/** Searchable words of every row (name, folders, tags), kept in step with `rows`; categories are matched from the rows (searchText). */
export const textIndex = new TextIndex();

/** Whether a search answered before the text index was complete (refined when it is: refineSearchWhenIndexed). */
let partialSearch = false;
function indexSearch(words: string): Set<number> | null {
  const { ids, partial } = textIndex.searchNow(words);
  partialSearch ||= partial;
  return ids;
}

/**
 * Rows whose name, folder or tags match every word of `text`, or whose category a word names
 * ("kicks"), narrowed to those holding a word typed whole ("e02.wav") where any does; null: no words.
 */
function textSearch(text: string, rows: ReadonlyMap<number, LibraryRow> | readonly LibraryRow[]): Set<number> | null {
  return preferVerbatim(searchText(text, indexSearch, rows.values()), text, rows.values());
}

/**
 * Whether any sample of the library matches the words, ignoring every other filter (the search
 * box drops words that match nothing: docs/QUERY-PARSER.md). The whole index is searched, a
 * queue still being indexed included, so that no word is dropped for a typo the index forgives.
 */
export function textFindsAny(text: string, rows: ReadonlyMap<number, LibraryRow>): boolean {
  const found = searchText(text, (words) => textIndex.search(words), rows.values());
  return found === null || found.size > 0;
}

/** True once after a partial search: the caller re-runs the query now that the index is complete. */
export function takePartialSearch(): boolean {
  const was = partialSearch;
  partialSearch = false;
  return was;
}

/** The rows as one array (in the Map's order, which is also roughly their order in memory) and its sort orders. */
let listed: { rows: unknown; order: RowOrder<LibraryRow> } | undefined;
export function rowOrderOf(rows: ReadonlyMap<number, LibraryRow>): RowOrder<LibraryRow> {
  if (!listed || listed.rows !== rows) listed = { rows, order: new RowOrder([...rows.values()]) };
  return listed.order;
}

/** Uses `order` (built with a saved name order) as the sort orders of exactly these rows. */
export function seedRowOrder(rows: ReadonlyMap<number, LibraryRow>, order: RowOrder<LibraryRow>): void {
  listed = { rows, order };
}

export type VisibleInputs = Pick<LibraryState, 'rows' | 'query' | 'sortKey' | 'sortDirection' | 'collections' | 'collectionId'> &
  Partial<Pick<LibraryState, 'similar'>>;
/** Which rows of rowOrderOf's array pass the filters (null: all of them). It does not depend on the sort. */
let matched: { order: unknown; query: LibraryQuery; collection: CollectionRecord | undefined; mask: Uint8Array | null } | undefined;
let visible: { order: Int32Array; mask: Uint8Array | null; result: LibraryRow[] } | undefined;

/**
 * The filtered, sorted list. Each part is redone only when its inputs change: the sort orders
 * (cached per column, see RowOrder) when rows change; the filter when rows, query or collection
 * change; a new sort only re-reads the filter's result in the new order.
 *
 * At 100k rows the filter runs over the rows in their own array order, not in display order:
 * visiting row objects in sorted order jumps all over the heap and took ~5x longer on a small
 * machine (cache misses); the sorted walk afterwards only touches a byte per row.
 */
export function selectVisibleRows(state: VisibleInputs): LibraryRow[] {
  const rowOrder = rowOrderOf(state.rows);
  const order = rowOrder.order(state.sortKey, state.sortDirection);
  const collection = state.collectionId === null ? undefined : state.collections.find((c) => c.id === state.collectionId);
  if (!matched || matched.order !== rowOrder || matched.query !== state.query || matched.collection !== collection) {
    matched = { order: rowOrder, query: state.query, collection, mask: filterMask(rowOrder.rows, state.query, collection) };
  }
  if (state.similar) return similarRows(state.similar, rowOrder, matched.mask);
  if (!visible || visible.order !== order || visible.mask !== matched.mask) {
    const { rows } = rowOrder;
    const mask = matched.mask;
    const result: LibraryRow[] = [];
    for (let i = 0; i < order.length; i++) if (!mask || mask[order[i]!]) result.push(rows[order[i]!]!);
    visible = { order, mask, result };
  }
  return visible.result;
}

let similarVisible: { results: SimilarSearch['results']; mask: Uint8Array | null; order: unknown; rows: LibraryRow[] } | undefined;
/** "More like this": the results in similarity order, those the filters still accept (they may have changed since the search). */
function similarRows(similar: SimilarSearch, rowOrder: RowOrder<LibraryRow>, mask: Uint8Array | null): LibraryRow[] {
  if (similarVisible?.results === similar.results && similarVisible.mask === mask && similarVisible.order === rowOrder)
    return similarVisible.rows;
  const positions = positionsOf(rowOrder);
  const rows: LibraryRow[] = [];
  for (const { id } of similar.results ?? []) {
    const i = positions.get(id);
    if (i !== undefined && (!mask || mask[i])) rows.push(rowOrder.rows[i]!);
  }
  similarVisible = { results: similar.results, mask, order: rowOrder, rows };
  return rows;
}

let positioned: { order: unknown; positions: Map<number, number> } | undefined;
function positionsOf(rowOrder: RowOrder<LibraryRow>): Map<number, number> {
  if (positioned?.order !== rowOrder) positioned = { order: rowOrder, positions: new Map(rowOrder.rows.map((r, i) => [r.id, i])) };
  return positioned.positions;
}

/** Whether a sample passes the list's filters and collection (what "more like this" searches among). */
export function filterPredicate(state: VisibleInputs): (id: number) => boolean {
  const collection = state.collectionId === null ? undefined : state.collections.find((c) => c.id === state.collectionId);
  if (!collection && isEmptyQuery(state.query)) return (id) => state.rows.has(id);
  const members = collection ? new Set(collection.sampleIds) : null;
  const matches = rowMatcher(state.query, textSearch(state.query.text, state.rows));
  return (id) => {
    const row = state.rows.get(id);
    return !!row && (!members || members.has(id)) && matches(row);
  };
}

/**
 * Filters some rows by a search once and throws the result away, so that the code a search runs
 * is compiled before the user's first one: right after a reload the row test ran interpreted,
 * ~0.4 µs a row (40 ms at 100k rows, against 12 once compiled). 20,000 rows are enough for the
 * JIT and keep this idle task short.
 */
export function warmUpSearch(rows: ReadonlyMap<number, LibraryRow>): void {
  const some = rowOrderOf(rows).rows.slice(0, 20_000);
  // A search whose words few rows have, then a filter every analysed row passes: both ways through the row test.
  filterMask(some, { ...EMPTY_QUERY, text: 'sample' }, undefined);
  filterMask(some, { ...EMPTY_QUERY, duration: { min: 0, max: null } }, undefined);
}

function filterMask(rows: readonly LibraryRow[], query: LibraryQuery, collection: CollectionRecord | undefined): Uint8Array | null {
  if (!collection && isEmptyQuery(query)) return null;
  const members = collection ? new Set(collection.sampleIds) : null;
  const matches = rowMatcher(query, textSearch(query.text, rows));
  const mask = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if ((!members || members.has(row.id)) && matches(row)) mask[i] = 1;
  }
  return mask;
}

/**
 * Up to `limit` rows matching a query, outside the list's own filters (the kit assistant's
 * searches): favourites and higher ratings first, so the user's picks come up before the rest.
 */
export function findRows(rows: ReadonlyMap<number, LibraryRow>, query: LibraryQuery, limit: number): LibraryRow[] {
  const matches = rowMatcher(query, textSearch(query.text, rows));
  const found: LibraryRow[] = [];
  for (const row of rows.values()) if (row.status === 'done' && matches(row)) found.push(row);
  found.sort((a, b) => Number(b.favourite) - Number(a.favourite) || b.rating - a.rating || a.name.localeCompare(b.name));
  return found.slice(0, limit);
}

/**
 * How many samples each category would list with the other filters as they are (the category
 * filter's own choice left out): the counts beside its checkboxes.
 */
export function categoryCounts(state: VisibleInputs): Map<string, number> {
  const shown = filterPredicate({ ...state, query: { ...state.query, categories: [] } });
  const counts = new Map<string, number>();
  for (const [id, row] of state.rows) {
    const category = row.analysis?.category;
    if (category && shown(id)) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return counts;
}

/** How many rows a query finds, as the list would show them (a smart collection's count in the sidebar). */
export function countMatches(rows: ReadonlyMap<number, LibraryRow>, query: LibraryQuery): number {
  const matches = rowMatcher(query, textSearch(query.text, rows));
  let count = 0;
  for (const row of rows.values()) if (matches(row)) count++;
  return count;
}

/** Ids of a visible list, made once per list (selectVisibleRows returns the same array until its inputs change). */
const visibleIdSets = new WeakMap<readonly LibraryRow[], Set<number>>();
function visibleIds(state: VisibleInputs): Set<number> {
  const visible = selectVisibleRows(state);
  let ids = visibleIdSets.get(visible);
  if (!ids) visibleIdSets.set(visible, (ids = new Set(visible.map((r) => r.id))));
  return ids;
}

/**
 * The selected rows the list shows, for bulk actions: a search, filter or collection that hides
 * selected samples leaves them out, so a bulk edit acts on what the user sees (after Ctrl+A and
 * "snare", a tag went to all 108 while the list showed 10). The selection itself is kept: pruning
 * it at each key typed left it empty at "sn", which matches nothing on the way to "snare".
 */
export function selectedRows(state: VisibleInputs & Pick<LibraryState, 'selection'>): LibraryRow[] {
  const shown = state.selection.size > 1 ? visibleIds(state) : null;
  const rows: LibraryRow[] = [];
  for (const id of state.selection) {
    const row = state.rows.get(id);
    if (row && (!shown || shown.has(id))) rows.push(row);
  }
  return rows;
}
