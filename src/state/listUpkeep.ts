/**
 * The list's upkeep in idle time: the text index filled a slice at a time, a saved name order
 * checked, every column's sort order made ahead of the first click, and what a list snapshot saves
 * (listHintsOf). Separate from the store's state and actions (libraryStore.ts), which call these.
 */
import type { FolderRecord } from '../db/schema';
import type { ListHints } from '../db/listSnapshot';
import type { OrderRuns } from '../domain/library/rowOrder';
import type { SortKey } from '../domain/library/sampleQuery';
import { useLibraryStore, type LibraryRow } from './libraryStore';
import { rowOrderOf, takePartialSearch, textIndex, warmUpSearch } from './visibleRows';

/**
 * What a row's searchable text depends on besides the row: folder names (a packed text index
 * of other folders is not restored). The texts themselves change only with their samples.
 */
export const textIndexContext = (folders: readonly FolderRecord[]): string =>
  folders
    .map((f) => `${f.id}:${f.name}`)
    .sort()
    .join('\n');

/**
 * Runs `step` when the page is idle (or, with a timeout, at the latest after it); without
 * requestIdleCallback (Node), soon. Returns what cancels it.
 */
export const whenIdle = (step: (deadline?: IdleDeadline) => void, timeout?: number): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(step, timeout === undefined ? {} : { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(step, 0);
  return () => clearTimeout(timer);
};

/**
 * Indexes queued rows when the page is idle, a few milliseconds at a time: opening a big
 * library shows the list first (indexing 100k rows took about a second). A search before it is
 * done indexes the rest at once (TextIndex.search).
 */
let indexing = false;
let searchWarmedUp = false;
export function indexWhenIdle(): void {
  if (indexing) return;
  indexing = true;
  const step = (deadline?: IdleDeadline): void => {
    // The idle period's time when there is one (up to 50 ms), else a short slice.
    const budget = deadline && !deadline.didTimeout ? Math.max(4, deadline.timeRemaining() - 2) : 8;
    if (textIndex.indexSome(budget) > 0) {
      whenIdle(step, 1000);
      return;
    }
    indexing = false;
    // A search made while indexing matched the queued rows loosely: run it again, in full.
    if (takePartialSearch()) useLibraryStore.setState((state) => ({ query: { ...state.query } }));
    else if (!searchWarmedUp) {
      searchWarmedUp = true;
      whenIdle(() => warmUpSearch(useLibraryStore.getState().rows), 3000);
    }
  };
  whenIdle(step, 1000);
}

/**
 * Checks a list snapshot's saved name order once the page is idle (the list showed it without
 * sorting); if sorting would give another order (sorting rules changed since it was saved), the
 * list is sorted afresh.
 */
export function verifySavedOrderWhenIdle(rows: ReadonlyMap<number, LibraryRow>): void {
  const steps = rowOrderOf(rows).verifySavedOrderInSlices();
  const step = (): void => {
    if (useLibraryStore.getState().rows !== rows) return; // the rows changed: their new order was sorted anyway
    const next = steps.next();
    if (!next.done) {
      whenIdle(step, 2000);
      return;
    }
    if (next.value) return;
    console.warn('The saved name order did not match the sorted one; sorting the list again.');
    useLibraryStore.setState({ rows: new Map(rows) }); // new rows: sorted afresh
  };
  // Well after the load's own work (text index, sort orders), a slice per idle period.
  setTimeout(() => whenIdle(step, 2000), 5000);
}

const SORT_KEYS: readonly SortKey[] = ['name', 'dir', 'category', 'duration', 'bpm', 'key', 'loudness', 'rating', 'status'];

/**
 * What a list snapshot of exactly these rows saves with them (ListHints): every column's
 * ascending order (indices in the Map's order) and its runs, and the packed text index;
 * computed a column per task, the text index's queue in slices; `{}` if the rows change meanwhile.
 */
export async function listHintsOf(rows: ReadonlyMap<number, LibraryRow>, pause: () => Promise<void>): Promise<ListHints> {
  const current = (): boolean => useLibraryStore.getState().rows === rows;
  const columnOrders: Record<string, Int32Array> = {};
  const columnRuns: Record<string, OrderRuns> = {};
  for (const key of SORT_KEYS) {
    if (!current()) return {};
    const order = rowOrderOf(rows);
    if (key !== 'name') columnOrders[key] = order.order(key, 'asc');
    columnRuns[key] = order.runs(key);
    await pause();
  }
  while (current() && textIndex.indexSome(8) > 0) await pause();
  if (!current()) return {};
  const nameOrder = rowOrderOf(rows).order('name', 'asc');
  return {
    nameOrder,
    columnOrders,
    columnRuns,
    textIndex: textIndex.pack(textIndexContext([...useLibraryStore.getState().folders.values()])),
  };
}
let warmTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Once the rows have not changed for two seconds, sorts every column (ascending) in idle time,
 * one column per idle period, so that the first click on a header needs no sort: at 100k rows a
 * column takes 50-100 ms to sort, its descending order a few ms more from the ascending one.
 * A change of rows (an import in progress) postpones it; only truly idle periods are used.
 */
export function warmSortOrders(): void {
  clearTimeout(warmTimer);
  warmTimer = setTimeout(() => {
    const rows = useLibraryStore.getState().rows;
    const step = (): void => {
      if (useLibraryStore.getState().rows !== rows) return; // a newer change has its own warm-up
      const order = rowOrderOf(rows);
      const key = SORT_KEYS.find((k) => !order.has(k, 'asc'));
      if (!key) return;
      order.order(key, 'asc');
      whenIdle(step);
    };
    whenIdle(step);
  }, 2000);
}
