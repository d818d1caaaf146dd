import { describe, expect, it } from 'vitest';
import { fitViewport, mapDistance, MAX_SCALE, panBy, toMap, toScreen, zoomAt } from '../../src/domain/map/viewport';

describe('map viewport', () => {
  it('fits the unit square centred, map y up and screen y down', () => {
    const v = fitViewport(800, 400);
    expect(toScreen(v, 800, 400, 0, 0)).toEqual({ x: 200, y: 400 });
    expect(toScreen(v, 800, 400, 1, 1)).toEqual({ x: 600, y: 0 });
    expect(toMap(v, 800, 400, 400, 200)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('zooms around the pointer: the map point under it stays under it', () => {
    const v = fitViewport(800, 600);
    const before = toMap(v, 800, 600, 250, 130);
    const zoomed = zoomAt(v, 800, 600, 250, 130, 3);
    const after = toMap(zoomed, 800, 600, 250, 130);
    expect(zoomed.scale).toBe(3);
    expect(after.x).toBeCloseTo(before.x, 10);
    expect(after.y).toBeCloseTo(before.y, 10);
    expect(mapDistance(zoomed, 800, 600, 6)).toBeCloseTo(6 / 1800, 10);
    expect(zoomAt(zoomed, 800, 600, 0, 0, 1000).scale).toBe(MAX_SCALE);
  });

  it('pans by screen pixels', () => {
    const v = panBy(fitViewport(500, 500), 50, -20);
    expect(toScreen(v, 500, 500, 0, 1)).toEqual({ x: 50, y: -20 });
  });
});
