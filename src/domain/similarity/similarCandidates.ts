import type { SampleKind } from '../analysis';
import type { SampleRow } from '../library/sampleQuery';

/**
 * The samples "more like this" looks among, and the kind it keeps to: one-shots for a one-shot,
 * loops for a loop (a drum loop is not a sound like a kick, even when its fingerprint is close).
 * Not when the reference has no kind (not analysed yet), when the user filters by kind themselves
 * (`chosenKind`: "loops that sound like this kick"), or when no other sample of that kind passes
 * the filters (a kick looked for in a folder of loops): then the filters alone decide. An example
 * from outside the library (`sampleId` null) keeps to `exampleKind`, its analysed kind.
 */
export function similarCandidates(
  sampleId: number | null,
  rows: ReadonlyMap<number, SampleRow>,
  filter: (id: number) => boolean,
  chosenKind: SampleKind | null = null,
  exampleKind: SampleKind | null = null,
): { filter: (id: number) => boolean; kind: SampleKind | null } {
  const referenceKind = sampleId === null ? exampleKind : (rows.get(sampleId)?.analysis?.kind ?? null);
  const kind = chosenKind !== null ? null : referenceKind;
  if (kind === null) return { filter, kind: null };
  const sameKind = (id: number): boolean => rows.get(id)?.analysis?.kind === kind && filter(id);
  for (const id of rows.keys()) if (id !== sampleId && sameKind(id)) return { filter: sameKind, kind };
  return { filter, kind: null };
}
