import type { AudioDescriptors } from '../analysis';
import { PITCH_NAMES } from '../music/pitch';

/** The fields the library list shows and sorts by (a structural subset of SampleRecord). */
export interface SampleRow {
  id: number;
  name: string;
  dir: string;
  path: string;
  status: 'queued' | 'done' | 'failed' | 'skipped';
  analysis: AudioDescriptors | null;
  tags: readonly string[];
  favourite: boolean;
  /** 0 (unrated) to 5. */
  rating: number;
}

export type SortKey = 'name' | 'dir' | 'category' | 'duration' | 'bpm' | 'key' | 'loudness' | 'rating' | 'status';
export type SortDirection = 'asc' | 'desc';

/**
 * A string that sorts naturally with plain < comparison: case and accents folded, digit runs
 * padded ("kick 2" before "kick 10"). Intl.Collator gives the same order but at ~10 µs per
 * comparison, too slow to re-sort a big library every time results arrive.
 */
export function naturalKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

const keys = new WeakMap<object, Record<string, string>>();
function keyOf(row: SampleRow, field: 'name' | 'dir' | 'path'): string {
  let cached = keys.get(row);
  if (!cached) {
    cached = {};
    keys.set(row, cached);
  }
  return (cached[field] ??= naturalKey(row[field]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
const STATUS_ORDER = { failed: 0, queued: 1, skipped: 2, done: 3 } as const;

/** Sort value of a row; null sorts last in either direction (an unanalysed BPM is unknown). */
function numericValue(row: SampleRow, key: SortKey): number | null {
  const a = row.analysis;
  switch (key) {
    case 'duration':
      return a?.duration ?? null;
    case 'bpm':
      return a?.bpm ?? null;
    case 'loudness':
      return a?.loudnessLufs ?? null;
    case 'key':
      // By tonic, major before minor; one-shots by their root's pitch class after the keys.
      if (a?.key) return PITCH_NAMES.indexOf(a.key) * 2 + (a.scale === 'minor' ? 1 : 0);
      return a?.rootMidi != null ? 24 + (a.rootMidi % 12) + a.rootMidi / 1000 : null;
    case 'status':
      return STATUS_ORDER[row.status];
    case 'rating':
      return row.rating + (row.favourite ? 0.5 : 0);
    default:
      return null;
  }
}

export function compareRows(a: SampleRow, b: SampleRow, key: SortKey, direction: SortDirection): number {
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'name' || key === 'dir') {
    return sign * compareText(keyOf(a, key), keyOf(b, key)) || compareText(keyOf(a, 'path'), keyOf(b, 'path'));
  }
  if (key === 'category') {
    const x = a.analysis?.category ?? null;
    const y = b.analysis?.category ?? null;
    if (x === null || y === null) return x === y ? compareText(keyOf(a, 'name'), keyOf(b, 'name')) : x === null ? 1 : -1;
    return sign * compareText(x, y) || compareText(keyOf(a, 'name'), keyOf(b, 'name'));
  }
  const x = numericValue(a, key);
  const y = numericValue(b, key);
  if (x === null && y === null) return compareText(keyOf(a, 'name'), keyOf(b, 'name'));
  if (x === null) return 1;
  if (y === null) return -1;
  return sign * (x - y) || compareText(keyOf(a, 'name'), keyOf(b, 'name'));
}

/** Rows in display order. Sorting is the slow part (O(n log n) at 100k rows), filtering a sorted list is O(n). */
export function sortRows<T extends SampleRow>(rows: Iterable<T>, key: SortKey, direction: SortDirection): T[] {
  return [...rows].sort((a, b) => compareRows(a, b, key, direction));
}
