import type { RunCounterStore, RunSummary } from './analysisQueue';

const KEY = 'samplemind.analysisRun';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The counts of the analysis run under way, in localStorage (small, and written once a file). */
export function storedRunCounter(
  storage: KeyValueStorage | null = typeof localStorage === 'undefined' ? null : localStorage,
): RunCounterStore {
  return {
    load(): RunSummary | null {
      try {
        const value: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
        if (typeof value !== 'object' || value === null) return null;
        const { done, failed } = value as Record<string, unknown>;
        return isCount(done) && isCount(failed) && failed <= done ? { done, failed } : null;
      } catch {
        return null; // unreadable: the counter starts at 0, as it did before it was kept
      }
    },
    save(counts: RunSummary | null): void {
      try {
        if (counts) storage?.setItem(KEY, JSON.stringify(counts));
        else storage?.removeItem(KEY);
      } catch {
        // Storage full or blocked: after a reload the counter starts at 0 again; nothing else depends on it.
      }
    },
  };
}
