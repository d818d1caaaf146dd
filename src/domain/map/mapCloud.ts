/**
 * The extent of the map's point cloud, for fitting the view to it, and the dot size that keeps
 * a few hundred points readable and 100,000 points from merging into one blob.
 */
import type { MapBox } from './viewport';
import { UNIT_BOX } from './viewport';

/** Percentiles are taken over at most this many points (evenly strided): sorting 100k per axis is needless. */
const PERCENTILE_SAMPLE = 20_000;

export interface CloudBoxOptions {
  /** Share of points each side may leave outside the box (0.01: the 1st to 99th percentile). */
  trim?: number;
  /** A side reaches out to its farthest point when that adds at most this share of the box's extent. */
  slack?: number;
}

/**
 * The box the view fits: each axis from its 1st to 99th percentile, so one stray sound does not
 * shrink the whole map, but reaching to the farthest points where they lie close (nothing is cut
 * off without need). The unit square when there are no finite points.
 */
export function cloudBox(xy: Float32Array, { trim = 0.01, slack = 0.1 }: CloudBoxOptions = {}): MapBox {
  const count = Math.floor(xy.length / 2);
  const stride = Math.max(1, Math.floor(count / PERCENTILE_SAMPLE));
  const xs = new Float64Array(Math.ceil(count / stride));
  const ys = new Float64Array(xs.length);
  let sampled = 0;
  // Plain variables, not destructuring: this loop runs over every point.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (i % stride === 0) {
      xs[sampled] = x;
      ys[sampled++] = y;
    }
  }
  if (minX > maxX) return UNIT_BOX;
  if (sampled === 0) return { minX, minY, maxX, maxY };
  const [x0, x1] = trimmedRange(xs.subarray(0, sampled), trim, slack, minX, maxX);
  const [y0, y1] = trimmedRange(ys.subarray(0, sampled), trim, slack, minY, maxY);
  return { minX: x0, minY: y0, maxX: x1, maxY: y1 };
}

function trimmedRange(values: Float64Array, trim: number, slack: number, min: number, max: number): [number, number] {
  // A typed array sorts numerically, and much faster than an array with a comparator.
  values.sort();
  let low = quantile(values, trim);
  let high = quantile(values, 1 - trim);
  const reach = slack * (high - low);
  if (low - min <= reach) low = min;
  if (max - high <= reach) high = max;
  return [low, high];
}

/** Linear interpolation between order statistics of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const at = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/** Dot size in CSS pixels: from hairline for a dense map to this for a sparse one. */
export const MIN_DOT = 1.5;
export const MAX_DOT = 6;
/** Dot diameter as a share of the typical spacing between points. */
const DOT_SHARE = 0.4;

/**
 * Dot diameter in CSS pixels for `count` points spread over `area` (map units²) drawn at
 * `pixelsPerUnit`: a share of the average spacing between points, so dots grow as the user zooms
 * in and a small library gets big dots, within [MIN_DOT, MAX_DOT].
 */
export function dotDiameter(count: number, area: number, pixelsPerUnit: number): number {
  if (!(count > 0) || !(pixelsPerUnit > 0)) return MAX_DOT;
  const spacing = pixelsPerUnit * Math.sqrt(Math.max(area, 1e-4) / count);
  return Math.min(MAX_DOT, Math.max(MIN_DOT, DOT_SHARE * spacing));
}

export const boxArea = (box: MapBox): number => Math.max(0, box.maxX - box.minX) * Math.max(0, box.maxY - box.minY);

/**
 * Row spans of a round dot `diameter` device pixels across: [start, end) per row, so the draw loop
 * fills a disc with the same plain stores as a square (small dots stay full squares).
 */
export function discSpans(diameter: number): Int32Array {
  const d = Math.max(1, Math.round(diameter));
  const spans = new Int32Array(2 * d);
  const centre = (d - 1) / 2;
  const radiusSquared = (d / 2) ** 2;
  for (let row = 0; row < d; row++) {
    let start = 0;
    while (start < centre && (start - centre) ** 2 + (row - centre) ** 2 > radiusSquared) start++;
    spans[2 * row] = start;
    spans[2 * row + 1] = d - start;
  }
  return spans;
}
