/**
 * Ids as runs of consecutive integers, [first, last] inclusive, in ascending order: a folder's
 * samples were numbered as it was imported, so 70,000 of them make a handful of runs, and the
 * database deletes a run with one range request instead of one request per id (350,000 requests
 * over five tables held the page for seconds).
 */
export function consecutiveRuns(ids: Iterable<number>): Array<[number, number]> {
  const sorted = Int32Array.from(new Set(ids)).sort();
  const runs: Array<[number, number]> = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}
