import type { SampleRow, SortKey } from './sampleQuery';
import { compareRows, compareText, folderKey, keyOf, numericValue, pathKey } from './sampleQuery';

/*
 * Checks of the sort hints a list snapshot saves (RowOrder takes them without sorting and
 * verifies them in idle time): orders, and the runs of equal values within them.
 */

/**
 * Where the runs of equal values start in a column's ascending order (bit j of `starts` set:
 * position j starts a run) and how many rows have a value (the rest, unknown, come last): what
 * a descending order needs besides the ascending one, saved with it so that it needs no values.
 */
export interface OrderRuns {
  starts: Uint8Array;
  known: number;
}

/** What a column sorts a row by (not name: see RowOrder.byName), null when unknown. */
export function columnValue(row: SampleRow, key: SortKey): string | number | null {
  return key === 'dir' ? folderKey(row.dir) : key === 'category' ? (row.analysis?.category ?? null) : numericValue(row, key);
}

export function isRunStart(starts: Uint8Array, j: number): boolean {
  return (starts[j >> 3]! & (1 << (j & 7))) !== 0;
}

/** Whether `runs` can describe an order of n rows (its bits are checked with the order: runsMatch). */
export function isRunsOf(runs: OrderRuns, n: number): boolean {
  return (
    runs.starts instanceof Uint8Array &&
    runs.starts.length === (n + 7) >> 3 &&
    Number.isInteger(runs.known) &&
    runs.known >= 0 &&
    runs.known <= n
  );
}

/**
 * Whether saved runs agree with the comparison of neighbours in a saved order: position j starts
 * a run exactly when its value differs from the one before (`differs`), and `known` is where
 * the unknown values begin.
 */
function runsMatch(runs: OrderRuns | undefined, j: number, differs: boolean, unknown: boolean): boolean {
  if (!runs) return true;
  if (unknown !== j >= runs.known) return false;
  return unknown || isRunStart(runs.starts, j) === (j === 0 || differs);
}

/** Whether `order` lists every row once, by name, then path, then position (the order byName gives); yields every `sliceSize` rows. */
export function* isNameOrder(order: Int32Array, rows: readonly SampleRow[], sliceSize: number, runs?: OrderRuns): Generator<void, boolean> {
  const n = rows.length;
  if (order.length !== n) return false;
  const seen = new Uint8Array(n);
  let previousName = '';
  for (let j = 0; j < n; j++) {
    if (j > 0 && j % sliceSize === 0) yield;
    const i = order[j]!;
    if (!(i >= 0 && i < n) || seen[i]) return false;
    seen[i] = 1;
    const name = keyOf(rows[i]!, 'name');
    if (!runsMatch(runs, j, name !== previousName, false)) return false;
    if (j > 0 && name <= previousName) {
      if (name < previousName) return false;
      const before = order[j - 1]!;
      const byPath = compareText(pathKey(rows[before]!, previousName), pathKey(rows[i]!, name));
      if (byPath > 0 || (byPath === 0 && before > i)) return false;
    }
    previousName = name;
  }
  return true;
}

/** Whether `order` lists every row once in the ascending order of `key` (compareRows, then list position); yields every `sliceSize` rows. */
export function* isColumnOrder(
  order: Int32Array,
  rows: readonly SampleRow[],
  key: SortKey,
  sliceSize: number,
  runs?: OrderRuns,
): Generator<void, boolean> {
  const n = rows.length;
  if (order.length !== n) return false;
  const seen = new Uint8Array(n);
  let previous: string | number | null = null;
  for (let j = 0; j < n; j++) {
    if (j > 0 && j % sliceSize === 0) yield;
    const i = order[j]!;
    if (!(i >= 0 && i < n) || seen[i]) return false;
    seen[i] = 1;
    const value = columnValue(rows[i]!, key);
    if (!runsMatch(runs, j, value !== previous, value === null)) return false;
    previous = value;
    if (j === 0) continue;
    const before = order[j - 1]!;
    const compared = compareRows(rows[before]!, rows[i]!, key, 'asc');
    if (compared > 0 || (compared === 0 && before > i)) return false;
  }
  return true;
}
