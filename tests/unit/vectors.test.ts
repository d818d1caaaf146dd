import { describe, expect, it } from 'vitest';
import type { AspectName, EmbeddingLayout } from '../../src/domain/similarity/embeddingLayout';
import { ASPECT_NAMES, VectorError, layoutFromSizes, resolveWeights, validateLayout } from '../../src/domain/similarity/embeddingLayout';
import { dot, foldWeights, normaliseAspects, similarity, weightedEmbedding } from '../../src/domain/similarity/vectors';
import { seededNoise } from '../support/signals';

const LAYOUT = layoutFromSizes({ timbre: 5, pitch: 3, envelope: 4, rhythm: 2, spectrum: 3 });
/** Slices out of order, with gaps (dims 0, 6 and 11) and an empty rhythm slice. */
const GAPPY: EmbeddingLayout = {
  dimension: 12,
  aspects: {
    spectrum: { start: 1, end: 3 },
    timbre: { start: 3, end: 6 },
    pitch: { start: 7, end: 9 },
    envelope: { start: 9, end: 11 },
    rhythm: { start: 11, end: 11 },
  },
};

function randomVector(noise: () => number, dimension: number): Float32Array {
  return Float32Array.from({ length: dimension }, noise);
}

function sliceNorm(vector: Float32Array, layout: EmbeddingLayout, name: AspectName): number {
  const { start, end } = layout.aspects[name];
  return Math.hypot(...vector.subarray(start, end));
}

/** The definition, written out with no shortcut: Σ w_a · dot(x_a, y_a) / Σ w_a over the aspects the query x has. */
function similarityByDefinition(x: Float32Array, y: Float32Array, layout: EmbeddingLayout, weights: Record<AspectName, number>): number {
  let weighted = 0;
  let total = 0;
  for (const name of ASPECT_NAMES) {
    const { start, end } = layout.aspects[name];
    if (x.subarray(start, end).every((value) => value === 0)) continue;
    let product = 0;
    for (let i = start; i < end; i++) product += x[i]! * y[i]!;
    weighted += weights[name] * product;
    total += weights[name];
  }
  return weighted / total;
}

function expectVectorError(run: () => unknown, reason: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VectorError);
    expect((error as VectorError).code).toBe('bad_request');
    expect((error as VectorError).reason).toBe(reason);
    return;
  }
  throw new Error(`expected a VectorError(${reason})`);
}

describe('embedding layouts', () => {
  it('lays aspects end to end in the listed order', () => {
    expect(ASPECT_NAMES).toEqual(['timbre', 'pitch', 'envelope', 'rhythm', 'spectrum']);
    expect(LAYOUT.dimension).toBe(17);
    expect(LAYOUT.aspects.timbre).toEqual({ start: 0, end: 5 });
    expect(LAYOUT.aspects.spectrum).toEqual({ start: 14, end: 17 });
    expect(validateLayout(GAPPY)).toBe(GAPPY);
  });

  it('refuses slices that overlap or leave the vector', () => {
    const overlapping = { ...GAPPY, aspects: { ...GAPPY.aspects, pitch: { start: 5, end: 8 } } };
    expectVectorError(() => validateLayout(overlapping), 'bad_layout');
    expectVectorError(() => validateLayout({ ...GAPPY, dimension: 10 }), 'bad_layout');
    expectVectorError(() => validateLayout({ ...GAPPY, aspects: { ...GAPPY.aspects, rhythm: { start: 4, end: 2 } } }), 'bad_layout');
  });

  it('turns weights into shares that sum to 1, missing aspects counting 0', () => {
    expect(resolveWeights(undefined)).toEqual({ timbre: 0.2, pitch: 0.2, envelope: 0.2, rhythm: 0.2, spectrum: 0.2 });
    expect(resolveWeights({ timbre: 3, pitch: 1 })).toEqual({ timbre: 0.75, pitch: 0.25, envelope: 0, rhythm: 0, spectrum: 0 });
    expectVectorError(() => resolveWeights({ timbre: -1, pitch: 2 }), 'bad_weights');
    expectVectorError(() => resolveWeights({ timbre: Number.NaN }), 'bad_weights');
    expectVectorError(() => resolveWeights({}), 'bad_weights');
    expectVectorError(() => resolveWeights({ pitch: 0 }), 'bad_weights');
  });
});

describe('normaliseAspects', () => {
  it('makes every slice unit length and leaves values outside the slices alone', () => {
    const noise = seededNoise(1);
    const vector = randomVector(noise, GAPPY.dimension);
    const original = vector.slice();
    expect(normaliseAspects(vector, GAPPY)).toBe(vector);
    for (const name of ['timbre', 'pitch', 'envelope', 'spectrum'] as const) expect(sliceNorm(vector, GAPPY, name)).toBeCloseTo(1, 6);
    for (const outside of [0, 6, 11]) expect(vector[outside]).toBe(original[outside]);
    // Direction is kept: each slice is a positive multiple of the original.
    const { start, end } = GAPPY.aspects.timbre;
    const ratio = vector[start]! / original[start]!;
    expect(ratio).toBeGreaterThan(0);
    for (let i = start; i < end; i++) expect(vector[i]! / original[i]!).toBeCloseTo(ratio, 5);
  });

  it('keeps an all-zero slice zero and can write into another array', () => {
    const vector = randomVector(seededNoise(2), LAYOUT.dimension);
    vector.fill(0, LAYOUT.aspects.rhythm.start, LAYOUT.aspects.rhythm.end);
    const input = vector.slice();
    const out = normaliseAspects(vector, LAYOUT, new Float32Array(LAYOUT.dimension));
    expect(vector).toEqual(input);
    expect(sliceNorm(out, LAYOUT, 'rhythm')).toBe(0);
    expect(sliceNorm(out, LAYOUT, 'pitch')).toBeCloseTo(1, 6);
    expect(Array.from(out).every(Number.isFinite)).toBe(true);
  });

  it('refuses a vector of the wrong length or with NaN', () => {
    expectVectorError(() => normaliseAspects(new Float32Array(16), LAYOUT), 'dimension_mismatch');
    const broken = new Float32Array(LAYOUT.dimension).fill(1);
    broken[3] = Number.NaN;
    expectVectorError(() => normaliseAspects(broken, LAYOUT), 'bad_vector');
    expectVectorError(() => dot(new Float32Array(3), new Float32Array(4)), 'dimension_mismatch');
  });
});

