import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import type { SampleRow } from '../../src/domain/library/sampleQuery';
import { sameKindAs } from '../../src/domain/similarity/similarCandidates';

const row = (id: number, kind: 'one-shot' | 'loop' | null): SampleRow => ({
  id,
  name: `s${id}`,
  dir: '',
  path: `s${id}.wav`,
  status: kind ? 'done' : 'queued',
  // Only the kind matters here.
  analysis: kind ? ({ kind } as AudioDescriptors) : null,
  tags: [],
  favourite: false,
  rating: 0,
});

describe('sameKindAs (the candidates of "more like this")', () => {
  const rows = new Map([row(1, 'one-shot'), row(2, 'one-shot'), row(3, 'loop'), row(4, 'loop'), row(5, null)].map((r) => [r.id, r]));
  const all = (filter: (id: number) => boolean): number[] => [...rows.keys()].filter(filter);

  it('keeps a one-shot to one-shots and a loop to loops, within the filters', () => {
    expect(all(sameKindAs(1, rows, () => true))).toEqual([1, 2]);
    expect(all(sameKindAs(3, rows, () => true))).toEqual([3, 4]);
    expect(all(sameKindAs(1, rows, (id) => id !== 2))).toEqual([1]);
  });

  it('leaves the kind to the user when they filter by one: loops that sound like a one-shot', () => {
    expect(all(sameKindAs(1, rows, (id) => rows.get(id)?.analysis?.kind === 'loop', 'loop'))).toEqual([3, 4]);
  });

  it('leaves the filters alone when the reference has no kind (not analysed) or is no sample', () => {
    expect(all(sameKindAs(5, rows, () => true))).toEqual([1, 2, 3, 4, 5]);
    expect(all(sameKindAs(null, rows, (id) => id > 3))).toEqual([4, 5]);
  });
});
