import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/random';
import { dequantize, dotQuantized, quantize } from '../../src/domain/similarity/quantized';

function unitVector(random: () => number, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  let norm = 0;
  for (let i = 0; i < dimension; i++) {
    v[i] = random() * 2 - 1;
    norm += v[i]! * v[i]!;
  }
  for (let i = 0; i < dimension; i++) v[i]! /= Math.sqrt(norm);
  return v;
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('8-bit vectors', () => {
  it('round-trips each component to within half a step of its scale', () => {
    const v = Float32Array.of(0.5, -1, 0.25, 0, 0.9999);
    const q = quantize(v);
    expect(q.scale).toBeCloseTo(1 / 127, 9);
    const back = dequantize(q);
    v.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(q.scale / 2 + 1e-7));
    expect(quantize(new Float32Array(4))).toEqual({ q: new Int8Array(4), scale: 1 });
  });

  it('keeps cosines of 512-number unit vectors within 0.01 and the nearest neighbours in order', () => {
    const random = seededRandom(7);
    const library = Array.from({ length: 1000 }, () => unitVector(random, 512));
    const stored = library.map(quantize);
    for (let trial = 0; trial < 5; trial++) {
      // A query close to one sample, as a search by words finds a few clear matches among many.
      const near = library[trial * 97]!;
      const query = unitVector(random, 512).map((x, i) => 0.3 * x + near[i]!);
      const norm = Math.hypot(...query);
      query.forEach((_, i) => (query[i]! /= norm));
      const exact = library.map((v, id) => ({ id, score: dot(query, v) })).sort((a, b) => b.score - a.score);
      const approx = stored.map((v, id) => ({ id, score: dotQuantized(query, v) })).sort((a, b) => b.score - a.score);
      for (const { id, score } of exact.slice(0, 50)) expect(Math.abs(dotQuantized(query, stored[id]!) - score)).toBeLessThan(0.01);
      expect(approx[0]!.id).toBe(trial * 97);
      const top10 = new Set(exact.slice(0, 10).map((e) => e.id));
      expect(approx.slice(0, 10).filter((e) => top10.has(e.id)).length).toBeGreaterThanOrEqual(9);
    }
  });
});
