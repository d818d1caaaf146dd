/**
 * A second, quantised copy of the index's rows that scans about twice as fast as the floats in
 * JavaScript (no SIMD): components become integers in [-127, 127] (int8 steps) and TWO rows share
 * each Float64 slot, row 2p in the low lane and row 2p+1 times 2^24 in the high lane. One
 * multiply-add then advances two dot products at once; the query's integer scale is chosen so
 * that a lane's sum stays below 2^23 and the whole double stays an exact integer (< 2^53), so the
 * two sums separate exactly. The scores are approximate (quantised), so the index re-ranks the
 * best candidates with the float rows.
 */
import type { EmbeddingLayout } from './embeddingLayout';
import { ASPECT_NAMES } from './embeddingLayout';
import type { TopK } from './topK';

const LANE = 2 ** 24;
const INVERSE_LANE = 2 ** -24; // exact: multiplying by it is dividing by LANE, only faster
/** A lane's sum must stay strictly inside ±2^23 to be recovered from the double. */
const LANE_LIMIT = 2 ** 23 - 1;
/** Slices are unit length, so every stored component lies in [-1, 1]: 127 gives int8 steps. */
const VECTOR_SCALE = 127;

export class QuantisedRows {
  private pairs: Float64Array;
  /** 1 inside an aspect slice, 0 outside: values outside every slice never count, so they are stored as 0. */
  private readonly inSlices: Float32Array;

  constructor(
    layout: EmbeddingLayout,
    private readonly stride: number,
    capacityRows: number,
  ) {
    this.pairs = new Float64Array(Math.ceil(capacityRows / 2) * stride);
    this.inSlices = new Float32Array(stride);
    for (const name of ASPECT_NAMES) this.inSlices.fill(1, layout.aspects[name].start, layout.aspects[name].end);
  }

  get byteLength(): number {
    return this.pairs.byteLength;
  }

  grow(capacityRows: number): void {
    const pairs = new Float64Array(Math.ceil(capacityRows / 2) * this.stride);
    pairs.set(this.pairs.subarray(0, Math.min(this.pairs.length, pairs.length)));
    this.pairs = pairs;
  }

  /** Stores the quantised copy of a float row (`source` from `offset`, `stride` values). */
  write(row: number, source: Float32Array, offset: number): void {
    const { pairs, stride, inSlices } = this;
    const base = (row >> 1) * stride;
    const odd = row & 1;
    for (let i = 0; i < stride; i++) {
      const x = source[offset + i]!;
      const value = Math.round((x > 1 ? 1 : x < -1 ? -1 : x) * inSlices[i]! * VECTOR_SCALE);
      const slot = pairs[base + i]!;
      const high = Math.round(slot * INVERSE_LANE);
      pairs[base + i] = odd ? slot + (value - high) * LANE : value + high * LANE;
    }
  }

  /** Quantises rows 0..rows-1 of `source` (packed at `stride`) in one pass, two rows per slot. */
  writeAll(source: Float32Array, rows: number): void {
    const { pairs, stride, inSlices } = this;
    const quantise = (x: number, i: number): number => Math.round((x > 1 ? 1 : x < -1 ? -1 : x) * inSlices[i]! * VECTOR_SCALE);
    for (let row = 0; row < rows; row += 2) {
      const base = row * stride;
      const slots = (row >> 1) * stride;
      const hasHigh = row + 1 < rows;
      for (let i = 0; i < stride; i++) {
        const high = hasHigh ? quantise(source[base + stride + i]!, i) : 0;
        pairs[slots + i] = quantise(source[base + i]!, i) + high * LANE;
      }
    }
  }

  /** Copies row `from` into row `to` and clears `from` (the index's swap-remove). */
  move(from: number, to: number): void {
    for (let i = 0; i < this.stride; i++) {
      this.setLane(to, i, this.lane(from, i));
      this.setLane(from, i, 0);
    }
  }

  clear(row: number): void {
    for (let i = 0; i < this.stride; i++) this.setLane(row, i, 0);
  }

  /**
   * Offers every row's approximate score (in integer units, comparable only within one scan) to
   * `candidates`, except rows whose id `skip` accepts (the search's exclude and filter).
   */
  scan(
    folded: Float32Array,
    start: number,
    end: number,
    rows: number,
    rowIds: Float64Array,
    candidates: TopK,
    skip: (id: number) => boolean,
  ): void {
    const query = this.quantiseQuery(folded);
    const { pairs, stride } = this;
    let threshold = -Infinity;
    for (let row = 0, base = 0; row < rows; row += 2, base += stride) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = start; i < end; i += 4) {
        s0 += query[i]! * pairs[base + i]!;
        s1 += query[i + 1]! * pairs[base + i + 1]!;
        s2 += query[i + 2]! * pairs[base + i + 2]!;
        s3 += query[i + 3]! * pairs[base + i + 3]!;
      }
      const sum = s0 + s1 + s2 + s3;
      const high = Math.round(sum * INVERSE_LANE);
      const low = sum - high * LANE;
      // Inlined rather than a helper closure: a captured, reassigned threshold slowed the loop down.
      if (low >= threshold && !skip(rowIds[row]!)) {
        candidates.offer(low, rowIds[row]!);
        threshold = candidates.threshold;
      }
      if (high >= threshold && row + 1 < rows && !skip(rowIds[row + 1]!)) {
        candidates.offer(high, rowIds[row + 1]!);
        threshold = candidates.threshold;
      }
    }
  }

  /**
   * The folded query as integers, scaled as finely as the lane limit allows: a lane's sum is at
   * most VECTOR_SCALE · Σ|q_int|, and rounding adds at most stride/2 to Σ|q_int|.
   */
  private quantiseQuery(folded: Float32Array): Float64Array {
    let l1 = 0;
    for (let i = 0; i < this.stride; i++) l1 += Math.abs(folded[i]!);
    const scale = l1 === 0 ? 0 : (LANE_LIMIT / VECTOR_SCALE - this.stride / 2) / l1;
    const query = new Float64Array(this.stride);
    for (let i = 0; i < this.stride; i++) query[i] = Math.round(folded[i]! * scale);
    return query;
  }

  private lane(row: number, i: number): number {
    const slot = this.pairs[(row >> 1) * this.stride + i]!;
    const high = Math.round(slot * INVERSE_LANE);
    return row & 1 ? high : slot - high * LANE;
  }

  private setLane(row: number, i: number, value: number): void {
    const index = (row >> 1) * this.stride + i;
    const slot = this.pairs[index]!;
    const high = Math.round(slot * INVERSE_LANE);
    const low = slot - high * LANE;
    this.pairs[index] = row & 1 ? low + value * LANE : value + high * LANE;
  }
}
