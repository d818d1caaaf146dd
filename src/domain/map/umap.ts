/**
 * UMAP (McInnes, Healy & Melville 2018) for the map's landmarks, a few thousand points: exact k
 * nearest neighbours, the fuzzy simplicial set, a PCA start and SGD with negative sampling, as
 * umap-learn does it but on typed arrays. umap-js took ~10 s for 3000 points (array-of-arrays
 * rows, approximate neighbours); this takes ~2 s. Rows are unit vectors, so |x - y|² = 2 - 2·dot.
 */
import { TopK } from '../similarity/topK';
import { dotAt } from '../similarity/vectors';

/**
 * UMAP's low-dimensional similarity 1 / (1 + a·d^2b), fitted to min_dist 0.1, spread 1 with b
 * fixed at 1 (umap-learn's own fit, b = 0.895, needs Math.pow, which took 60 % of the layout time).
 */
const CURVE_A = 1.558;
const NEGATIVE_SAMPLE_RATE = 5;

/** The map's stages that run here; `tick` may yield to the event loop (and throws when aborted). */
export interface UmapPacer {
  report(stage: 'neighbours' | 'layout', done: number, total: number): void;
  tick(stage: 'neighbours' | 'layout', done: number, total: number): Promise<void>;
}

export interface UmapOptions {
  neighbours: number;
  epochs: number;
  random: () => number;
  pacer: UmapPacer;
}

/** Positions (count × 2, roughly within ±10) for `count` unit rows of `dim`; count >= 2. */
export async function umapLayout(rows: Float32Array, count: number, dim: number, options: UmapOptions): Promise<Float32Array> {
  const k = Math.min(Math.max(1, Math.floor(options.neighbours)), count - 1);
  const epochs = Math.max(1, Math.floor(options.epochs));
  const knn = await nearestNeighbours(rows, count, dim, k, options.pacer);
  const xy = pcaStart(rows, count, dim, options.random);
  await optimiseLayout(xy, fuzzyGraph(knn, count, k, epochs), epochs, options.random, options.pacer);
  return xy;
}

/** Exact k nearest neighbours among the landmarks (self excluded): indices and distances, L × k, nearest first. */
async function nearestNeighbours(rows: Float32Array, count: number, dim: number, k: number, pacer: UmapPacer) {
  pacer.report('neighbours', 0, count);
  const best = Array.from({ length: count }, () => new TopK(k));
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const similarity = dotAt(rows, i * dim, rows, j * dim, dim);
      if (similarity >= best[i]!.threshold) best[i]!.offer(similarity, j);
      if (similarity >= best[j]!.threshold) best[j]!.offer(similarity, i);
    }
    await pacer.tick('neighbours', i + 1, count);
  }
  const indices = new Int32Array(count * k);
  const distances = new Float32Array(count * k);
  best.forEach((top, i) =>
    top.drain().forEach(({ id, score }, r) => {
      indices[i * k + r] = id;
      distances[i * k + r] = Math.sqrt(Math.max(0, 2 - 2 * score));
    }),
  );
  pacer.report('neighbours', count, count);
  return { indices, distances };
}

interface Graph {
  heads: Int32Array;
  tails: Int32Array;
  /** Epochs between two samples of each edge: the strongest edge is sampled every epoch. */
  epochsPerSample: Float32Array;
}

/** UMAP's fuzzy simplicial set: per-point smooth kNN memberships, symmetrised by fuzzy union a + b - ab. */
function fuzzyGraph(
  { indices, distances }: { indices: Int32Array; distances: Float32Array },
  count: number,
  k: number,
  epochs: number,
): Graph {
  const pairOf = new Map<number, number>();
  const lows: number[] = [];
  const highs: number[] = [];
  const lowToHigh: number[] = [];
  const highToLow: number[] = [];
  const target = Math.log2(k + 1); // umap-learn counts the point itself among its k
  for (let i = 0; i < count; i++) {
    const ds = distances.subarray(i * k, (i + 1) * k);
    const rho = ds.find((d) => d > 0) ?? 0;
    const membership = (d: number, sigma: number): number => (d - rho <= 0 ? 1 : Math.exp(-(d - rho) / sigma));
    let [low, high, sigma] = [0, Infinity, 1];
    for (let step = 0; step < 64; step++) {
      const sum = ds.reduce((s, d) => s + membership(d, sigma), 0);
      if (Math.abs(sum - target) < 1e-5) break;
      if (sum > target) [high, sigma] = [sigma, (low + sigma) / 2];
      else [low, sigma] = [sigma, high === Infinity ? sigma * 2 : (sigma + high) / 2];
    }
    sigma = Math.max(sigma, 1e-3 * (ds.reduce((s, d) => s + d, 0) / k));
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r]!;
      const key = Math.min(i, j) * count + Math.max(i, j);
      let pair = pairOf.get(key);
      if (pair === undefined) {
        pairOf.set(key, (pair = lows.length));
        lows.push(Math.min(i, j));
        highs.push(Math.max(i, j));
        lowToHigh.push(0);
        highToLow.push(0);
      }
      (i < j ? lowToHigh : highToLow)[pair] = membership(ds[r]!, sigma);
    }
  }
  const strengths = lowToHigh.map((a, p) => a + highToLow[p]! - a * highToLow[p]!);
  const strongest = Math.max(0, ...strengths);
  // Edges too weak to be sampled even once in `epochs` are dropped, as umap-learn does.
  const kept = strengths.flatMap((w, p) => (w > 0 && w >= strongest / epochs ? [p] : []));
  const graph: Graph = {
    heads: new Int32Array(2 * kept.length),
    tails: new Int32Array(2 * kept.length),
    epochsPerSample: new Float32Array(2 * kept.length),
  };
  kept.forEach((p, e) => {
    graph.heads.set([lows[p]!, highs[p]!], 2 * e);
    graph.tails.set([highs[p]!, lows[p]!], 2 * e);
    graph.epochsPerSample.fill(strongest / strengths[p]!, 2 * e, 2 * e + 2);
  });
  return graph;
}

