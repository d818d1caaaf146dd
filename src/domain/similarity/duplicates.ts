/**
 * Near-duplicate grouping: the same sound saved twice (another format, a trimmed tail, renamed in
 * another pack). Two samples are copies when their overall similarity reaches a threshold AND
 * their durations agree; copies of copies join one group (union-find), and each group names the
 * copy to keep (keepRanking.ts). Candidate pairs come from locality-sensitive hashing
 * (simHash.ts), not from all N² pairs or a k-NN search per sample, both quadratic at 100k.
 */
import type { EmbeddingLayout } from './embeddingLayout';
import { VectorError, validateLayout } from './embeddingLayout';
import type { SampleFacts } from './keepRanking';
import { chooseKeeper } from './keepRanking';
import { forEachBucket, planTables } from './simHash';
import { dotAt, normaliseAspects, weightedEmbedding } from './vectors';

export type { SampleFacts } from './keepRanking';
export { chooseKeeper, compareKeepPreference, formatTier } from './keepRanking';

export interface DuplicateCandidate {
  id: number;
  /** The sample's embedding (normalised per aspect here, so raw extractor output is fine). */
  vector: Float32Array;
  facts: SampleFacts;
}

/** Durations agree when they differ by at most `seconds` OR by at most `relative` of the longer one. */
export interface DurationTolerance {
  relative: number;
  seconds: number;
}

export interface DuplicateOptions {
  /** Minimum overall similarity (all aspects weighted equally), in (0, 1]. Default 0.97. */
  threshold?: number;
  /** Default 10 % or 0.3 s, whichever is larger: a copy with its silence trimmed still matches. */
  durationTolerance?: DurationTolerance;
  /** Seeds the hash planes: the same input and seed give the same groups. */
  seed?: number;
}

export interface DuplicateGroup {
  keep: number;
  /** The other copies, lowest id first. */
  others: number[];
  /** The lowest similarity between the kept copy and another one (below the threshold only when copies chain). */
  score: number;
}

export const DEFAULT_DUPLICATE_THRESHOLD = 0.97;
export const DEFAULT_DURATION_TOLERANCE: DurationTolerance = { relative: 0.1, seconds: 0.3 };

export function durationsAgree(a: number, b: number, tolerance: DurationTolerance = DEFAULT_DURATION_TOLERANCE): boolean {
  const difference = Math.abs(a - b);
  return difference <= tolerance.seconds || difference <= tolerance.relative * Math.max(a, b);
}

/** Groups of copies, the most certain (highest score) first. Samples without a copy are in no group. */
export function findDuplicateGroups(
  samples: readonly DuplicateCandidate[],
  layout: EmbeddingLayout,
  options: DuplicateOptions = {},
): DuplicateGroup[] {
  validateLayout(layout);
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const tolerance = options.durationTolerance ?? DEFAULT_DURATION_TOLERANCE;
  if (!(threshold > 0 && threshold <= 1)) throw new VectorError('bad_argument', `the threshold must lie in (0, 1], got ${threshold}`);
  if (!(tolerance.relative >= 0 && tolerance.relative < 1 && tolerance.seconds >= 0)) {
    throw new VectorError('bad_argument', 'the duration tolerance needs seconds >= 0 and 0 <= relative < 1');
  }
  const ids = new Set<number>();
  for (const { id, facts } of samples) {
    if (ids.has(id)) throw new VectorError('duplicate_id', `id ${id} appears twice`);
    if (!(facts.durationSeconds >= 0 && Number.isFinite(facts.durationSeconds))) {
      throw new VectorError('bad_argument', `sample ${id} has no valid duration (${facts.durationSeconds})`);
    }
    ids.add(id);
  }

  // Rows in "similarity space" (vectors.ts weightedEmbedding): a plain dot product is the overall
  // similarity, symmetric, and 1 for identical sounds even when both lack an aspect.
  const { dimension } = layout;
  const rows = new Float32Array(samples.length * dimension);
  const scratch = new Float32Array(dimension);
  const measured: number[] = []; // an all-zero embedding (silence) matches nothing, and would fill one bucket of every table
  samples.forEach((sample, row) => {
    const weighted = weightedEmbedding(normaliseAspects(sample.vector, layout, scratch), layout);
    rows.set(weighted, row * dimension);
    if (weighted.some((value) => value !== 0)) measured.push(row);
  });
  const durations = Float64Array.from(samples, (sample) => sample.facts.durationSeconds);
  const byDuration = Int32Array.from(measured).sort((a, b) => durations[a]! - durations[b]!);

  const groups = new UnionFind(samples.length);
  forEachBucket(rows, dimension, byDuration, planTables(threshold), options.seed ?? 1, (members) => {
    for (let i = 0; i < members.length; i++) {
      const a = members[i]!;
      for (let j = i + 1; j < members.length; j++) {
        const b = members[j]!;
        // Members come shortest first and agreement only gets harder as b gets longer: stop at the first miss.
        if (!durationsAgree(durations[a]!, durations[b]!, tolerance)) break;
        if (groups.find(a) === groups.find(b)) continue;
        if (dotAt(rows, a * dimension, rows, b * dimension, dimension) >= threshold) groups.union(a, b);
      }
    }
  });
  return collectGroups(samples, groups, (a, b) => dotAt(rows, a * dimension, rows, b * dimension, dimension));
}

function collectGroups(
  samples: readonly DuplicateCandidate[],
  groups: UnionFind,
  similarityOf: (a: number, b: number) => number,
): DuplicateGroup[] {
  const members = new Map<number, number[]>();
  for (let row = 0; row < samples.length; row++) {
    if (groups.sizeOf(row) < 2) continue;
    const root = groups.find(row);
    const list = members.get(root);
    if (list) list.push(row);
    else members.set(root, [row]);
  }
  const result: DuplicateGroup[] = [];
  for (const rowsOfGroup of members.values()) {
    const copies = rowsOfGroup.map((row) => ({ row, id: samples[row]!.id, facts: samples[row]!.facts }));
    const keeper = chooseKeeper(copies);
    const others = copies.filter((copy) => copy !== keeper);
    const score = others.reduce((lowest, copy) => Math.min(lowest, similarityOf(keeper.row, copy.row)), Infinity);
    result.push({ keep: keeper.id, others: others.map((copy) => copy.id).sort((a, b) => a - b), score });
  }
  return result.sort((a, b) => b.score - a.score || a.keep - b.keep);
}

/** Disjoint sets over rows 0..n-1, union by size with path halving: near O(1) per operation. */
class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i);
    this.size = new Int32Array(count).fill(1);
  }

  find(row: number): number {
    const { parent } = this;
    while (parent[row] !== row) {
      parent[row] = parent[parent[row]!]!;
      row = parent[row]!;
    }
    return row;
  }

  union(a: number, b: number): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA]! += this.size[rootB]!;
  }

  /** The number of rows in the row's set. */
  sizeOf(row: number): number {
    return this.size[this.find(row)]!;
  }
}
