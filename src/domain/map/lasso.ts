/**
 * Lasso selection on the map: which points lie inside a drawn polygon (even-odd rule, so a
 * self-crossing lasso behaves as it looks), and a simplifier that keeps a drawn path short. Edges
 * are bucketed into horizontal bands so each point meets only the few edges at its height: a
 * 500-vertex lasso over 100,000 points costs a few edge tests a point, not 500.
 */
import type { PointGrid } from './pointGrid';

export interface LassoPoint {
  x: number;
  y: number;
}

/** Indices of the points of xy (n × 2) inside the polygon, ascending; the grid, when given, narrows the search to its bounding box. */
export function pointsInPolygon(xy: Float32Array, polygon: readonly LassoPoint[], grid?: PointGrid): number[] {
  const vertices = polygon.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (vertices.length < 3) return [];
  let [left, right, bottom, top] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { x, y } of vertices)
    [left, right, bottom, top] = [Math.min(left, x), Math.max(right, x), Math.min(bottom, y), Math.max(top, y)];

  const bandCount = Math.max(1, Math.min(256, vertices.length));
  const bandHeight = (top - bottom) / bandCount || 1;
  const bandOf = (y: number): number => Math.min(bandCount - 1, Math.max(0, Math.floor((y - bottom) / bandHeight)));
  const bands: number[][] = Array.from({ length: bandCount }, () => []);
  vertices.forEach((a, e) => {
    const b = vertices[(e + 1) % vertices.length]!;
    for (let band = bandOf(Math.min(a.y, b.y)); band <= bandOf(Math.max(a.y, b.y)); band++) bands[band]!.push(e);
  });

  const inside = (px: number, py: number): boolean => {
    let crossings = false;
    for (const e of bands[bandOf(py)]!) {
      const a = vertices[e]!;
      const b = vertices[(e + 1) % vertices.length]!;
      // Half-open in y (a.y > py) !== (b.y > py): a vertex exactly at py counts once, not twice.
      if (a.y > py !== b.y > py && px < ((b.x - a.x) * (py - a.y)) / (b.y - a.y) + a.x) crossings = !crossings;
    }
    return crossings;
  };

  const found: number[] = [];
  if (grid) {
    for (const i of grid.inRect(left, bottom, right, top)) if (inside(xy[2 * i]!, xy[2 * i + 1]!)) found.push(i);
  } else {
    for (let i = 0; i < xy.length / 2; i++) {
      const [x, y] = [xy[2 * i]!, xy[2 * i + 1]!];
      if (x >= left && x <= right && y >= bottom && y <= top && inside(x, y)) found.push(i);
    }
  }
  return found;
}

/**
 * The path with points dropped while it stays within `tolerance` of the original
 * (Ramer-Douglas-Peucker); the first and last points are kept. A mouse-drawn lasso of thousands
 * of points typically keeps a few dozen at a tolerance of one screen pixel.
 */
export function simplifyPath(points: readonly LassoPoint[], tolerance: number): LassoPoint[] {
  if (points.length <= 2 || !(tolerance > 0)) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const spans: [number, number][] = [[0, points.length - 1]];
  for (let span = spans.pop(); span; span = spans.pop()) {
    const [first, last] = span;
    const [a, b] = [points[first]!, points[last]!];
    let [farthest, farthestDistance] = [-1, tolerance];
    for (let i = first + 1; i < last; i++) {
      const distance = distanceToSegment(points[i]!, a, b);
      if (distance > farthestDistance) [farthest, farthestDistance] = [i, distance];
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    spans.push([first, farthest], [farthest, last]);
  }
  return points.filter((_, i) => keep[i] === 1);
}

function distanceToSegment(p: LassoPoint, a: LassoPoint, b: LassoPoint): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
