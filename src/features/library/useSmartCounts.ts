import { useEffect, useState } from 'react';
import type { CollectionRecord } from '../../db/schema';
import { queryFromJson } from '../../domain/library/savedQuery';
import { fitToProject, projectFitOf } from '../../domain/library/projectFit';
import { useSettingsStore } from '../../state/settingsStore';
import type { LibraryRow } from '../../state/libraryStore';
import { countMatches } from '../../state/visibleRows';
import { whenIdle } from '../../state/listUpkeep';

/** Rows arriving in batches (an import) are counted once they have been still this long. */
const SETTLE_MS = 300;

/**
 * How many samples each smart collection finds now, for the sidebar beside the hand-picked ones'
 * counts. Each is a pass over every row (~12 ms at 100,000): one collection per idle moment, once
 * the rows have settled, so neither an import nor the list's own work waits for them. The last
 * counts stay shown meanwhile.
 */
export function useSmartCounts(
  rows: ReadonlyMap<number, LibraryRow>,
  collections: readonly CollectionRecord[],
): ReadonlyMap<number, number> {
  const [counts, setCounts] = useState<ReadonlyMap<number, number>>(new Map());
  // "Fits project" counts what fits the project now: a new tempo or key counts again.
  const projectBpm = useSettingsStore((s) => s.projectBpm);
  const projectKey = useSettingsStore((s) => s.projectKey);
  useEffect(() => {
    const project = projectFitOf(projectBpm, projectKey);
    const smart = collections.filter((c) => c.query);
    if (smart.length === 0) return;
    const counted = new Map<number, number>();
    let cancel = (): void => undefined;
    const countFrom = (i: number): void => {
      if (i === smart.length) return setCounts(counted);
      cancel = whenIdle(() => {
        counted.set(smart[i]!.id, countMatches(rows, fitToProject(queryFromJson(smart[i]!.query), project)));
        countFrom(i + 1);
      }, 2000);
    };
    const timer = setTimeout(() => countFrom(0), SETTLE_MS);
    return () => {
      clearTimeout(timer);
      cancel();
    };
  }, [rows, collections, projectBpm, projectKey]);
  return counts;
}
