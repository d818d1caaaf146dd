/**
 * The shape of a sample's embedding: one Float32Array of fixed dimension made of aspect slices
 * (timbre, pitch, ...), each L2-normalised on its own, so that a weighted sum of per-slice dot
 * products is a similarity in [-1, 1] with 1 meaning identical. The feature extractor owns the
 * numbers; this module owns the maths that every consumer (search, duplicates, map) shares.
 */
import { SampleMindError } from '../errors';

export const ASPECT_NAMES = ['timbre', 'pitch', 'envelope', 'rhythm', 'spectrum'] as const;
export type AspectName = (typeof ASPECT_NAMES)[number];

/** A slice [start, end) of the embedding; an empty slice (start === end) is allowed. */
export interface AspectRange {
  start: number;
  end: number;
}

export interface EmbeddingLayout {
  dimension: number;
  aspects: Record<AspectName, AspectRange>;
}

/** How much each aspect counts, each >= 0. An aspect left out counts 0; no weights at all means "overall" (all equal). */
export type AspectWeights = Partial<Record<AspectName, number>>;

/** What a caller got wrong; `code` is always 'bad_request', `reason` says which rule was broken. */
export type VectorErrorReason =
  'bad_layout' | 'bad_weights' | 'dimension_mismatch' | 'bad_vector' | 'bad_id' | 'duplicate_id' | 'bad_argument' | 'corrupt_index';

export class VectorError extends SampleMindError {
  readonly reason: VectorErrorReason;

  constructor(reason: VectorErrorReason, message: string) {
    super('bad_request', message);
    this.name = 'VectorError';
    this.reason = reason;
  }
}

/** A layout with the aspects laid end to end in ASPECT_NAMES order. */
export function layoutFromSizes(sizes: Record<AspectName, number>): EmbeddingLayout {
  let start = 0;
  const aspects = {} as Record<AspectName, AspectRange>;
  for (const name of ASPECT_NAMES) {
    aspects[name] = { start, end: start + sizes[name] };
    start += sizes[name];
  }
  return validateLayout({ dimension: start, aspects });
}

/** Throws a VectorError('bad_layout') unless every slice lies inside the vector and no two overlap. */
export function validateLayout(layout: EmbeddingLayout): EmbeddingLayout {
  const { dimension } = layout;
  if (!Number.isInteger(dimension) || dimension <= 0)
    throw new VectorError('bad_layout', `dimension must be a positive integer, got ${dimension}`);
  const ranges = ASPECT_NAMES.map((name) => ({ name, range: layout.aspects[name] }));
  for (const { name, range } of ranges) {
    if (!range) throw new VectorError('bad_layout', `the layout has no ${name} slice`);
    const { start, end } = range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > dimension) {
      throw new VectorError('bad_layout', `the ${name} slice [${start}, ${end}) does not fit a vector of ${dimension}`);
    }
  }
  const sorted = ranges.filter(({ range }) => range.end > range.start).sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.range.start < previous.range.end)
      throw new VectorError('bad_layout', `the ${previous.name} and ${current.name} slices overlap`);
  }
  return layout;
}

/**
 * Each aspect's share of the similarity, w_a / Σw (summing to 1). Throws VectorError('bad_weights')
 * for a negative or non-finite weight, or when every weight is 0 (the similarity would be 0/0).
 */
export function resolveWeights(weights: AspectWeights | undefined): Record<AspectName, number> {
  const shares = {} as Record<AspectName, number>;
  let total = 0;
  for (const name of ASPECT_NAMES) {
    const weight = weights === undefined ? 1 : (weights[name] ?? 0);
    if (!Number.isFinite(weight) || weight < 0)
      throw new VectorError('bad_weights', `the ${name} weight must be a finite number >= 0, got ${weight}`);
    shares[name] = weight;
    total += weight;
  }
  if (total === 0) throw new VectorError('bad_weights', 'at least one aspect needs a weight above 0');
  for (const name of ASPECT_NAMES) shares[name] /= total;
  return shares;
}
