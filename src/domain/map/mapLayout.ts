/**
 * The 2D map of the library. A full UMAP of 100,000 points is too slow for a browser, so:
 * a seeded random subset of "landmarks" gets a UMAP layout (exact k nearest neighbours, fuzzy
 * graph, PCA start, SGD with negative sampling), and every other point is placed at the
 * inverse-distance weighted mean of its nearest landmarks, found through a small inverted file
 * (landmarks grouped by their nearest "pivot" landmark). Distances are taken in the similarity
 * space of vectors.ts (weightedEmbedding with the overall weights): unit vectors whose dot
 * product is the overall similarity, so |x - y|² = 2 - 2·dot. Same input and seed, same map.
 */
import type { AspectWeights, EmbeddingLayout } from '../similarity/embeddingLayout';
import { VectorError } from '../similarity/embeddingLayout';
import { OVERALL_WEIGHTS, SOUND_EMBEDDING_LAYOUT } from '../similarity/soundEmbedding';
import { TopK } from '../similarity/topK';
import { dotAt, normaliseAspects, weightedEmbedding } from '../similarity/vectors';
import { mulberry32 } from '../random';
import { umapLayout } from './umap';

export const MAP_LAYOUT_STAGES = ['prepare', 'neighbours', 'layout', 'place'] as const;
export type MapLayoutStage = (typeof MAP_LAYOUT_STAGES)[number];
/** Progress within one stage; stages run in MAP_LAYOUT_STAGES order (1 to 3 points skip the layout's two), each reports 0 first and total last. */
export type MapLayoutProgress = (done: number, total: number, stage: MapLayoutStage) => void;

export interface MapLayoutOptions {
  seed?: number;
  /** How many points get the UMAP layout (default 3000, at least 4); the rest are placed among them. */
  landmarks?: number;
  /** UMAP's neighbourhood size (default 15). */
  neighbours?: number;
  /** SGD passes over the landmark graph (default 300). */
  epochs?: number;
  /** The embedding's layout and weights; default the sound embedding with OVERALL_WEIGHTS. */
  layout?: EmbeddingLayout;
  weights?: AspectWeights;
  onProgress?: MapLayoutProgress;
  signal?: AbortSignal;
}

/** What placeNewPoints needs to put more points on an existing map; plain data, so it crosses threads. */
export interface MapLandmarks {
  layout: EmbeddingLayout;
  weights: AspectWeights;
  seed: number;
  /** Landmark rows in similarity space, L × layout.dimension. */
  vectors: Float32Array;
  /** Landmark positions on the map (before jitter), L × 2. */
  xy: Float32Array;
  /** Radius of the per-id jitter, in map units. */
  jitter: number;
}

export interface MapLayout {
  ids: Int32Array;
  /** Row i is ids[i]'s position, (x, y) in [0, 1]² with a margin. */
  xy: Float32Array;
  landmarks: MapLandmarks;
}

const PLACE_NEIGHBOURS = 6;
const PROBED_PIVOTS = 8;
/** Jitter radius as a share of the layout's extent: about 2 px on a 1000 px map. */
const JITTER_SHARE = 0.002;
const MARGIN = 0.02;
const YIELD_EVERY_MS = 40;
/** Where 1, 2 or 3 points go (x, y, x, y ...): too few for a layout to mean anything. */
const TINY_POSITIONS = [
  [0.5, 0.5],
  [0.3, 0.5, 0.7, 0.5],
  [0.5, 0.3, 0.3, 0.65, 0.7, 0.65],
];

/**
 * The map of n samples: ids[i]'s embedding is row i of `vectors` (n × dim, dim = the layout's
 * dimension). About 9 s for 100,000 rows on one core; rejects with a DOMException 'AbortError'
 * when the signal aborts, and with a VectorError for rows of the wrong size.
 */
