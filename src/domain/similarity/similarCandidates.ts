import type { SampleKind } from '../analysis';
import type { SampleRow } from '../library/sampleQuery';

/**
 * "More like this" from a one-shot lists one-shots, from a loop loops: a drum loop is not a
 * sound like a kick, even when its fingerprint is close. A sample not analysed yet has no kind;
 * a kind the user filters by (`chosenKind`: "loops that sound like this kick") is theirs to choose.
 */
export function sameKindAs(
  sampleId: number | null,
  rows: ReadonlyMap<number, SampleRow>,
  filter: (id: number) => boolean,
  chosenKind: SampleKind | null = null,
): (id: number) => boolean {
  const kind = sampleId === null || chosenKind !== null ? null : (rows.get(sampleId)?.analysis?.kind ?? null);
  return kind === null ? filter : (id) => rows.get(id)?.analysis?.kind === kind && filter(id);
}
