/**
 * Vector maths over aspect-sliced embeddings (see embeddingLayout.ts). The key identity: with
 * every slice unit length, S(x, y) = Σ_a w_a · dot(x_a, y_a) / Σ w equals ONE plain dot product
 * between y and a query whose slices were scaled by w_a / Σw (foldWeights), so a search scans
 * each stored vector exactly once whatever the weights are. The sum runs over the aspects the
 * query has (see querySharesOf), so S(x, x) = 1 even when x lacks an aspect.
 */
import type { AspectName, AspectWeights, EmbeddingLayout } from './embeddingLayout';
import { ASPECT_NAMES, VectorError, resolveWeights } from './embeddingLayout';

/** dot(a[aOffset ..], b[bOffset ..]) over `length` elements; four accumulators let the CPU overlap the adds. */
export function dotAt(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    s0 += a[aOffset + i]! * b[bOffset + i]!;
    s1 += a[aOffset + i + 1]! * b[bOffset + i + 1]!;
    s2 += a[aOffset + i + 2]! * b[bOffset + i + 2]!;
    s3 += a[aOffset + i + 3]! * b[bOffset + i + 3]!;
  }
  for (; i < length; i++) s0 += a[aOffset + i]! * b[bOffset + i]!;
  return s0 + s1 + s2 + s3;
}

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length)
    throw new VectorError('dimension_mismatch', `cannot take the dot product of vectors of ${a.length} and ${b.length}`);
  return dotAt(a, 0, b, 0, a.length);
}

/** Throws VectorError unless the vector has the layout's dimension and only finite numbers. */
export function checkVector(vector: Float32Array, layout: EmbeddingLayout): void {
  if (vector.length !== layout.dimension) {
    throw new VectorError('dimension_mismatch', `expected a vector of ${layout.dimension} numbers, got ${vector.length}`);
  }
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i]!)) throw new VectorError('bad_vector', `the vector holds ${vector[i]} at ${i}`);
  }
}

/**
 * Scales every aspect slice of `vector` to unit length, writing into `out` (default: in place)
 * and returning it. An all-zero slice (an aspect the extractor could not measure, say rhythm of
 * a one-shot) stays zero, so it adds nothing to any similarity. Values outside every slice are copied unchanged.
 */
export function normaliseAspects(vector: Float32Array, layout: EmbeddingLayout, out: Float32Array = vector): Float32Array {
  checkVector(vector, layout);
  if (out !== vector) out.set(vector);
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    let squares = 0;
    for (let i = start; i < end; i++) squares += out[i]! * out[i]!;
    if (squares === 0) continue;
    const scale = 1 / Math.sqrt(squares);
    for (let i = start; i < end; i++) out[i]! *= scale;
  }
  return out;
}

/**
 * Each aspect's share of S for this query: w_a / Σw over the aspects the query HAS. An all-zero
 * slice (rhythm of a one-shot) is left out, or a sample compared with itself would score 0.8
 * instead of 1; ranking is unchanged, as that aspect would add 0 to every candidate's score.
 * All shares are 0 when the query has none of the weighted aspects.
 */
export function querySharesOf(query: Float32Array, layout: EmbeddingLayout, weights?: AspectWeights): Record<AspectName, number> {
  const shares = resolveWeights(weights);
  let total = 0;
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    if (!query.subarray(start, end).some((value) => value !== 0)) shares[name] = 0;
    total += shares[name];
  }
  for (const name of ASPECT_NAMES) shares[name] = total > 0 ? shares[name] / total : 0;
  return shares;
}

/**
 * The query with the weights folded in: each aspect slice scaled by its share (querySharesOf),
 * everything outside the slices zero. dot(foldWeights(x), y) is then S(x, y) for
 * aspect-normalised x and y.
 */
export function foldWeights(query: Float32Array, layout: EmbeddingLayout, weights?: AspectWeights): Float32Array {
  checkVector(query, layout);
  const shares = querySharesOf(query, layout, weights);
  const folded = new Float32Array(layout.dimension);
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    for (let i = start; i < end; i++) folded[i] = query[i]! * shares[name];
  }
  return folded;
}

/**
 * The vector in a symmetric "similarity space": slices scaled by sqrt(w_a / Σw), then the whole
 * vector scaled to unit length. A plain dot product of two such vectors is their weighted cosine:
 * S itself when both have every weighted aspect, 1 for identical vectors, and lower when one has
 * an aspect the other lacks. All-pairs work (duplicate finding, hashing) needs this symmetry.
 */
export function weightedEmbedding(vector: Float32Array, layout: EmbeddingLayout, weights?: AspectWeights): Float32Array {
  checkVector(vector, layout);
  const shares = resolveWeights(weights);
  const weighted = new Float32Array(layout.dimension);
  let squares = 0;
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    const scale = Math.sqrt(shares[name]);
    for (let i = start; i < end; i++) {
      weighted[i] = vector[i]! * scale;
      squares += weighted[i]! * weighted[i]!;
    }
  }
  if (squares > 0) {
    const scale = 1 / Math.sqrt(squares);
    for (let i = 0; i < weighted.length; i++) weighted[i]! *= scale;
  }
  return weighted;
}

/**
 * S = Σ_a w_a · dot(query_a, candidate_a) / Σ_a w_a for two aspect-normalised vectors, over the
 * aspects the query has (querySharesOf); "overall" when weights are left out. 1 = identical.
 * Computed slice by slice, as the definition reads.
 */
export function similarity(query: Float32Array, candidate: Float32Array, layout: EmbeddingLayout, weights?: AspectWeights): number {
  checkVector(query, layout);
  checkVector(candidate, layout);
  const shares = querySharesOf(query, layout, weights);
  let score = 0;
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    if (shares[name] > 0) score += shares[name] * dotAt(query, start, candidate, start, end - start);
  }
  return score;
}