export async function computeMapLayout(
  ids: Int32Array | readonly number[],
  vectors: Float32Array,
  dim: number,
  options: MapLayoutOptions = {},
): Promise<MapLayout> {
  const layout = options.layout ?? SOUND_EMBEDDING_LAYOUT;
  const weights = options.weights ?? OVERALL_WEIGHTS;
  const seed = (options.seed ?? 1) >>> 0;
  const n = ids.length;
  if (dim !== layout.dimension)
    throw new VectorError('dimension_mismatch', `the map expects ${layout.dimension} numbers a row, got ${dim}`);
  if (vectors.length !== n * dim) throw new VectorError('dimension_mismatch', `${n} ids need ${n * dim} numbers, got ${vectors.length}`);
  const ticker = new Ticker(options);
  const random = mulberry32(seed);

  const order = pickLandmarks(n, Math.max(TINY_POSITIONS.length + 1, Math.floor(options.landmarks ?? 3000)), random);
  const landmarkCount = order.length;
  const rows = await similarityRows(vectors, n, layout, weights, ticker);
  const landmarkRows = new Float32Array(landmarkCount * dim);
  order.forEach((row, l) => landmarkRows.set(rows.subarray(row * dim, (row + 1) * dim), l * dim));

  let landmarkXy: Float32Array;
  if (n <= TINY_POSITIONS.length) {
    landmarkXy = Float32Array.from(TINY_POSITIONS[n - 1] ?? []);
  } else {
    const umapOptions = { neighbours: options.neighbours ?? 15, epochs: options.epochs ?? 300, random, pacer: ticker };
    landmarkXy = await umapLayout(landmarkRows, landmarkCount, dim, umapOptions);
  }

  const jitter = n <= TINY_POSITIONS.length ? 0 : JITTER_SHARE * extentOf(landmarkXy);
  const xy = new Float32Array(n * 2);
  const landmarkOf = new Int32Array(n).fill(-1);
  order.forEach((row, l) => (landmarkOf[row] = l));
  const index = new LandmarkIndex(landmarkRows, landmarkCount, dim);
  ticker.report('place', 0, n);
  for (let i = 0; i < n; i++) {
    const l = landmarkOf[i]!;
    if (l >= 0) xy.set(landmarkXy.subarray(2 * l, 2 * l + 2), 2 * i);
    else index.place(rows, i * dim, landmarkXy, xy, 2 * i);
    addJitter(xy, 2 * i, jitter, seed, ids[i]!);
    if (i % 1024 === 1023) await ticker.tick('place', i + 1, n);
  }
  ticker.report('place', n, n);

  // Landmarks keep un-jittered positions in the same frame, so placeNewPoints lands where computeMapLayout would.
  const frame = fitFrame(xy);
  applyFrame(frame, xy);
  applyFrame(frame, landmarkXy);
  return {
    ids: Int32Array.from(ids),
    xy,
    landmarks: { layout, weights, seed, vectors: landmarkRows, xy: landmarkXy, jitter: jitter * frame.scale },
  };
}

const indexCache = new WeakMap<MapLandmarks, LandmarkIndex>();

/** Positions (n × 2) for more points on an existing map, as computeMapLayout would have placed them. */
export function placeNewPoints(landmarks: MapLandmarks, ids: Int32Array | readonly number[], vectors: Float32Array): Float32Array {
  const { layout, weights, seed, jitter } = landmarks;
  const dim = layout.dimension;
  if (vectors.length !== ids.length * dim)
    throw new VectorError('dimension_mismatch', `${ids.length} ids need ${ids.length * dim} numbers`);
  const count = landmarks.xy.length / 2;
  let index = indexCache.get(landmarks);
  if (!index) indexCache.set(landmarks, (index = new LandmarkIndex(landmarks.vectors, count, dim)));
  const xy = new Float32Array(ids.length * 2).fill(0.5);
  for (let i = 0; i < ids.length; i++) {
    if (count > 0) index.place(similarityRow(vectors, i, layout, weights), 0, landmarks.xy, xy, 2 * i);
    addJitter(xy, 2 * i, jitter, seed, ids[i]!);
    xy[2 * i] = Math.min(1, Math.max(0, xy[2 * i]!));
    xy[2 * i + 1] = Math.min(1, Math.max(0, xy[2 * i + 1]!));
  }
  return xy;
}

