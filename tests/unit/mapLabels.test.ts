import { describe, expect, it } from 'vitest';
import { categoryAnchors, litPixels, placeLabels } from '../../src/domain/map/mapLabels';
import { seededRandom } from '../../src/domain/random';

/** A blob of n points round (cx, cy), radius r. */
function blob(n: number, cx: number, cy: number, r: number, seed: number): [number, number][] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const [a, d] = [random() * 2 * Math.PI, Math.sqrt(random()) * r];
    return [cx + d * Math.cos(a), cy + d * Math.sin(a)];
  });
}

function layoutOf(groups: { category: string | null; points: [number, number][] }[]) {
  const points = groups.flatMap((g) => g.points);
  return {
    xy: new Float32Array(points.flat()),
    categories: groups.flatMap((g) => g.points.map(() => g.category)),
  };
}

describe('categoryAnchors', () => {
  it('puts each category at the middle of its cluster, biggest cluster first', () => {
    const { xy, categories } = layoutOf([
      { category: 'kick', points: blob(40, 0.2, 0.8, 0.05, 1) },
      { category: 'snare', points: blob(25, 0.7, 0.3, 0.05, 2) },
      { category: null, points: blob(30, 0.5, 0.5, 0.1, 3) },
    ]);
    const anchors = categoryAnchors(xy, categories);
    expect(anchors.map((a) => a.category)).toEqual(['kick', 'snare']);
    expect(anchors[0]!.x).toBeCloseTo(0.2, 1);
    expect(anchors[0]!.y).toBeCloseTo(0.8, 1);
    expect(anchors[1]!.x).toBeCloseTo(0.7, 1);
    expect(anchors[1]!.y).toBeCloseTo(0.3, 1);
    expect(anchors[0]!.count).toBe(40);
  });

  it('labels a split category at its bigger cluster, not in the empty space between', () => {
    const { xy, categories } = layoutOf([
      { category: 'pad', points: blob(30, 0.15, 0.15, 0.04, 4) },
      { category: 'pad', points: blob(12, 0.85, 0.85, 0.04, 5) },
    ]);
    const [pad] = categoryAnchors(xy, categories);
    expect(pad!.x).toBeLessThan(0.25);
    expect(pad!.y).toBeLessThan(0.25);
    // The median of all 42 would lie near the middle.
    expect(pad!.count).toBe(30);
  });

  it('leaves out categories with too few points, and copes with no points', () => {
    const { xy, categories } = layoutOf([
      { category: 'kick', points: blob(3, 0.2, 0.2, 0.02, 6) },
      { category: 'vocal', points: blob(6, 0.8, 0.8, 0.02, 7) },
    ]);
    expect(categoryAnchors(xy, categories).map((a) => a.category)).toEqual(['vocal']);
    expect(categoryAnchors(xy, categories, { minPoints: 2 }).map((a) => a.category)).toEqual(['vocal', 'kick']);
    expect(categoryAnchors(new Float32Array(0), [])).toEqual([]);
    // 0.5 % of a big map: 40 points are not a cluster among 20,000.
    const many = layoutOf([
      { category: 'fx', points: blob(19_960, 0.5, 0.5, 0.4, 8) },
      { category: 'brass', points: blob(40, 0.1, 0.1, 0.02, 9) },
    ]);
    expect(categoryAnchors(many.xy, many.categories).map((a) => a.category)).toEqual(['fx']);
  });
});

describe('placeLabels', () => {
  const label = (x: number, y: number, width = 40, height = 14) => ({ x, y, width, height });

  it('keeps labels that fit and drops those that overlap a label placed before', () => {
    const placed = placeLabels([label(100, 100), label(110, 102), label(200, 100), label(20, 100)], 300, 200);
    // The second overlaps the first on its anchor and a label height above or below it: left out, not moved farther.
    expect(placed.map((p) => [p.x, p.y])).toEqual([
      [100, 100],
      [200, 100],
      [20, 100],
    ]);
    // Clear of the gap it stays on its anchor; a little too close, it moves one label height away.
    expect(placeLabels([label(100, 100), label(100, 120)], 300, 200, 4).map((p) => p.y)).toEqual([100, 120]);
    expect(placeLabels([label(100, 100), label(100, 112, 40, 10)], 300, 200, 2).map((p) => p.y)).toEqual([100, 122]);
  });

  it('drops labels that would stick out of the canvas', () => {
    expect(placeLabels([label(10, 100), label(290, 100), label(150, 3), label(150, 100)], 300, 200).map((p) => p.x)).toEqual([150, 150]);
  });

  it('moves a label off the dots it would hide, when there is a free spot just above or below', () => {
    const cover = (_left: number, top: number): number => (top < 85 ? 0 : 10);
    const [moved] = placeLabels([label(100, 100)], 300, 200, 4, cover);
    expect(moved!.y).toBe(86);
    const [stays] = placeLabels([label(100, 100)], 300, 200, 4, () => 5);
    expect(stays!.y).toBe(100);
  });
});

describe('litPixels', () => {
  it('counts the pixels in a box that are not the background, clipped to the image', () => {
    const pixels = new Uint32Array(10 * 5).fill(7);
    pixels[2 * 10 + 3] = 1;
    pixels[4 * 10 + 9] = 2;
    const image = { pixels, width: 10, background: 7 };
    expect(litPixels(image, 0, 0, 10, 5)).toBe(2);
    expect(litPixels(image, 3, 2, 1, 1)).toBe(1);
    expect(litPixels(image, 4, 0, 3, 3)).toBe(0);
    expect(litPixels(image, 8, 3, 20, 20)).toBe(1);
  });
});
