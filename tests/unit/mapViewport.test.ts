import { describe, expect, it } from 'vitest';
import {
  fitViewport,
  FIT_MARGIN_MIN_PIXELS,
  FIT_MARGIN_SHARE,
  mapDirection,
  mapDistance,
  MAX_SCALE,
  panBy,
  panToShow,
  screenTransform,
  toMap,
  toScreen,
  wheelZoomFactor,
  zoomAt,
  type MapBox,
} from '../../src/domain/map/viewport';

const corners = (box: MapBox): [number, number][] => [
  [box.minX, box.minY],
  [box.maxX, box.minY],
  [box.minX, box.maxY],
  [box.maxX, box.maxY],
];

/** The screen rectangle a map box covers. */
function screenBox(v: ReturnType<typeof fitViewport>, width: number, height: number, box: MapBox) {
  const points = corners(box).map(([x, y]) => toScreen(v, width, height, x, y));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

describe('map viewport', () => {
  it('fits the unit square centred, map y up and screen y down', () => {
    // 800 × 400: a 16 px margin (the minimum; 4 % of 400 is less) round a 368 px square.
    const v = fitViewport(800, 400);
    expect(v.turned).toBe(false);
    const origin = toScreen(v, 800, 400, 0, 0);
    const corner = toScreen(v, 800, 400, 1, 1);
    expect(origin.x).toBeCloseTo(216, 9);
    expect(origin.y).toBeCloseTo(384, 9);
    expect(corner.x).toBeCloseTo(584, 9);
    expect(corner.y).toBeCloseTo(16, 9);
    expect(toMap(v, 800, 400, 400, 200)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('fits the cloud, not the unit square: its box fills the canvas but for the margin', () => {
    // A cloud in the middle third of the square, wide: it is blown up to touch the margin on one side.
    const box = { minX: 0.2, minY: 0.4, maxX: 0.8, maxY: 0.6 };
    for (const [width, height] of [
      [826, 439],
      [1380, 842],
      [390, 420],
    ] as const) {
      const v = fitViewport(width, height, box);
      const margin = Math.max(FIT_MARGIN_MIN_PIXELS, Math.min(width, height) * FIT_MARGIN_SHARE);
      const s = screenBox(v, width, height, box);
      // Centred, inside the margin, and touching it on at least one axis.
      expect((s.left + s.right) / 2).toBeCloseTo(width / 2, 6);
      expect((s.top + s.bottom) / 2).toBeCloseTo(height / 2, 6);
      expect(s.left).toBeGreaterThanOrEqual(margin - 1e-6);
      expect(s.top).toBeGreaterThanOrEqual(margin - 1e-6);
      expect(Math.min(Math.abs(s.left - margin), Math.abs(s.top - margin))).toBeLessThan(1e-6);
    }
  });

  it('turns a tall cloud a quarter round to fill a wide canvas, and maps screen back to the same point', () => {
    // The review's map: a cloud a third as wide as it is tall, on an 826 × 439 canvas.
    const tall = { minX: 0.35, minY: 0.05, maxX: 0.65, maxY: 0.95 };
    const v = fitViewport(826, 439, tall);
    expect(v.turned).toBe(true);
    const s = screenBox(v, 826, 439, tall);
    // Turned, its long side runs across: it covers most of the width instead of about a third.
    expect((s.right - s.left) / 826).toBeGreaterThan(0.7);
    expect(s.bottom - s.top).toBeLessThan(s.right - s.left);
    // Still a rotation, not a mirror: map up (+y) goes right, map right (+x) goes down.
    const at = toScreen(v, 826, 439, 0.5, 0.5);
    expect(toScreen(v, 826, 439, 0.5, 0.6).x).toBeGreaterThan(at.x);
    expect(toScreen(v, 826, 439, 0.6, 0.5).y).toBeGreaterThan(at.y);
    const back = toMap(v, 826, 439, 123, 321);
    const again = toScreen(v, 826, 439, back.x, back.y);
    expect(again.x).toBeCloseTo(123, 9);
    expect(again.y).toBeCloseTo(321, 9);
    // The same cloud on a tall canvas, or a near-square one on a wide canvas, is not turned.
    expect(fitViewport(439, 826, tall).turned).toBe(false);
    expect(fitViewport(826, 439, { minX: 0.3, minY: 0.3, maxX: 0.7, maxY: 0.72 }).turned).toBe(false);
  });

  it('draws with the same transform it hit-tests with, in device pixels too', () => {
    for (const v of [fitViewport(826, 439), fitViewport(826, 439, { minX: 0.4, minY: 0, maxX: 0.6, maxY: 1 })]) {
      const t = screenTransform(v, 826, 439, 2);
      const p = toScreen(v, 826, 439, 0.3, 0.7);
      expect(t.x0 + t.xx * 0.3 + t.xy * 0.7).toBeCloseTo(2 * p.x, 9);
      expect(t.y0 + t.yx * 0.3 + t.yy * 0.7).toBeCloseTo(2 * p.y, 9);
    }
  });

  it('never zooms into a single point or a line: a box thinner than a tenth is widened', () => {
    const v = fitViewport(800, 600, { minX: 0.5, minY: 0.5, maxX: 0.5, maxY: 0.5 });
    expect(toScreen(v, 800, 600, 0.5, 0.5)).toEqual({ x: 400, y: 300 });
    // 0.1 map units fill the 600 - 2 × 24 px left by the margin.
    expect(v.scale * 600 * 0.1).toBeCloseTo(600 - 2 * 24, 6);
  });

  it('keeps a tiny canvas at half its size at least (the margin is at most a quarter)', () => {
    const v = fitViewport(40, 40);
    expect(v.scale).toBeCloseTo(0.5, 9);
    expect(toScreen(v, 40, 40, 0, 1)).toEqual({ x: 10, y: 10 });
  });

  it('zooms around the pointer: the map point under it stays under it, turned or not', () => {
    for (const v of [fitViewport(800, 600), fitViewport(800, 600, { minX: 0.45, minY: 0, maxX: 0.55, maxY: 1 })]) {
      const before = toMap(v, 800, 600, 250, 130);
      const zoomed = zoomAt(v, 800, 600, 250, 130, 3);
      const after = toMap(zoomed, 800, 600, 250, 130);
      expect(zoomed.scale).toBeCloseTo(v.scale * 3, 10);
      expect(zoomed.turned).toBe(v.turned);
      expect(after.x).toBeCloseTo(before.x, 10);
      expect(after.y).toBeCloseTo(before.y, 10);
      expect(mapDistance(zoomed, 800, 600, 6)).toBeCloseTo(6 / (600 * zoomed.scale), 10);
      expect(zoomAt(zoomed, 800, 600, 0, 0, 1000).scale).toBe(MAX_SCALE);
    }
  });

  it('zooms gently per wheel notch, whatever unit or size the browser reports', () => {
    // One notch of 100 px: about 1.17× in (deltaY < 0), the same back out.
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1.15);
    expect(wheelZoomFactor(-100)).toBeLessThan(1.2);
    expect(wheelZoomFactor(-100) * wheelZoomFactor(100)).toBeCloseTo(1, 12);
    // Five notches of 300 px (what the review measured at 9.5×) stay near 2.6×.
    expect(wheelZoomFactor(-300) ** 5).toBeLessThan(3);
    // Lines (Firefox: 3 a notch) and pages count as pixels; a trackpad's small steps stay small.
    expect(wheelZoomFactor(-3, 1)).toBeGreaterThan(1.15);
    expect(wheelZoomFactor(-1, 2)).toBeCloseTo(wheelZoomFactor(-300), 12);
    expect(wheelZoomFactor(-4)).toBeLessThan(1.01);
    // A pinch (ctrlKey) counts more per pixel than a plain scroll.
    expect(wheelZoomFactor(-10, 0, true)).toBeGreaterThan(wheelZoomFactor(-10));
    expect(wheelZoomFactor(Number.NaN)).toBe(1);
  });

  it('pans by screen pixels', () => {
    const fitted = fitViewport(500, 500);
    const v = panBy(fitted, 50, -20);
    const before = toScreen(fitted, 500, 500, 0, 1);
    expect(toScreen(v, 500, 500, 0, 1)).toEqual({ x: before.x + 50, y: before.y - 20 });
  });

  it('pans just enough to bring a point into view, and not at all when it is', () => {
    const v = fitViewport(500, 400);
    expect(panToShow(v, 500, 400, 0.5, 0.5, 12)).toBe(v);
    const zoomed = zoomAt(v, 500, 400, 250, 200, 8);
    const shown = panToShow(zoomed, 500, 400, 0.9, 0.1, 12);
    const at = toScreen(shown, 500, 400, 0.9, 0.1);
    expect(at.x).toBeCloseTo(500 - 12, 9);
    expect(at.y).toBeCloseTo(400 - 12, 9);
    expect(shown.scale).toBe(zoomed.scale);
  });

  it('turns a screen direction into the map direction it shows', () => {
    const straight = fitViewport(800, 600);
    const turned = fitViewport(800, 400, { minX: 0.45, minY: 0, maxX: 0.55, maxY: 1 });
    for (const v of [straight, turned]) {
      const at = toMap(v, 800, 400, 300, 200);
      const below = toMap(v, 800, 400, 300, 260);
      const d = mapDirection(v, 0, 1);
      // Same direction as the step down the screen, in map coordinates.
      const cross = d.x * (below.y - at.y) - d.y * (below.x - at.x);
      const dot = d.x * (below.x - at.x) + d.y * (below.y - at.y);
      expect(Math.abs(cross)).toBeLessThan(1e-9);
      expect(dot).toBeGreaterThan(0);
    }
  });
});
