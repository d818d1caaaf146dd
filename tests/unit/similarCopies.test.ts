import { describe, expect, it } from 'vitest';
import { withoutCopies, type SoundForCopies } from '../../src/domain/similarity/copies';
import { layoutFromSizes } from '../../src/domain/similarity/embeddingLayout';
import { dot, normaliseAspects, weightedEmbedding } from '../../src/domain/similarity/vectors';
import { seededNoise } from '../support/signals';

const LAYOUT = layoutFromSizes({ timbre: 16, pitch: 12, envelope: 8, rhythm: 8, spectrum: 12 });
const noise = seededNoise(7);
const randomSound = (): Float32Array => normaliseAspects(Float32Array.from({ length: LAYOUT.dimension }, noise), LAYOUT);
/** Another encoding of the same sound nudges every number a little. */
const copyOf = (vector: Float32Array): Float32Array =>
  normaliseAspects(
    Float32Array.from(vector, (v) => v + 0.02 * noise()),
    LAYOUT,
  );
/** A sound near another, not the same: a kick of the same kit. */
const neighbourOf = (vector: Float32Array): Float32Array =>
  normaliseAspects(
    Float32Array.from(vector, (v) => v + 0.6 * noise()),
    LAYOUT,
  );

describe('withoutCopies ("more like this" lists other sounds)', () => {
  const kick = randomSound();
  const otherKick = neighbourOf(kick);
  const snare = randomSound();
  const sounds = new Map<number, SoundForCopies>([
    [1, { vector: copyOf(kick), duration: 0.5 }], // the reference in another format
    [2, { vector: otherKick, duration: 0.45 }],
    [3, { vector: copyOf(otherKick), duration: 0.46 }], // the second kick again
    [4, { vector: copyOf(kick), duration: 1.5 }], // the reference's sound, but three times as long: not a copy
    [5, { vector: snare, duration: 0.3 }],
  ]);
  const ranked = [1, 2, 3, 4, 5, 6].map((id, rank) => ({ id, score: 1 - rank / 10 }));

  it('leaves out copies of the reference and of a sound ranked above, and counts them', () => {
    const { results, copies } = withoutCopies(ranked, (id) => sounds.get(id), { vector: kick, duration: 0.5 }, LAYOUT);
    expect(results.map((r) => r.id)).toEqual([2, 4, 5, 6]); // 6: no sound known, kept
    expect(copies).toBe(2);
    expect(results[0]).toEqual(ranked[1]); // scores as they were
  });

  it('without a reference (an example of unknown length) still folds copies among the results', () => {
    const { results, copies } = withoutCopies(ranked, (id) => sounds.get(id), null, LAYOUT);
    expect(results.map((r) => r.id)).toEqual([1, 2, 4, 5, 6]);
    expect(copies).toBe(1);
  });

  it('follows copies of copies: two lossy copies unlike each other are both copies of the WAV', () => {
    const wav = randomSound();
    const away = randomSound();
    const lossy = (sign: number) =>
      normaliseAspects(
        Float32Array.from(wav, (v, i) => v + sign * 0.17 * away[i]!),
        LAYOUT,
      );
    const [aac, ogg] = [lossy(1), lossy(-1)];
    const overall = (a: Float32Array, b: Float32Array) => dot(weightedEmbedding(a, LAYOUT), weightedEmbedding(b, LAYOUT));
    // As measured on the corpus's kick: AAC and Ogg 0.961, each 0.975-0.98 with the WAV.
    expect(overall(aac, ogg)).toBeLessThan(0.97);
    expect(Math.min(overall(aac, wav), overall(ogg, wav))).toBeGreaterThanOrEqual(0.97);
    const copies = new Map([
      [1, { vector: aac, duration: 0.27 }],
      [2, { vector: ogg, duration: 0.27 }],
      [3, { vector: wav, duration: 0.27 }],
    ]);
    const ranked = [1, 2, 3].map((id) => ({ id, score: 0.9 }));
    expect(withoutCopies(ranked, (id) => copies.get(id), null, LAYOUT)).toEqual({ results: [ranked[0]], copies: 2 });
  });
});
