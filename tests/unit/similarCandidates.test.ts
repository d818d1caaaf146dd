import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import type { SampleRow } from '../../src/domain/library/sampleQuery';
import { similarCandidates } from '../../src/domain/similarity/similarCandidates';

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

describe('similarCandidates (the samples "more like this" looks among)', () => {
  const rows = new Map(
    [row(1, 'one-shot'), row(2, 'one-shot'), row(3, 'loop'), row(4, 'loop'), row(5, null), row(6, 'one-shot')].map((r) => [r.id, r]),
  );
  /** The ids the candidates' filter accepts, and the kind it keeps to. */
  const among = (...args: Parameters<typeof similarCandidates>): [number[], string | null] => {
    const { filter, kind } = similarCandidates(...args);
    return [[...rows.keys()].filter(filter), kind];
  };

  it('keeps a one-shot to one-shots and a loop to loops, within the filters', () => {
    expect(among(1, rows, () => true)).toEqual([[1, 2, 6], 'one-shot']);
    expect(among(3, rows, () => true)).toEqual([[3, 4], 'loop']);
    expect(among(1, rows, (id) => id !== 2)).toEqual([[1, 6], 'one-shot']);
  });

  it('leaves the kind to the user when they filter by one: loops that sound like a one-shot', () => {
    expect(among(1, rows, (id) => rows.get(id)?.analysis?.kind === 'loop', 'loop')).toEqual([[3, 4], null]);
  });

  it('leaves the filters alone when no other sample of the kind passes them (a kick in a folder of loops)', () => {
    expect(among(1, rows, (id) => id === 1 || id === 3 || id === 4)).toEqual([[1, 3, 4], null]);
  });

  it('leaves the filters alone when the reference has no kind (not analysed) or is no sample', () => {
    expect(among(5, rows, () => true)).toEqual([[1, 2, 3, 4, 5, 6], null]);
    expect(among(null, rows, (id) => id > 3)).toEqual([[4, 5, 6], null]);
  });

  it('keeps an example from outside the library to its analysed kind (one-shots for a snare dropped in)', () => {
    expect(among(null, rows, () => true, null, 'one-shot')).toEqual([[1, 2, 6], 'one-shot']);
    expect(among(null, rows, () => true, null, 'loop')).toEqual([[3, 4], 'loop']);
    expect(among(null, rows, () => true, 'loop', 'one-shot')).toEqual([[1, 2, 3, 4, 5, 6], null]); // the user's kind filter decides
  });
});
