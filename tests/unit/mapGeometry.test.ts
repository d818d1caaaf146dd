import { seededRandom } from '../../src/domain/random';
import { describe, expect, it } from 'vitest';
import { pointsInPolygon, simplifyPath, type LassoPoint } from '../../src/domain/map/lasso';
import {
  CATEGORY_COLOURS,
  CATEGORY_LEGEND,
  KEY_COLOURS,
  UNKNOWN_COLOUR,
  categoryColour,
  categoryColourRgba,
  keyColour,
  keyColourRgba,
  packRgba,
} from '../../src/domain/map/mapColours';
import { PointGrid } from '../../src/domain/map/pointGrid';
import { CATEGORIES } from '../../src/domain/corrections';

/** Uniform points plus a dense blob and exact duplicates: the shapes a real map has. */
function randomMap(n: number, seed = 1): Float32Array {
  const rng = seededRandom(seed);
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const blob = i % 3 === 0;
    xy[2 * i] = blob ? 0.3 + 0.01 * rng() : rng();
    xy[2 * i + 1] = blob ? 0.6 + 0.01 * rng() : rng();
  }
  xy.copyWithin(0, 2, 4); // point 0 sits exactly on point 1
  return xy;
}

function bruteNearest(xy: Float32Array, x: number, y: number, maxDistance: number): number {
  let [best, bestSquared] = [-1, maxDistance * maxDistance];
  for (let i = 0; i < xy.length / 2; i++) {
    const squared = (xy[2 * i]! - x) ** 2 + (xy[2 * i + 1]! - y) ** 2;
    if (squared < bestSquared || (squared === bestSquared && best === -1)) [best, bestSquared] = [i, squared];
  }
  return best;
}

describe('PointGrid', () => {
  const xy = randomMap(3000);
  const grid = PointGrid.build(xy);
  const rng = seededRandom(2);

  it('finds the nearest point as brute force does, inside and outside the map, with and without a radius', () => {
    for (let q = 0; q < 500; q++) {
      const [x, y] = [rng() * 1.4 - 0.2, rng() * 1.4 - 0.2];
      const radius = q % 2 === 0 ? Infinity : 0.02;
      expect(grid.nearest(x, y, radius)).toBe(bruteNearest(xy, x, y, radius));
    }
    expect(grid.nearest(xy[2]!, xy[3]!, 0)).toBe(0); // two points at one spot: the lower index
    expect(grid.nearest(0.3005, 0.6005, 1e-9)).toBe(-1);
  });

  it('lists the points in a rectangle as brute force does', () => {
    for (let q = 0; q < 100; q++) {
      const [x0, y0, x1, y1] = [rng(), rng(), rng(), rng()];
      const expected = [...Array(xy.length / 2).keys()].filter((i) => {
        const [x, y] = [xy[2 * i]!, xy[2 * i + 1]!];
        return x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && y >= Math.min(y0, y1) && y <= Math.max(y0, y1);
      });
      expect(grid.inRect(x0, y0, x1, y1)).toEqual(expected);
    }
  });

  it('copes with no points, one point, points on a line and non-finite coordinates', () => {
    expect(PointGrid.build(new Float32Array(0)).nearest(0.5, 0.5)).toBe(-1);
    expect(PointGrid.build(new Float32Array([0.2, 0.2])).nearest(9, 9)).toBe(0);
    const line = PointGrid.build(new Float32Array([0, 0.5, 0.5, 0.5, 1, 0.5, Number.NaN, 0.5]));
    expect(line.size).toBe(3);
    expect(line.nearest(0.6, 0.9)).toBe(1);
    expect(line.inRect(0, 0, 1, 1)).toEqual([0, 1, 2]);
  });

  it('answers a hover query over 100,000 points in microseconds', () => {
    const big = PointGrid.build(randomMap(100_000, 3));
    const started = performance.now();
    for (let q = 0; q < 10_000; q++) big.nearest(rng(), rng(), 0.01);
    expect((performance.now() - started) / 10_000).toBeLessThan(0.05); // ms a query; a brute-force scan takes ~0.4
  });
});

