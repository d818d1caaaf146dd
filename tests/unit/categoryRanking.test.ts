import { describe, expect, it } from 'vitest';
import { rankWithCategory, SAME_CATEGORY_BONUS, SAME_FAMILY_BONUS, type CategoryFact } from '../../src/domain/similarity/categoryRanking';

const facts = new Map<number, CategoryFact>([
  [1, { category: 'snare', confidence: 0.9 }],
  [2, { category: 'tom', confidence: 0.9 }],
  [3, { category: 'keys', confidence: 0.8 }],
  [4, { category: 'keys', confidence: 0.2 }],
  [5, { category: 'pad', confidence: 0.9 }],
  [6, { category: null, confidence: null }],
]);
const byId = (id: number) => facts.get(id);
// By sound alone: a snare and a tom nearest to a piano note.
const bySound = [
  { id: 1, score: 0.8 },
  { id: 2, score: 0.78 },
  { id: 5, score: 0.74 },
  { id: 3, score: 0.7 },
  { id: 4, score: 0.69 },
  { id: 6, score: 0.68 },
];
const ids = (results: { id: number }[]) => results.map((r) => r.id);

describe('"more like this" ranked by sound, then by what the analysis files the sounds as', () => {
  it('lifts the same category above close sounds of another family, by how sure both are', () => {
    const piano = { category: 'keys', confidence: 0.9 };
    expect(ids(rankWithCategory(bySound, piano, byId, 6))).toEqual([3, 5, 4, 1, 2, 6]);
    const ranked = rankWithCategory(bySound, piano, byId, 6);
    expect(ranked[0]!.score).toBeCloseTo(0.7 + SAME_FAMILY_BONUS + SAME_CATEGORY_BONUS * 0.8, 6);
    // The k best only.
    expect(ids(rankWithCategory(bySound, piano, byId, 2))).toEqual([3, 5]);
  });

  it('keeps far sounds far: the bonuses are small beside the range of the score', () => {
    const far = [
      { id: 1, score: 0.9 },
      { id: 3, score: 0.3 },
    ];
    expect(ids(rankWithCategory(far, { category: 'keys', confidence: 1 }, byId, 2))).toEqual([1, 3]);
  });

  it('leaves the order by sound where the reference has no category', () => {
    expect(ids(rankWithCategory(bySound, { category: null, confidence: null }, byId, 6))).toEqual([1, 2, 5, 3, 4, 6]);
  });
});
