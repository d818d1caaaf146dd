import { describe, expect, it } from 'vitest';
import { nearestPoint, neighbourInDirection } from '../../src/domain/map/mapNavigation';
import { seededRandom } from '../../src/domain/random';

// A plus sign round the middle point 0 (0.5, 0.5), 1 above, 2 below, 3 left, 4 right, and points
// off the diagonals, 5 and 7 nearer to 0 than 1 and 4 are but off to the side.
//            1 (0.5, 0.8)     6 (0.7, 0.75)
//   5 (0.35, 0.7)
// 3 (0.2, 0.5)     0         4 (0.9, 0.5)
//                  2 (0.5, 0.3)   7 (0.7, 0.35)
const xy = new Float32Array([0.5, 0.5, 0.5, 0.8, 0.5, 0.3, 0.2, 0.5, 0.9, 0.5, 0.35, 0.7, 0.7, 0.75, 0.7, 0.35]);
const from = { x: 0.5, y: 0.5, index: 0 };

describe('neighbourInDirection', () => {
  it('goes to the point straight that way rather than a nearer one off to the side', () => {
    expect(neighbourInDirection(xy, from, { x: 0, y: 1 })).toBe(1);
    expect(neighbourInDirection(xy, from, { x: 0, y: -1 })).toBe(2);
    expect(neighbourInDirection(xy, from, { x: -1, y: 0 })).toBe(3);
    expect(neighbourInDirection(xy, from, { x: 1, y: 0 })).toBe(4);
    // Without the straight ones, the diagonal ones.
    expect(neighbourInDirection(xy, from, { x: 1, y: 0 }, new Uint8Array([1, 1, 1, 1, 0, 1, 1, 1]))).toBe(7);
  });

  it('skips points the filters leave out, the point itself, and answers -1 with nothing ahead', () => {
    const eligible = new Uint8Array([1, 0, 1, 1, 1, 1, 1, 1]);
    // 1 is out: up goes to the cheaper of the diagonals (5: 0.2 ahead, 0.15 aside; 6: 0.25 and 0.2).
    expect(neighbourInDirection(xy, from, { x: 0, y: 1 }, eligible)).toBe(5);
    expect(neighbourInDirection(xy, { x: 0.5, y: 0.8, index: 1 }, { x: 0, y: 1 })).toBe(-1);
    expect(neighbourInDirection(xy, from, { x: 0, y: 0 })).toBe(-1);
  });

  it('falls back to the half-plane when the cone ahead is empty', () => {
    // Only a point far off to the side (10° above the horizontal) lies above.
    const side = new Float32Array([0.5, 0.5, 0.9, 0.57, 0.5, 0.1]);
    expect(neighbourInDirection(side, { x: 0.5, y: 0.5, index: 0 }, { x: 0, y: 1 })).toBe(1);
  });

  it('walks a column from top to bottom, one point at a time', () => {
    const random = seededRandom(4);
    // A jittered column of 20 points and a noisy cloud beside it.
    const column = Array.from({ length: 20 }, (_, i) => [0.5 + (random() - 0.5) * 0.02, 1 - i / 20]);
    const cloud = Array.from({ length: 50 }, () => [0.75 + random() * 0.2, random()]);
    const points = new Float32Array([...column, ...cloud].flat());
    const visited = [0];
    for (let at = 0; visited.length < 20;) {
      at = neighbourInDirection(points, { x: points[2 * at]!, y: points[2 * at + 1]!, index: at }, { x: 0, y: -1 });
      visited.push(at);
    }
    expect(visited).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('nearestPoint', () => {
  it('finds the eligible point nearest a spot', () => {
    expect(nearestPoint(xy, { x: 0.85, y: 0.5 })).toBe(4);
    expect(nearestPoint(xy, { x: 0.85, y: 0.5 }, new Uint8Array([1, 1, 1, 1, 0, 1, 1, 1]))).toBe(7);
    expect(nearestPoint(new Float32Array(0), { x: 0, y: 0 })).toBe(-1);
  });
});