describe('pointsInPolygon', () => {
  const xy = randomMap(2000, 4);
  const grid = PointGrid.build(xy);

  /** Even-odd ray casting, the textbook way. */
  function bruteInside(polygon: LassoPoint[], x: number, y: number): boolean {
    let inside = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const [a, b] = [polygon[i]!, polygon[j]!];
      if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  }

  it('agrees with brute force on random and self-crossing lassos, with and without the grid', () => {
    const rng = seededRandom(5);
    for (let q = 0; q < 30; q++) {
      const centre = { x: rng(), y: rng() };
      // A star with random radii; every third one wound twice round, so it crosses itself.
      const turns = q % 3 === 0 ? 2 : 1;
      const polygon = Array.from({ length: 40 }, (_, k) => {
        const angle = (2 * Math.PI * turns * k) / 40;
        const radius = 0.05 + 0.3 * rng();
        return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
      });
      const expected = [...Array(xy.length / 2).keys()].filter((i) => bruteInside(polygon, xy[2 * i]!, xy[2 * i + 1]!));
      expect(pointsInPolygon(xy, polygon, grid)).toEqual(expected);
      expect(pointsInPolygon(xy, polygon)).toEqual(expected);
    }
  });

  it('selects nothing with fewer than three vertices, and the inside of a square', () => {
    expect(
      pointsInPolygon(
        xy,
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
        grid,
      ),
    ).toEqual([]);
    const square = pointsInPolygon(new Float32Array([0.5, 0.5, 2, 2, 0.1, 0.9]), [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ]);
    expect(square).toEqual([0, 2]);
  });
});

describe('simplifyPath', () => {
  it('drops points on straight stretches, keeps corners and stays within the tolerance', () => {
    const path: LassoPoint[] = [];
    for (let i = 0; i <= 100; i++) path.push({ x: i / 100, y: 0.0001 * Math.sin(i) });
    for (let i = 1; i <= 100; i++) path.push({ x: 1, y: i / 100 });
    const simple = simplifyPath(path, 0.001);
    expect(simple).toEqual([path[0], path[100], path[200]]);
    expect(simplifyPath(path.slice(0, 2), 0.1)).toEqual(path.slice(0, 2));
  });
});

