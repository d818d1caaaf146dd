import { describe, expect, it } from 'vitest';
import type { AspectWeights, EmbeddingLayout } from '../../src/domain/similarity/embeddingLayout';
import { VectorError, layoutFromSizes } from '../../src/domain/similarity/embeddingLayout';
import type { VectorSearchOptions } from '../../src/domain/similarity/vectorIndex';
import { VectorIndex } from '../../src/domain/similarity/vectorIndex';
import { normaliseAspects, similarity } from '../../src/domain/similarity/vectors';
import { seededNoise } from '../support/signals';

/** 17 dimensions: not a multiple of the scan's 4 lanes, so row padding is exercised. */
const LAYOUT = layoutFromSizes({ timbre: 5, pitch: 3, envelope: 4, rhythm: 2, spectrum: 3 });
const WEIGHT_SETS: (AspectWeights | undefined)[] = [
  undefined,
  { timbre: 3, envelope: 1 },
  { pitch: 1 },
  { spectrum: 2, rhythm: 1, timbre: 0.5 },
];

function randomVectors(count: number, seed: number, layout: EmbeddingLayout = LAYOUT): Float32Array[] {
  const noise = seededNoise(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: layout.dimension }, noise));
}

/** Vectors in tight clusters, where many scores are close: what makes an approximate scan miss. */
function clusteredVectors(count: number, seed: number): Float32Array[] {
  const noise = seededNoise(seed);
  const centres = randomVectors(12, seed + 1);
  return Array.from({ length: count }, (_, n) => Float32Array.from(centres[n % centres.length]!, (value) => value + 0.15 * noise()));
}

/** The reference: score every stored vector with similarity() and sort (best first, lower id on ties). */
function bruteForce(stored: Map<number, Float32Array>, query: Float32Array, k: number, options: VectorSearchOptions = {}) {
  const normalisedQuery = normaliseAspects(query, LAYOUT, new Float32Array(LAYOUT.dimension));
  return [...stored]
    .filter(([id]) => id !== options.exclude && (options.filter?.(id) ?? true))
    .map(([id, vector]) => ({
      id,
      score: similarity(normalisedQuery, normaliseAspects(vector, LAYOUT, new Float32Array(LAYOUT.dimension)), LAYOUT, options.weights),
    }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}

function expectSameHits(actual: { id: number; score: number }[], expected: { id: number; score: number }[]): void {
  expect(actual.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
  actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 5));
}

function filledIndex(vectors: Float32Array[], quantise = false): { index: VectorIndex; stored: Map<number, Float32Array> } {
  const index = new VectorIndex(LAYOUT, { quantiseFrom: quantise ? 0 : Infinity });
  const stored = new Map<number, Float32Array>();
  vectors.forEach((vector, n) => {
    const id = 1000 + 7 * n; // ids unlike row numbers, so a row/id mix-up shows
    index.add(id, vector);
    stored.set(id, vector);
  });
  return { index, stored };
}

describe('VectorIndex search', () => {
  const { index, stored } = filledIndex(randomVectors(600, 1));
  const queries = randomVectors(8, 2);

  it('returns what sorting every similarity would, for any weights', () => {
    expect(index.size).toBe(600);
    expect(index.capacity).toBeGreaterThanOrEqual(600); // grew by doubling from the default
    for (const query of queries) {
      for (const weights of WEIGHT_SETS) expectSameHits(index.search(query, 15, { weights }), bruteForce(stored, query, 15, { weights }));
    }
  });

  it('finds a stored vector as its own best match with score 1', () => {
    const [id, vector] = [...stored][123]!;
    const [best] = index.search(vector, 3);
    expect(best!.id).toBe(id);
    expect(best!.score).toBeCloseTo(1, 5);
    expect(index.isQuantised).toBe(false);
    expect(index.search(vector, 3, { exclude: id }).map((hit) => hit.id)).not.toContain(id);
  });

  it('respects filter and exclude and still returns the best of what is left', () => {
    const even = (id: number): boolean => id % 2 === 0;
    for (const query of queries) {
      const exclude = bruteForce(stored, query, 1, { filter: even })[0]!.id;
      const options = { filter: even, exclude, weights: { timbre: 1, pitch: 2 } };
      const hits = index.search(query, 10, options);
      expect(hits).toHaveLength(10);
      expect(hits.every((hit) => even(hit.id) && hit.id !== exclude)).toBe(true);
      expectSameHits(hits, bruteForce(stored, query, 10, options));
    }
  });

  it('returns everything, sorted, when k exceeds the size, and nothing for k = 0', () => {
    const small = filledIndex(randomVectors(5, 3)).index;
    const hits = small.search(queries[0]!, 50);
    expect(hits).toHaveLength(5);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(small.search(queries[0]!, 0)).toEqual([]);
    expect(new VectorIndex(LAYOUT).search(queries[0]!, 5)).toEqual([]);
  });

  it('orders equal scores by the lower id', () => {
    const twins = new VectorIndex(LAYOUT);
    const [vector] = randomVectors(1, 4);
    for (const id of [9, 3, 7]) twins.add(id, vector!);
    expect(twins.search(vector!, 2).map((hit) => hit.id)).toEqual([3, 7]);
  });
});

describe('VectorIndex updates', () => {
  it('keeps search exact through removals (swap-remove) and upserts', () => {
    const vectors = randomVectors(300, 5);
    const { index, stored } = filledIndex(vectors);
    const replacements = randomVectors(40, 6);
    [...stored.keys()].forEach((id, n) => {
      if (n % 3 === 0) {
        expect(index.remove(id)).toBe(true);
        stored.delete(id);
      } else if (n % 7 === 0) {
        const replacement = replacements[n % replacements.length]!;
        index.upsert(id, replacement);
        stored.set(id, replacement);
      }
    });
    index.upsert(42, vectors[0]!);
    stored.set(42, vectors[0]!);
    expect(index.size).toBe(stored.size);
    expect(index.remove(1000)).toBe(false); // already removed
    expect(index.has(1000)).toBe(false);
    expect(index.get(1000)).toBeUndefined();
    expect(Array.from(index.get(42)!)).toEqual(Array.from(normaliseAspects(vectors[0]!, LAYOUT, new Float32Array(LAYOUT.dimension))));
    expect(new Set(index.ids())).toEqual(new Set(stored.keys()));
    for (const query of randomVectors(5, 7)) expectSameHits(index.search(query, 12), bruteForce(stored, query, 12));
  });

  it('refuses a second add of an id, a wrong-sized vector, a bad id and a bad k', () => {
    const index = new VectorIndex(LAYOUT);
    const [vector] = randomVectors(1, 8);
    index.add(1, vector!);
    const reasons = [
      () => index.add(1, vector!),
      () => index.add(2, new Float32Array(16)),
      () => index.add(2.5, vector!),
      () => index.add(3, new Float32Array(LAYOUT.dimension).fill(Number.POSITIVE_INFINITY)),
      () => index.search(vector!, -1),
      () => index.search(new Float32Array(3), 1),
    ].map((run) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        expect((error as VectorError).code).toBe('bad_request');
        return (error as VectorError).reason;
      }
    });
    expect(reasons).toEqual(['duplicate_id', 'dimension_mismatch', 'bad_id', 'bad_vector', 'bad_argument', 'dimension_mismatch']);
    expect(index.size).toBe(1);
  });
});

