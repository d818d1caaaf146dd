import { describe, expect, it } from 'vitest';
import { boxArea, cloudBox, discSpans, dotDiameter, MAX_DOT, MIN_DOT } from '../../src/domain/map/mapCloud';
import { seededRandom } from '../../src/domain/random';

/** n points uniform in [x0, x1] × [y0, y1], from a seed. */
function uniform(n: number, [x0, x1]: [number, number], [y0, y1]: [number, number], seed = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)]).flat();
}

describe('cloudBox', () => {
  it('fits the cloud, leaving far-off strays out (1st to 99th percentile)', () => {
    // 1000 points in a narrow column, and 5 strays far to the right and below.
    const xy = new Float32Array([...uniform(1000, [0.4, 0.6], [0.1, 0.9]), 0.99, 0.5, 0.98, 0.4, 0.97, 0.45, 0.5, 0.0, 0.5, 0.01]);
    const box = cloudBox(xy);
    expect(box.minX).toBeGreaterThan(0.39);
    expect(box.maxX).toBeLessThan(0.61);
    expect(box.minY).toBeGreaterThan(0.09);
    expect(box.maxY).toBeLessThan(0.91);
    // Without trimming the strays would set the box.
    expect(cloudBox(xy, { trim: 0 }).maxX).toBeCloseTo(0.99, 6);
  });

  it('reaches out to the outermost points where they lie close, so nothing is cut off for nothing', () => {
    const xy = new Float32Array(uniform(500, [0.2, 0.8], [0.3, 0.7], 7));
    let [minX, maxX, minY, maxY] = [1, 0, 1, 0];
    for (let i = 0; i < 500; i++) {
      [minX, maxX] = [Math.min(minX, xy[2 * i]!), Math.max(maxX, xy[2 * i]!)];
      [minY, maxY] = [Math.min(minY, xy[2 * i + 1]!), Math.max(maxY, xy[2 * i + 1]!)];
    }
    expect(cloudBox(xy)).toEqual({ minX, minY, maxX, maxY });
    // Eight points (the end-to-end fixtures): every one inside.
    const few = new Float32Array(uniform(8, [0.1, 0.9], [0.1, 0.9], 3));
    const box = cloudBox(few);
    for (let i = 0; i < 8; i++) {
      expect(few[2 * i]!).toBeGreaterThanOrEqual(box.minX);
      expect(few[2 * i]!).toBeLessThanOrEqual(box.maxX);
      expect(few[2 * i + 1]!).toBeGreaterThanOrEqual(box.minY);
      expect(few[2 * i + 1]!).toBeLessThanOrEqual(box.maxY);
    }
  });

  it('skips non-finite points and falls back to the unit square with none', () => {
    expect(cloudBox(new Float32Array([Number.NaN, 0.5, 0.2, 0.3, 0.4, Infinity]))).toEqual({
      minX: Math.fround(0.2),
      minY: Math.fround(0.3),
      maxX: Math.fround(0.2),
      maxY: Math.fround(0.3),
    });
    expect(cloudBox(new Float32Array(0))).toEqual({ minX: 0, minY: 0, maxX: 1, maxY: 1 });
    expect(boxArea({ minX: 0.1, minY: 0.2, maxX: 0.5, maxY: 0.7 })).toBeCloseTo(0.2, 9);
  });

  it('finds the box of 100,000 points quickly', () => {
    const xy = new Float32Array(uniform(100_000, [0, 1], [0, 1], 9));
    const start = performance.now();
    cloudBox(xy);
    // Generous for a loaded machine: sorting all 100,000 per axis took several times longer.
    expect(performance.now() - start).toBeLessThan(400);
  });
});

describe('dotDiameter', () => {
  // The review's map: about 100 points over 0.3 × 0.9 map units, drawn ~860 px per unit.
  const area = 0.3 * 0.9;
  it('gives a few hundred points big readable dots, 100,000 points hairline ones', () => {
    expect(dotDiameter(100, area, 860)).toBe(MAX_DOT);
    expect(dotDiameter(300, area, 860)).toBeGreaterThanOrEqual(5);
    expect(dotDiameter(100_000, area, 860)).toBe(MIN_DOT);
    expect(dotDiameter(5000, area, 860)).toBeGreaterThan(MIN_DOT);
    expect(dotDiameter(5000, area, 860)).toBeLessThan(dotDiameter(1000, area, 860));
  });

  it('grows as the user zooms in, up to the cap', () => {
    expect(dotDiameter(20_000, area, 860 * 4)).toBeGreaterThan(dotDiameter(20_000, area, 860));
    expect(dotDiameter(20_000, area, 860 * 100)).toBe(MAX_DOT);
    expect(dotDiameter(0, area, 860)).toBe(MAX_DOT);
  });
});

describe('discSpans', () => {
  it('rounds big dots and keeps small ones square, symmetric', () => {
    const rows = (d: number): number[][] => Array.from({ length: d }, (_, r) => [discSpans(d)[2 * r]!, discSpans(d)[2 * r + 1]!]);
    expect(rows(2)).toEqual([
      [0, 2],
      [0, 2],
    ]);
    expect(rows(3)).toEqual([
      [0, 3],
      [0, 3],
      [0, 3],
    ]);
    // 6 px: the corners cut, the middle rows full.
    expect(rows(6)).toEqual([
      [1, 5],
      [0, 6],
      [0, 6],
      [0, 6],
      [0, 6],
      [1, 5],
    ]);
    const twelve = rows(12);
    expect(twelve[0]![0]).toBeGreaterThanOrEqual(3);
    expect(twelve[5]).toEqual([0, 12]);
    expect(twelve.map(([a]) => a)).toEqual([...twelve.map(([a]) => a)].reverse());
  });
});