describe('map colours', () => {
  /** CIE L*a*b* of a #rrggbb colour (D65), for ΔE76 distances. */
  function lab(hex: string): [number, number, number] {
    const [r, g, b] = [1, 3, 5]
      .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const [x, y, z] = [
      (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047,
      r * 0.2126 + g * 0.7152 + b * 0.0722,
      (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883,
    ];
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  }
  const deltaE = (a: string, b: string): number => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

  /** CIEDE2000 (Sharma et al. 2005): how different two colours look, far closer to the eye than ΔE76 for saturated and light colours. */
  function deltaE2000(hexA: string, hexB: string): number {
    const [[L1, a1, b1], [L2, a2, b2]] = [lab(hexA), lab(hexB)];
    const rad = Math.PI / 180;
    const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
    const g = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7)));
    const [p1, p2] = [(1 + g) * a1, (1 + g) * a2];
    const [C1, C2] = [Math.hypot(p1, b1), Math.hypot(p2, b2)];
    const hue = (b: number, a: number): number => (Math.atan2(b, a) / rad + 360) % 360;
    const [h1, h2] = [hue(b1, p1), hue(b2, p2)];
    let dh = h2 - h1;
    if (C1 * C2 === 0) dh = 0;
    else if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
    const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh * rad) / 2);
    const [L, C] = [(L1 + L2) / 2, (C1 + C2) / 2];
    let H = h1 + h2;
    if (C1 * C2 !== 0) H = Math.abs(h1 - h2) > 180 ? (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2 : (h1 + h2) / 2;
    const T =
      1 -
      0.17 * Math.cos((H - 30) * rad) +
      0.24 * Math.cos(2 * H * rad) +
      0.32 * Math.cos((3 * H + 6) * rad) -
      0.2 * Math.cos((4 * H - 63) * rad);
    const sL = 1 + (0.015 * (L - 50) ** 2) / Math.sqrt(20 + (L - 50) ** 2);
    const [sC, sH] = [1 + 0.045 * C, 1 + 0.015 * C * T];
    const rT = -Math.sin(2 * 30 * Math.exp(-(((H - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(C ** 7 / (C ** 7 + 25 ** 7));
    return Math.sqrt(((L2 - L1) / sL) ** 2 + ((C2 - C1) / sC) ** 2 + (dH / sH) ** 2 + rT * ((C2 - C1) / sC) * (dH / sH));
  }

  it('computes CIEDE2000 (known values: sRGB red against green 86.6, black against white 100)', () => {
    expect(deltaE2000('#ffffff', '#ffffff')).toBe(0);
    expect(deltaE2000('#ff0000', '#00ff00')).toBeCloseTo(86.6, 0);
    expect(deltaE2000('#000000', '#ffffff')).toBeCloseTo(100, 0);
  });

  it('gives every category (and unknown) a colour clearly different from all others and from the background', () => {
    const colours = [...CATEGORIES.map((c) => categoryColour(c)), UNKNOWN_COLOUR];
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        expect(deltaE(colours[i]!, colours[j]!)).toBeGreaterThan(25);
        // The review's complaint (kick, snare, cymbal, tom and percussion all reds and oranges): the old
        // palette's closest pair was ΔE00 11, snare against cymbal.
        expect(deltaE2000(colours[i]!, colours[j]!), `${colours[i]} / ${colours[j]}`).toBeGreaterThan(18);
      }
      expect(deltaE2000(colours[i]!, '#0d1119')).toBeGreaterThan(30);
    }
    expect(categoryColour(null)).toBe(UNKNOWN_COLOUR);
    expect(categoryColour('didgeridoo')).toBe(UNKNOWN_COLOUR);
    expect(categoryColour('toString')).toBe(UNKNOWN_COLOUR);
    expect(CATEGORY_LEGEND.map((entry) => entry.category)).toEqual([...CATEGORIES, null]);
  });

  it('sets the drums, which lie side by side on the map, farther apart still, each in its own hue or shade', () => {
    const drums = ['kick', 'snare', 'clap', 'hihat', 'tom', 'cymbal', 'percussion', 'drum-loop'] as const;
    const hue = (hex: string): number => (Math.atan2(lab(hex)[2], lab(hex)[1]) * 180) / Math.PI;
    for (let i = 0; i < drums.length; i++)
      for (let j = i + 1; j < drums.length; j++) {
        const [a, b] = [CATEGORY_COLOURS[drums[i]!], CATEGORY_COLOURS[drums[j]!]];
        expect(deltaE2000(a, b), `${drums[i]} / ${drums[j]}`).toBeGreaterThan(25);
        const apart = Math.abs(hue(a) - hue(b)) % 360;
        // Pale pink clap against deep magenta drum loop: close in hue, far apart in lightness.
        const distinct = Math.min(apart, 360 - apart) > 12 || Math.abs(lab(a)[0] - lab(b)[0]) > 20;
        expect(distinct, `${drums[i]} / ${drums[j]}: hue or lightness`).toBe(true);
      }
  });

  it('packs colours for a little-endian Uint32Array view of ImageData', () => {
    const pixel = new Uint8ClampedArray(4);
    new Uint32Array(pixel.buffer)[0] = packRgba('#123456', 200);
    expect([...pixel]).toEqual([0x12, 0x34, 0x56, 200]);
    expect(categoryColourRgba('kick')).toBe(packRgba(CATEGORY_COLOURS.kick));
    expect(categoryColourRgba(undefined)).toBe(packRgba(UNKNOWN_COLOUR));
    expect(() => packRgba('red')).toThrow();
  });

  it('colours keys round the Camelot wheel: relative minor shares the hue, darker; fifths are neighbours', () => {
    expect(KEY_COLOURS.map((k) => k.code).slice(0, 4)).toEqual(['1A', '1B', '2A', '2B']);
    expect(new Set(KEY_COLOURS.map((k) => k.colour)).size).toBe(24);
    const lightness = (hex: string): number => lab(hex)[0];
    const hue = (hex: string): number => Math.atan2(lab(hex)[2], lab(hex)[1]);
    // C major (8B) and A minor (8A): same wheel number.
    expect(lightness(keyColour('A', 'minor'))).toBeLessThan(lightness(keyColour('C', 'major')) - 10);
    expect(Math.abs(hue(keyColour('A', 'minor')) - hue(keyColour('C', 'major')))).toBeLessThan(0.35);
    // A fifth apart is closer in colour than a tritone apart.
    expect(deltaE(keyColour('C', 'major'), keyColour('G', 'major'))).toBeLessThan(
      deltaE(keyColour('C', 'major'), keyColour('F#', 'major')),
    );
    expect(keyColour(null, 'minor')).toBe(UNKNOWN_COLOUR);
    expect(keyColour('D')).toBe(keyColour('D', 'major'));
    expect(keyColourRgba('E', 'minor')).toBe(packRgba(keyColour('E', 'minor')));
  });
});
