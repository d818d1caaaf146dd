/**
 * Candidate pairs for near-duplicate search without comparing all N² pairs (5·10⁹ at 100k):
 * random-hyperplane locality-sensitive hashing (SimHash). Each row gets SIGNATURE_BITS sign bits,
 * one per random hyperplane; two vectors at angle θ agree on a bit with probability 1 − θ/π.
 * Each table keys rows by `bitsPerTable` of those bits, so close pairs share a bucket in some
 * table with high probability while unrelated ones rarely do.
 */
import { seededRandom } from '../random';
import { dotAt } from './vectors';

/** 128 hyperplanes: tables draw their bits from this pool, cheaper than hashing every table separately. */
const SIGNATURE_BITS = 128;
const WORDS = SIGNATURE_BITS / 32;

export interface HashPlan {
  bitsPerTable: number;
  tables: number;
}

/**
 * Tables and bits so that a pair whose cosine is exactly `threshold` lands in a common bucket
 * with probability >= `recall` (for independent tables; drawing from one pool of bits correlates
 * them a little). Fewer bits for lower thresholds keep the table count in check.
 */
export function planTables(threshold: number, recall = 0.999): HashPlan {
  const agree = 1 - Math.acos(Math.max(-1, Math.min(1, threshold))) / Math.PI;
  const tablesFor = (bitsPerTable: number): number => Math.max(1, Math.ceil(Math.log(1 - recall) / Math.log(1 - agree ** bitsPerTable)));
  let bitsPerTable = 16;
  while (bitsPerTable > 8 && tablesFor(bitsPerTable) > 32) bitsPerTable -= 2;
  return { bitsPerTable, tables: Math.min(64, tablesFor(bitsPerTable)) };
}

/** Sign bits of the listed rows against SIGNATURE_BITS Gaussian hyperplanes, WORDS Int32s per row. */
function signatures(rows: Float32Array, listed: Int32Array, dimension: number, random: () => number): Int32Array {
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const planes = Float32Array.from({ length: SIGNATURE_BITS * dimension }, gaussian);
  const bits = new Int32Array((rows.length / dimension) * WORDS);
  for (const row of listed) {
    for (let plane = 0; plane < SIGNATURE_BITS; plane++) {
      if (dotAt(planes, plane * dimension, rows, row * dimension, dimension) >= 0) bits[row * WORDS + (plane >> 5)]! |= 1 << (plane & 31);
    }
  }
  return bits;
}

/**
 * Calls `visit` with the members of every bucket holding two or more rows, table after table.
 * `rows` holds packed rows of `dimension`; only the rows listed in `order` are hashed, and
 * members come in `order`'s order (the sort is stable), so a caller that orders rows by duration
 * can stop scanning a bucket early. A pair sharing buckets in several tables is visited again.
 */
export function forEachBucket(
  rows: Float32Array,
  dimension: number,
  order: Int32Array,
  plan: HashPlan,
  seed: number,
  visit: (members: Int32Array) => void,
): void {
  const count = order.length;
  const random = seededRandom(seed);
  const bits = signatures(rows, order, dimension, random);
  const keys = new Int32Array(count);
  const starts = new Int32Array((1 << plan.bitsPerTable) + 1);
  const sorted = new Int32Array(count);
  for (let table = 0; table < plan.tables; table++) {
    const positions = drawDistinct(plan.bitsPerTable, SIGNATURE_BITS, random);
    starts.fill(0);
    for (let n = 0; n < count; n++) {
      const base = order[n]! * WORDS;
      let key = 0;
      for (let b = 0; b < positions.length; b++) key = (key << 1) | ((bits[base + (positions[b]! >> 5)]! >>> (positions[b]! & 31)) & 1);
      keys[n] = key;
      starts[key + 1]!++;
    }
    for (let key = 1; key < starts.length; key++) starts[key]! += starts[key - 1]!;
    const next = starts.slice(0, -1); // counting sort: stable, O(N + 2^bits)
    for (let n = 0; n < count; n++) sorted[next[keys[n]!]!++] = order[n]!;
    for (let key = 0; key + 1 < starts.length; key++) {
      if (starts[key + 1]! - starts[key]! >= 2) visit(sorted.subarray(starts[key]!, starts[key + 1]!));
    }
  }
}

function drawDistinct(howMany: number, from: number, random: () => number): number[] {
  const pool = Array.from({ length: from }, (_, i) => i);
  for (let i = 0; i < howMany; i++) {
    const j = i + Math.floor(random() * (from - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, howMany);
}
