import { describe, expect, it } from 'vitest';
import {
  fitViewport,
  FIT_MARGIN_MIN_PIXELS,
  FIT_MARGIN_SHARE,
  mapDistance,
  MAX_SCALE,
  panBy,
  toMap,
  toScreen,
  zoomAt,
} from '../../src/domain/map/viewport';

describe('map viewport', () => {
  it('fits the unit square centred, map y up and screen y down', () => {
    // 800 × 400: a 28 px margin (7 % of 400) round a 344 px square.
    const v = fitViewport(800, 400);
    const origin = toScreen(v, 800, 400, 0, 0);
    const corner = toScreen(v, 800, 400, 1, 1);
    expect(origin.x).toBeCloseTo(228, 9);
    expect(origin.y).toBeCloseTo(372, 9);
    expect(corner.x).toBeCloseTo(572, 9);
    expect(corner.y).toBeCloseTo(28, 9);
    expect(toMap(v, 800, 400, 400, 200)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('leaves a margin round the fitted map, so no point touches an edge', () => {
    for (const [width, height] of [
      [826, 481],
      [1200, 900],
      [390, 420],
      [160, 120],
    ] as const) {
      const v = fitViewport(width, height);
      const side = Math.min(width, height);
      const margin = Math.max(FIT_MARGIN_MIN_PIXELS, side * FIT_MARGIN_SHARE);
      const topLeft = toScreen(v, width, height, 0, 1);
      const bottomRight = toScreen(v, width, height, 1, 0);
      // The shorter side has exactly the margin at both ends; the longer one centres the map.
      expect(Math.min(topLeft.x, topLeft.y)).toBeCloseTo(margin, 9);
      expect(Math.min(width - bottomRight.x, height - bottomRight.y)).toBeCloseTo(margin, 9);
      expect(topLeft.x).toBeCloseTo(width - bottomRight.x, 9);
      expect(topLeft.y).toBeCloseTo(height - bottomRight.y, 9);
    }
  });

  it('keeps a tiny canvas at half its size at least (the margin is at most a quarter)', () => {
    const v = fitViewport(40, 40);
    expect(v.scale).toBeCloseTo(0.5, 9);
    expect(toScreen(v, 40, 40, 0, 1)).toEqual({ x: 10, y: 10 });
  });

  it('zooms around the pointer: the map point under it stays under it', () => {
    const v = fitViewport(800, 600);
    const before = toMap(v, 800, 600, 250, 130);
    const zoomed = zoomAt(v, 800, 600, 250, 130, 3);
    const after = toMap(zoomed, 800, 600, 250, 130);
    expect(zoomed.scale).toBeCloseTo(v.scale * 3, 10);
    expect(after.x).toBeCloseTo(before.x, 10);
    expect(after.y).toBeCloseTo(before.y, 10);
    expect(mapDistance(zoomed, 800, 600, 6)).toBeCloseTo(6 / (600 * zoomed.scale), 10);
    expect(zoomAt(zoomed, 800, 600, 0, 0, 1000).scale).toBe(MAX_SCALE);
  });

  it('pans by screen pixels', () => {
    const fitted = fitViewport(500, 500);
    const v = panBy(fitted, 50, -20);
    const before = toScreen(fitted, 500, 500, 0, 1);
    expect(toScreen(v, 500, 500, 0, 1)).toEqual({ x: before.x + 50, y: before.y - 20 });
  });
});
