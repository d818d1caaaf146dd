import type { SampleRow, SortDirection, SortKey } from './sampleQuery';
import { compareText, folderKey, keyOf, numericValue, pathKey } from './sampleQuery';
import { columnValue, isColumnOrder, isNameOrder, isRunsOf, isRunStart, type OrderRuns } from './savedOrderChecks';

export type { OrderRuns } from './savedOrderChecks';

/** Index of the first element of `sorted` not below `value`. */
function bound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Display orders of one list of rows, for any column and direction: the order a stable sort with
 * compareRows gives, computed the fast way. A comparator over 100k row objects cost about 0.5 s
 * per sort on a small machine (1.7 M calls, each chasing pointers all over the heap). Instead
 * each row's value is read once, in the list's own order, and turned into an integer rank
 * (equal values share one, unknown values come last); rank and name order are packed into one
 * number per row and sorted natively as a Float64Array. A descending order is the ascending one
 * with its groups of equal values reversed. Orders are cached per column and direction.
 *
 * Assumes what toRow guarantees: a row's path is its dir, '/', and its name.
 */
export class RowOrder<T extends SampleRow> {
  private readonly orders = new Map<string, Int32Array>();
  /** Ascending rank of every row per column, and the rank given to unknown values. */
  private readonly ranks = new Map<SortKey, { rank: Int32Array; unknown: number }>();
  /** Each row's position in the name order, the tie-break of every column. */
  private nameRank: Int32Array | undefined;
  /** Whether 'name asc' is a saved order taken without sorting (see verifySavedOrder). */
  private trustedNameOrder = false;
  /** Columns whose ascending order came saved with the rows (verified with the name order). */
  private readonly savedColumns = new Set<SortKey>();
  /** Runs of equal values in each column's ascending order, computed or saved with it. */
  private readonly runsByKey = new Map<SortKey, OrderRuns>();

  /**
   * `savedNameOrder`: the name order saved with exactly these rows (the list snapshot), taken
   * as it is: sorting 100k names costs a few hundred ms at the moment a reload should show the
   * list. verifySavedOrder() checks it later, in idle time.
   */
  constructor(
    readonly rows: readonly T[],
    private savedNameOrder?: Int32Array,
    /** Other columns' ascending orders saved with the same rows (the list snapshot), taken like the name order and verified with it. */
    savedColumnOrders?: Readonly<Record<string, Int32Array>>,
    /** The runs of those orders (name included), saved with them: a first descending sort then reads no values. */
    savedRuns?: Readonly<Record<string, OrderRuns>>,
  ) {
    for (const [key, order] of Object.entries(savedColumnOrders ?? {})) {
      if (key === 'name' || order.length !== rows.length || savedNameOrder?.length !== rows.length) continue;
      this.orders.set(`${key} asc`, order);
      this.savedColumns.add(key as SortKey);
    }
    for (const [key, runs] of Object.entries(savedRuns ?? {})) {
      const saved = key === 'name' ? savedNameOrder !== undefined : this.savedColumns.has(key as SortKey);
      if (saved && savedNameOrder?.length === rows.length && isRunsOf(runs, rows.length)) this.runsByKey.set(key as SortKey, runs);
    }
  }

