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
}

export type SortKey = 'name' | 'dir' | 'category' | 'duration' | 'bpm' | 'key' | 'loudness' | 'status';
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
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
    default:
      return null;
  }
}

export function compareRows(a: SampleRow, b: SampleRow, key: SortKey, direction: SortDirection): number {
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'name' || key === 'dir') {
    return sign * collator.compare(a[key], b[key]) || collator.compare(a.path, b.path);
  }
  if (key === 'category') {
    const x = a.analysis?.category ?? null;
    const y = b.analysis?.category ?? null;
    if (x === null || y === null) return x === y ? collator.compare(a.name, b.name) : x === null ? 1 : -1;
    return sign * collator.compare(x, y) || collator.compare(a.name, b.name);
  }
  const x = numericValue(a, key);
  const y = numericValue(b, key);
  if (x === null && y === null) return collator.compare(a.name, b.name);
  if (x === null) return 1;
  if (y === null) return -1;
  return sign * (x - y) || collator.compare(a.name, b.name);
}

/** Every word of the query must appear in the file's path (name included), case-insensitively. */
export function matchesText(row: SampleRow, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = row.path.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function filterAndSort<T extends SampleRow>(rows: Iterable<T>, query: string, key: SortKey, direction: SortDirection): T[] {
  const out: T[] = [];
  for (const row of rows) if (matchesText(row, query)) out.push(row);
  return out.sort((a, b) => compareRows(a, b, key, direction));
}