describe('VectorIndex serialisation', () => {
  it('round-trips through the stored typed arrays with identical results', () => {
    const { index } = filledIndex(randomVectors(250, 9));
    index.remove(1007);
    const stored = index.serialise();
    expect(stored.dimension).toBe(17);
    expect(stored.ids).toBeInstanceOf(Float64Array);
    expect(stored.ids).toHaveLength(249);
    expect(stored.vectors).toHaveLength(249 * 17); // packed without the scan's padding
    const restored = VectorIndex.fromSerialised(stored, LAYOUT);
    expect(restored.size).toBe(249);
    expect(restored.get(1014)).toEqual(index.get(1014));
    for (const query of randomVectors(4, 10))
      expect(restored.search(query, 10, { weights: { rhythm: 1, timbre: 2 } })).toEqual(
        index.search(query, 10, { weights: { rhythm: 1, timbre: 2 } }),
      );
    restored.add(1, randomVectors(1, 11)[0]!); // and it stays usable
    expect(restored.size).toBe(250);
  });

  it('refuses arrays that do not fit together', () => {
    const stored = filledIndex(randomVectors(10, 12)).index.serialise();
    const attempts = [
      { ...stored, vectors: stored.vectors.subarray(1) },
      { ...stored, dimension: 16 },
      { ...stored, ids: Float64Array.from(stored.ids, (id, n) => (n === 3 ? stored.ids[0]! : id)) },
      { ...stored, vectors: Float32Array.from(stored.vectors, (value, n) => (n === 40 ? Number.NaN : value)) },
    ];
    for (const attempt of attempts) expect(() => VectorIndex.fromSerialised(attempt, LAYOUT)).toThrow(VectorError);
  });
});

describe('quantised VectorIndex', () => {
  it('returns exact float scores and recall@20 of at least 0.95 on clustered data', () => {
    const { index, stored } = filledIndex(clusteredVectors(1500, 13), true);
    let found = 0;
    const queries = clusteredVectors(20, 14);
    for (const query of queries) {
      for (const weights of [undefined, { timbre: 3, pitch: 1 }]) {
        const exact = bruteForce(stored, query, 20, { weights });
        const hits = index.search(query, 20, { weights });
        const exactScores = new Map(exact.map((hit) => [hit.id, hit.score]));
        for (const hit of hits) {
          const reference = exactScores.get(hit.id);
          if (reference === undefined) continue;
          found++;
          expect(hit.score).toBeCloseTo(reference, 5); // re-ranked in float, not a quantised score
        }
        expect(index.search(query, 20, { weights, exact: true }).map((hit) => hit.id)).toEqual(exact.map((hit) => hit.id));
      }
    }
    expect(found / (queries.length * 2 * 20)).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps its quantised rows in step through swap-removes, upserts and serialisation', () => {
    // Rows share quantised slots in pairs; a mistake in moving them would make stored vectors stop finding themselves.
    const vectors = randomVectors(101, 15);
    const index = new VectorIndex(LAYOUT, { quantiseFrom: 60 }); // built part way through the adds
    const stored = new Map<number, Float32Array>();
    vectors.forEach((vector, n) => {
      expect(index.isQuantised).toBe(n >= 60);
      index.add(n * 3, vector);
      stored.set(n * 3, vector);
    });
    [...stored.keys()].forEach((id, n) => {
      if (n % 4 === 1 || n === 100) {
        index.remove(id);
        stored.delete(id);
      }
    });
    const replacements = randomVectors(10, 16);
    [...stored.keys()].slice(0, 10).forEach((id, n) => {
      index.upsert(id, replacements[n]!);
      stored.set(id, replacements[n]!);
    });
    const restored = VectorIndex.fromSerialised(index.serialise(), LAYOUT, { quantiseFrom: 0 });
    expect(restored.isQuantised).toBe(true);
    for (const candidate of [index, restored]) {
      for (const [id, vector] of stored) {
        const [best] = candidate.search(vector, 1, { candidates: 1 }); // the quantised scan alone must rank it first
        expect(best!.id).toBe(id);
        expect(best!.score).toBeCloseTo(1, 5);
      }
    }
  });
});