describe('weighted similarity', () => {
  const noise = seededNoise(3);
  const pairs = Array.from({ length: 20 }, () => [
    normaliseAspects(randomVector(noise, GAPPY.dimension), GAPPY),
    normaliseAspects(randomVector(noise, GAPPY.dimension), GAPPY),
  ]);
  const weightSets = [undefined, { timbre: 3, envelope: 1 }, { pitch: 2, spectrum: 0.5, rhythm: 4 }, { spectrum: 1 }];

  it('is 1 for identical vectors and follows the formula for any weights', () => {
    const [x] = pairs[0]!;
    expect(similarity(x!, x!, GAPPY)).toBeCloseTo(1, 6); // GAPPY's rhythm slice is empty: it must not pull this to 0.8
    expect(similarity(x!, x!, GAPPY, { timbre: 1 })).toBeCloseTo(1, 6);
    for (const [a, b] of pairs) {
      for (const weights of weightSets) {
        const shares = {
          timbre: 0,
          pitch: 0,
          envelope: 0,
          rhythm: 0,
          spectrum: 0,
          ...(weights ?? { timbre: 1, pitch: 1, envelope: 1, rhythm: 1, spectrum: 1 }),
        };
        expect(similarity(a!, b!, GAPPY, weights)).toBeCloseTo(similarityByDefinition(a!, b!, GAPPY, shares), 6);
      }
    }
  });

  it('equals one plain dot product once the weights are folded into the query', () => {
    for (const [a, b] of pairs) {
      for (const weights of weightSets) {
        const folded = foldWeights(a!, GAPPY, weights);
        expect(dot(folded, b!)).toBeCloseTo(similarity(a!, b!, GAPPY, weights), 6);
        for (const outside of [0, 6, 11]) expect(folded[outside]).toBe(0);
      }
    }
  });

  it('equals a dot product of two weighted embeddings (the symmetric form)', () => {
    for (const [a, b] of pairs) {
      for (const weights of weightSets) {
        expect(dot(weightedEmbedding(a!, GAPPY, weights), weightedEmbedding(b!, GAPPY, weights))).toBeCloseTo(
          similarity(a!, b!, GAPPY, weights),
          6,
        );
      }
    }
  });

  it('gives an aspect without weight no say', () => {
    const [a, b] = pairs[1]!;
    const changed = b!.slice();
    const { start, end } = GAPPY.aspects.pitch;
    for (let i = start; i < end; i++) changed[i] = -changed[i]!;
    expect(similarity(a!, changed, GAPPY, { timbre: 1, envelope: 2 })).toBeCloseTo(
      similarity(a!, b!, GAPPY, { timbre: 1, envelope: 2 }),
      6,
    );
    expect(similarity(a!, changed, GAPPY)).not.toBeCloseTo(similarity(a!, b!, GAPPY), 3);
  });

  it('leaves out an aspect the query lacks, so a one-shot without rhythm still matches itself fully', () => {
    const noise = seededNoise(4);
    const oneShot = normaliseAspects(randomVector(noise, LAYOUT.dimension), LAYOUT).fill(
      0,
      LAYOUT.aspects.rhythm.start,
      LAYOUT.aspects.rhythm.end,
    );
    const loop = normaliseAspects(randomVector(noise, LAYOUT.dimension), LAYOUT);
    expect(similarity(oneShot, oneShot, LAYOUT)).toBeCloseTo(1, 6);
    const equalOverFour = { timbre: 1, pitch: 1, envelope: 1, rhythm: 0, spectrum: 1 };
    expect(similarity(oneShot, loop, LAYOUT)).toBeCloseTo(similarityByDefinition(oneShot, loop, LAYOUT, equalOverFour), 6);
    expect(dot(foldWeights(oneShot, LAYOUT), loop)).toBeCloseTo(similarity(oneShot, loop, LAYOUT), 6);
    // The symmetric form is 1 for identical sounds too, and marks down a pair that disagrees on having rhythm.
    expect(dot(weightedEmbedding(oneShot, LAYOUT), weightedEmbedding(oneShot, LAYOUT))).toBeCloseTo(1, 6);
    const loopWithOneShotsRhythmlessPart = loop.slice().fill(0, LAYOUT.aspects.rhythm.start, LAYOUT.aspects.rhythm.end);
    const withoutRhythm = dot(weightedEmbedding(oneShot, LAYOUT), weightedEmbedding(loopWithOneShotsRhythmlessPart, LAYOUT));
    expect(dot(weightedEmbedding(oneShot, LAYOUT), weightedEmbedding(loop, LAYOUT))).toBeCloseTo(withoutRhythm * Math.sqrt(0.8), 6);
    // A query with none of the weighted aspects scores 0 against everything rather than NaN.
    expect(similarity(oneShot, loop, LAYOUT, { rhythm: 1 })).toBe(0);
  });
});