/** UMAP's SGD: attract along sampled edges, repel from random points, with a learning rate falling to 0. */
async function optimiseLayout(xy: Float32Array, graph: Graph, epochs: number, random: () => number, pacer: UmapPacer): Promise<void> {
  const schedule: Schedule = {
    nextSample: graph.epochsPerSample.slice(),
    perNegative: graph.epochsPerSample.map((e) => e / NEGATIVE_SAMPLE_RATE),
    nextNegative: graph.epochsPerSample.map((e) => e / NEGATIVE_SAMPLE_RATE),
  };
  pacer.report('layout', 0, epochs);
  for (let epoch = 0; epoch < epochs; epoch++) {
    runEpoch(xy, graph, schedule, epoch, 1 - epoch / epochs, random);
    await pacer.tick('layout', epoch + 1, epochs);
  }
  pacer.report('layout', epochs, epochs);
}

interface Schedule {
  nextSample: Float32Array;
  perNegative: Float32Array;
  nextNegative: Float32Array;
}

const clip = (g: number): number => (g > 4 ? 4 : g < -4 ? -4 : g);

/** One SGD pass, kept out of the async loop so V8 optimises it as a plain function. */
function runEpoch(xy: Float32Array, graph: Graph, schedule: Schedule, epoch: number, alpha: number, random: () => number): void {
  const { heads, tails, epochsPerSample } = graph;
  const { nextSample, perNegative, nextNegative } = schedule;
  const count = xy.length / 2;
  for (let e = 0; e < heads.length; e++) {
    if (nextSample[e]! > epoch) continue;
    const i = 2 * heads[e]!;
    const j = 2 * tails[e]!;
    let dx = xy[i]! - xy[j]!;
    let dy = xy[i + 1]! - xy[j + 1]!;
    let d2 = dx * dx + dy * dy;
    if (d2 > 0) {
      const pull = (-2 * CURVE_A) / (CURVE_A * d2 + 1);
      const gx = clip(pull * dx) * alpha;
      const gy = clip(pull * dy) * alpha;
      xy[i]! += gx;
      xy[i + 1]! += gy;
      xy[j]! -= gx;
      xy[j + 1]! -= gy;
    }
    nextSample[e]! += epochsPerSample[e]!;
    const negatives = Math.floor((epoch - nextNegative[e]!) / perNegative[e]!);
    if (negatives <= 0) continue;
    nextNegative[e]! += negatives * perNegative[e]!;
    for (let s = 0; s < negatives; s++) {
      const other = 2 * Math.floor(random() * count * 2 ** -32);
      if (other === i) continue;
      dx = xy[i]! - xy[other]!;
      dy = xy[i + 1]! - xy[other + 1]!;
      d2 = dx * dx + dy * dy;
      if (d2 <= 0) continue;
      const push = 2 / ((0.001 + d2) * (CURVE_A * d2 + 1));
      xy[i]! += clip(push * dx) * alpha;
      xy[i + 1]! += clip(push * dy) * alpha;
    }
  }
}

/**
 * Start from the two principal components (power iteration on the covariance), scaled to ±10
 * as umap-learn scales its spectral start, plus a little noise so identical rows can part.
 */
function pcaStart(rows: Float32Array, count: number, dim: number, random: () => number): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < count * dim; i++) mean[i % dim]! += rows[i]! / count;
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let a = 0; a < dim; a++) centred[a] = rows[r * dim + a]! - mean[a]!;
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) covariance[a * dim + b]! += centred[a]! * centred[b]!;
  }
  const xy = new Float32Array(count * 2);
  for (let component = 0; component < 2; component++) {
    let axis = Float64Array.from({ length: dim }, () => random() / 2 ** 32 - 0.5);
    let eigenvalue = 0;
    for (let step = 0; step < 100; step++) {
      const next = new Float64Array(dim);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) next[a]! += covariance[a * dim + b]! * axis[b]!;
      eigenvalue = Math.hypot(...next);
      if (eigenvalue === 0) break;
      axis = next.map((v) => v / eigenvalue);
    }
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) covariance[a * dim + b]! -= eigenvalue * axis[a]! * axis[b]!;
    for (let r = 0; r < count; r++) {
      let projection = 0;
      for (let a = 0; a < dim; a++) projection += (rows[r * dim + a]! - mean[a]!) * axis[a]!;
      xy[2 * r + component] = eigenvalue > 0 ? projection : 0;
    }
  }
  const largest = xy.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = largest > 0 ? 10 / largest : 1;
  return xy.map((v) => v * scale + (random() / 2 ** 32 - 0.5) * 2e-3);
}
