import { describe, expect, it } from 'vitest';
import { consecutiveRuns } from '../../src/domain/idRuns';

describe('ids as runs of consecutive integers', () => {
  it('joins consecutive ids, in ascending order, whatever order and repeats they come in', () => {
    expect(consecutiveRuns([7, 3, 4, 5, 10, 9, 4, 12])).toEqual([
      [3, 5],
      [7, 7],
      [9, 10],
      [12, 12],
    ]);
    expect(consecutiveRuns([])).toEqual([]);
    expect(consecutiveRuns(Array.from({ length: 70_000 }, (_, i) => 1_000 + i))).toEqual([[1_000, 70_999]]);
  });
});