/** Reports progress and yields to the event loop at most every YIELD_EVERY_MS, checking the signal each time. */
class Ticker {
  private last = Date.now();
  constructor(private readonly options: Pick<MapLayoutOptions, 'onProgress' | 'signal'>) {
    this.check();
  }

  report(stage: MapLayoutStage, done: number, total: number): void {
    this.options.onProgress?.(done, total, stage);
  }

  async tick(stage: MapLayoutStage, done: number, total: number): Promise<void> {
    this.check(); // every call, so an abort from onProgress stops the work at once
    if (Date.now() - this.last < YIELD_EVERY_MS) return;
    this.report(stage, done, total);
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.check();
    this.last = Date.now();
  }

  private check(): void {
    if (this.options.signal?.aborted) throw new DOMException('The map layout was aborted', 'AbortError');
  }
}

/** The first `count` rows of a seeded shuffle (all rows when there are fewer). */
function pickLandmarks(n: number, count: number, random: () => number): Int32Array {
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const picked = Math.min(n, count);
  for (let i = 0; i < picked; i++) {
    const j = i + Math.floor(random() * (n - i) * 2 ** -32);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.slice(0, picked);
}

function similarityRow(vectors: Float32Array, row: number, layout: EmbeddingLayout, weights: AspectWeights): Float32Array {
  const dim = layout.dimension;
  // A non-finite number (a corrupt record) zeroes that value rather than failing the whole map.
  const copy = vectors.slice(row * dim, (row + 1) * dim).map((value) => (Number.isFinite(value) ? value : 0));
  return weightedEmbedding(normaliseAspects(copy, layout), layout, weights);
}

async function similarityRows(vectors: Float32Array, n: number, layout: EmbeddingLayout, weights: AspectWeights, ticker: Ticker) {
  ticker.report('prepare', 0, n);
  const rows = new Float32Array(vectors.length);
  for (let i = 0; i < n; i++) {
    rows.set(similarityRow(vectors, i, layout, weights), i * layout.dimension);
    if (i % 1024 === 1023) await ticker.tick('prepare', i + 1, n);
  }
  ticker.report('prepare', n, n);
  return rows;
}

/**
 * Approximate nearest landmarks through an inverted file: about √L pivots (the first landmarks,
 * a random sample), every landmark listed under its most similar pivot; a query scans the lists
 * of its PROBED_PIVOTS most similar pivots, ~16·√L rows instead of L.
 */
class LandmarkIndex {
  private readonly pivots: number;
  private readonly listStart: Int32Array;
  private readonly members: Int32Array;
  /** Each member's distance to its pivot: with the triangle inequality it skips rows that cannot be near enough. */
  private readonly pivotDistance: Float32Array;

  constructor(
    private readonly rows: Float32Array,
    count: number,
    private readonly dim: number,
  ) {
    this.pivots = Math.max(1, Math.round(Math.sqrt(count)));
    const nearest = Array.from({ length: count }, (_, l) => this.bestPivots(rows, l * dim, 1)[0] ?? { id: 0, score: 1 });
    this.members = Int32Array.from({ length: count }, (_, l) => l).sort((a, b) => nearest[a]!.id - nearest[b]!.id || a - b);
    this.pivotDistance = Float32Array.from(this.members, (l) => distanceOf(nearest[l]!.score));
    this.listStart = new Int32Array(this.pivots + 1);
    for (const l of this.members) this.listStart[nearest[l]!.id + 1]!++;
    for (let p = 0; p < this.pivots; p++) this.listStart[p + 1]! += this.listStart[p]!;
  }

  /** Writes the inverse-square-distance weighted mean of the nearest landmarks' positions into out[at], out[at + 1]. */
  place(query: Float32Array, offset: number, landmarkXy: Float32Array, out: Float32Array, at: number): void {
    const top = new TopK(PLACE_NEIGHBOURS);
    let radius = Infinity;
    for (const { id: pivot, score } of this.bestPivots(query, offset, PROBED_PIVOTS)) {
      const queryDistance = distanceOf(score);
      for (let m = this.listStart[pivot]!; m < this.listStart[pivot + 1]!; m++) {
        if (Math.abs(queryDistance - this.pivotDistance[m]!) > radius) continue;
        const l = this.members[m]!;
        const similarity = dotAt(query, offset, this.rows, l * this.dim, this.dim);
        if (similarity < top.threshold) continue;
        top.offer(similarity, l);
        radius = distanceOf(top.threshold);
      }
    }
    let [x, y, total] = [0, 0, 0];
    for (const { id, score } of top.drain()) {
      const weight = 1 / (distanceOf(score) ** 2 + 1e-6);
      x += weight * landmarkXy[2 * id]!;
      y += weight * landmarkXy[2 * id + 1]!;
      total += weight;
    }
    out[at] = x / total;
    out[at + 1] = y / total;
  }

  private bestPivots(query: Float32Array, offset: number, count: number) {
    const top = new TopK(Math.min(count, this.pivots));
    for (let p = 0; p < this.pivots; p++) top.offer(dotAt(query, offset, this.rows, p * this.dim, this.dim), p);
    return top.drain();
  }
}

/** Euclidean distance between two unit vectors from their dot product; -Infinity (no bound yet) gives Infinity. */
const distanceOf = (similarity: number): number => (similarity === -Infinity ? Infinity : Math.sqrt(Math.max(0, 2 - 2 * similarity)));

/** A deterministic offset within `radius`, from the seed and the id alone (so it survives re-ordering). */
function addJitter(xy: Float32Array, at: number, radius: number, seed: number, id: number): void {
  if (radius <= 0) return;
  const angle = (hash32(seed, id) / 2 ** 32) * 2 * Math.PI;
  const distance = radius * Math.sqrt(hash32(seed ^ 0x5bd1e995, id) / 2 ** 32);
  xy[at]! += distance * Math.cos(angle);
  xy[at + 1]! += distance * Math.sin(angle);
}

function hash32(seed: number, value: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ value;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Frame {
  minX: number;
  minY: number;
  scale: number;
  offsetX: number;
  offsetY: number;
}

const extentOf = (xy: Float32Array): number => {
  const { width, height } = boundsOf(xy);
  return Math.max(width, height, 0);
};

function boundsOf(xy: Float32Array) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    [minX, maxX] = [Math.min(minX, xy[i]!), Math.max(maxX, xy[i]!)];
    [minY, maxY] = [Math.min(minY, xy[i + 1]!), Math.max(maxY, xy[i + 1]!)];
  }
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** One scale for both axes (the map keeps its shape), centred in [MARGIN, 1 - MARGIN]². */
function fitFrame(xy: Float32Array): Frame {
  const { minX, minY, width, height } = boundsOf(xy);
  const extent = Math.max(width, height);
  const scale = extent > 0 ? (1 - 2 * MARGIN) / extent : 1;
  return { minX, minY, scale, offsetX: (1 - width * scale) / 2, offsetY: (1 - height * scale) / 2 };
}

function applyFrame({ minX, minY, scale, offsetX, offsetY }: Frame, xy: Float32Array): void {
  for (let i = 0; i < xy.length; i += 2) {
    xy[i] = (xy[i]! - minX) * scale + offsetX;
    xy[i + 1] = (xy[i + 1]! - minY) * scale + offsetY;
  }
}