  /**
   * Whether the saved name order given to the constructor is what sorting gives (true without
   * one). A list snapshot from an app whose sorting rules differ would fail it.
   */
  verifySavedOrder(): boolean {
    const steps = this.verifySavedOrderInSlices(Infinity);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** verifySavedOrder a slice of rows at a time, yielding between slices (100k rows take ~200 ms). */
  *verifySavedOrderInSlices(sliceSize = 10_000): Generator<void, boolean> {
    if (this.savedNameOrder) this.byName(); // takes the saved order, if nothing has asked for it yet
    const saved = this.orders.get('name asc');
    if (!this.trustedNameOrder || !saved) return true;
    if (!(yield* isNameOrder(saved, this.rows, sliceSize, this.runsByKey.get('name')))) return false;
    for (const key of this.savedColumns) {
      if (!(yield* isColumnOrder(this.orders.get(`${key} asc`)!, this.rows, key, sliceSize, this.runsByKey.get(key)))) return false;
    }
    return true;
  }

  /** Indices into `rows` in display order. */
  order(key: SortKey, direction: SortDirection): Int32Array {
    const id = `${key} ${direction}`;
    let order = this.orders.get(id);
    if (!order) {
      order = direction === 'asc' ? this.ascending(key) : this.descending(key);
      this.orders.set(id, order);
    }
    return order;
  }

  /** Whether order(key, direction) is already computed (and so costs nothing). */
  has(key: SortKey, direction: SortDirection): boolean {
    return this.orders.has(`${key} ${direction}`);
  }

  sorted(key: SortKey, direction: SortDirection): T[] {
    return Array.from(this.order(key, direction), (i) => this.rows[i]!);
  }

  private ascending(key: SortKey): Int32Array {
    if (key === 'name') return this.byName();
    const n = this.rows.length;
    const rank = new Int32Array(n);
    let unknown: number;
    if (key === 'dir' || key === 'category') {
      const values = this.rows.map((row) => (key === 'dir' ? folderKey(row.dir) : (row.analysis?.category ?? null)));
      const distinct = [...new Set(values)].filter((v): v is string => v !== null).sort();
      const ranks = new Map(distinct.map((v, r) => [v, r]));
      unknown = distinct.length;
      values.forEach((v, i) => (rank[i] = v === null ? unknown : ranks.get(v)!));
    } else {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = numericValue(this.rows[i]!, key) ?? NaN;
      const known = values.filter((v) => !Number.isNaN(v)).sort();
      unknown = known.length;
      for (let i = 0; i < n; i++) rank[i] = Number.isNaN(values[i]!) ? unknown : bound(known, values[i]!);
    }
    this.ranks.set(key, { rank, unknown });
    const byName = this.byName();
    const nameRank = this.nameRank!;
    // rank * n + name rank: unique per row, and exact in a double for any realistic n.
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = rank[i]! * n + nameRank[i]!;
    packed.sort();
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[j] = byName[packed[j]! % n]!;
    return order;
  }

  /** The ascending order with its runs of equal values in reverse order; unknown values stay last, every run keeps its name order. */
  private descending(key: SortKey): Int32Array {
    const ascending = this.order(key, 'asc');
    const { starts, known } = this.runs(key);
    const order = new Int32Array(ascending.length);
    let out = 0;
    for (let end = known; end > 0;) {
      let start = end - 1;
      while (start > 0 && !isRunStart(starts, start)) start--;
      // Copied one by one: most runs of a name or a measured value are a single row, and a subarray per run cost more.
      for (let j = start; j < end; j++) order[out++] = ascending[j]!;
      end = start;
    }
    order.set(ascending.subarray(known), out);
    return order;
  }

  /** The runs of equal values in the ascending order of `key` (what a list snapshot saves with the order). */
  runs(key: SortKey): OrderRuns {
    const cached = this.runsByKey.get(key);
    if (cached) return cached;
    const ascending = this.order(key, 'asc');
    const { rank, unknown } = this.ranks.get(key) ?? (key === 'name' ? this.nameGroups() : this.ranksFromOrder(key, ascending));
    const n = ascending.length;
    let known = n;
    while (known > 0 && rank[ascending[known - 1]!] === unknown) known--;
    const starts = new Uint8Array((n + 7) >> 3);
    for (let j = 0; j < known; j++) if (j === 0 || rank[ascending[j]!] !== rank[ascending[j - 1]!]) starts[j >> 3]! |= 1 << (j & 7);
    const runs = { starts, known };
    this.runsByKey.set(key, runs);
    return runs;
  }

  /** Rows by name, then path, then list position. */
  private byName(): Int32Array {
    const cached = this.orders.get('name asc');
    if (cached) return cached;
    const rows = this.rows;
    const n = rows.length;
    const saved = this.savedNameOrder;
    this.savedNameOrder = undefined;
    if (saved?.length === n) {
      this.trustedNameOrder = true;
      const rank = new Int32Array(n);
      for (let j = 0; j < n; j++) rank[saved[j]!] = j;
      this.nameRank = rank;
      this.orders.set('name asc', saved);
      return saved;
    }
    const names = rows.map((row) => keyOf(row, 'name'));
    const order = Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b)),
    );
    return this.rankByName(order, names);
  }

  /** A column's ranks read off its saved ascending order: equal values share one, unknown values get the last. */
  private ranksFromOrder(key: SortKey, ascending: Int32Array): { rank: Int32Array; unknown: number } {
    const value = (i: number): string | number | null => columnValue(this.rows[i]!, key);
    const rank = new Int32Array(ascending.length);
    let groups = 0;
    let previous: string | number | null | undefined;
    const unknown = ascending.length; // above every group
    for (let j = 0; j < ascending.length; j++) {
      const v = value(ascending[j]!);
      if (v === null) {
        rank[ascending[j]!] = unknown;
        continue;
      }
      if (j > 0 && v !== previous) groups++;
      rank[ascending[j]!] = groups;
      previous = v;
    }
    const ranks = { rank, unknown };
    this.ranks.set(key, ranks);
    return ranks;
  }

  /** Runs of equal names in a saved name order (what descending('name') reverses by). */
  private nameGroups(): { rank: Int32Array; unknown: number } {
    const order = this.byName();
    const names = this.rows.map((row) => keyOf(row, 'name'));
    const group = new Int32Array(order.length);
    let groups = 0;
    for (let j = 0; j < order.length; j++) {
      if (j > 0 && names[order[j]!] !== names[order[j - 1]!]) groups++;
      group[order[j]!] = groups;
    }
    const ranks = { rank: group, unknown: -1 };
    this.ranks.set('name', ranks);
    return ranks;
  }

  /** Sorts runs of equal names by path and records each row's name rank and name group. */
  private rankByName(order: Int32Array, names: readonly string[]): Int32Array {
    const rows = this.rows;
    const n = rows.length;
    // Rows with the same name: by path, then list position. Such runs are short.
    const group = new Int32Array(n);
    let groups = 0;
    for (let start = 0, end = 1; start < n; start = end++) {
      while (end < n && names[order[end]!] === names[order[start]!]) end++;
      if (end - start > 1) {
        const paths = new Map(Array.from(order.subarray(start, end), (i) => [i, pathKey(rows[i]!, names[i]!)]));
        order.set(
          [...paths.keys()].sort((a, b) => compareText(paths.get(a)!, paths.get(b)!) || a - b),
          start,
        );
      }
      for (let j = start; j < end; j++) group[order[j]!] = groups;
      groups++;
    }
    const rank = new Int32Array(n);
    for (let j = 0; j < n; j++) rank[order[j]!] = j;
    this.nameRank = rank;
    this.ranks.set('name', { rank: group, unknown: -1 });
    this.orders.set('name asc', order);
    return order;
  }
}

/** Rows in display order (see RowOrder; the store keeps one RowOrder per list to reuse its keys). */
export function sortRows<T extends SampleRow>(rows: Iterable<T>, key: SortKey, direction: SortDirection): T[] {
  return new RowOrder([...rows]).sorted(key, direction);
}
