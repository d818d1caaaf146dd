/**
 * Nearest-neighbour search over aspect-sliced embeddings. All vectors live in ONE packed
 * Float32Array (row r at r·stride), grown by doubling: a scan is a linear walk through memory,
 * and the index is stored as two typed arrays. A search folds the weights into the query
 * (vectors.ts) so each row costs one dot product, and keeps the best k in a bounded heap:
 * O(N·D + N log k). From `quantiseFrom` rows on, a scan of an int8 copy (quantisedRows.ts, about
 * twice as fast) picks candidates that are then re-ranked with the floats: scores stay exact, the
 * result set is approximate (recall@20 measured in tests/bench/vectorSearch.ts).
 */
import type { AspectWeights, EmbeddingLayout } from './embeddingLayout';
import { VectorError, validateLayout } from './embeddingLayout';
import { QuantisedRows } from './quantisedRows';
import type { ScoredId } from './topK';
import { TopK } from './topK';
import { checkVector, dotAt, foldWeights, normaliseAspects } from './vectors';

export interface VectorIndexOptions {
  /** Rows allocated up front (a bulk load then copies nothing while it grows). */
  initialCapacity?: number;
  /**
   * From this many rows on, also keep an int8 copy that picks candidates about twice as fast
   * (at twice the memory). Default DEFAULT_QUANTISE_FROM; 0 always, Infinity never.
   */
  quantiseFrom?: number;
}

export interface VectorSearchOptions {
  /** Aspect weights; left out means overall (all equal). */
  weights?: AspectWeights;
  /** Only ids for which this returns true are results. Called only for rows that could enter the result. */
  filter?: (id: number) => boolean;
  /** An id never returned (the query sample itself). */
  exclude?: number;
  /** On a quantised index, scan the floats instead: exact results, about twice the time. */
  exact?: boolean;
  /** On a quantised index, how many approximate best rows are re-ranked in float; default 4k + 40. */
  candidates?: number;
}

/** The index as a few big typed arrays, for IndexedDB. Row i of `vectors` belongs to ids[i]. */
export interface SerialisedVectorIndex {
  dimension: number;
  ids: Float64Array;
  vectors: Float32Array;
}

/** Below this, exact search takes about 5 ms or less and the quantised copy is not worth its memory. */
export const DEFAULT_QUANTISE_FROM = 50_000;
const MIN_CAPACITY = 16;
/** Rows are padded with zeros to a multiple of this, so the unrolled scan needs no tail loop (which made it ~2x slower in V8). */
const LANES = 4;

export class VectorIndex {
  readonly layout: EmbeddingLayout;
  /** Floats per row: the dimension rounded up to LANES. */
  private readonly stride: number;
  private vectors: Float32Array;
  private rowIds: Float64Array;
  private readonly rowOfId = new Map<number, number>();
  private readonly quantiseFrom: number;
  private quantised: QuantisedRows | null = null;
  private rows = 0;

  constructor(layout: EmbeddingLayout, options: VectorIndexOptions = {}) {
    this.layout = validateLayout(layout);
    const capacity = Math.max(MIN_CAPACITY, Math.ceil(options.initialCapacity ?? 0));
    this.stride = Math.ceil(layout.dimension / LANES) * LANES;
    this.vectors = new Float32Array(capacity * this.stride);
    this.rowIds = new Float64Array(capacity);
    this.quantiseFrom = options.quantiseFrom ?? DEFAULT_QUANTISE_FROM;
  }

  /** Whether searches go through the quantised copy (see VectorIndexOptions.quantiseFrom). */
  get isQuantised(): boolean {
    return this.quantised !== null;
  }

  get dimension(): number {
    return this.layout.dimension;
  }

  get size(): number {
    return this.rows;
  }

  /** Rows allocated before the next doubling. */
  get capacity(): number {
    return this.rowIds.length;
  }

  /** Bytes held by the packed vectors, their quantised copy and the row ids (the id→row Map is extra). */
  get byteLength(): number {
    return this.vectors.byteLength + this.rowIds.byteLength + (this.quantised?.byteLength ?? 0);
  }

  has(id: number): boolean {
    return this.rowOfId.has(id);
  }

  /** A copy of the stored (aspect-normalised) vector. */
  get(id: number): Float32Array | undefined {
    const row = this.rowOfId.get(id);
    if (row === undefined) return undefined;
    return this.vectors.slice(row * this.stride, row * this.stride + this.dimension);
  }

  /** The ids in row order (which changes when a row is removed). */
  ids(): number[] {
    return Array.from(this.rowIds.subarray(0, this.rows));
  }

  /** Adds a vector (normalised per aspect on the way in). Throws VectorError('duplicate_id') if the id is present. */
  add(id: number, vector: Float32Array): void {
    if (!Number.isSafeInteger(id)) throw new VectorError('bad_id', `ids must be whole numbers, got ${id}`);
    if (this.rowOfId.has(id)) throw new VectorError('duplicate_id', `id ${id} is already in the index`);
    checkVector(vector, this.layout);
    if (this.rows === this.capacity) this.reserve(this.rows + 1);
    const row = this.rows++;
    this.writeRow(row, vector);
    this.rowIds[row] = id;
    this.rowOfId.set(id, row);
    this.quantiseIfDue();
  }

  /** Adds the vector, or replaces the one stored under the id. */
  upsert(id: number, vector: Float32Array): void {
    const row = this.rowOfId.get(id);
    if (row === undefined) return this.add(id, vector);
    checkVector(vector, this.layout);
    this.writeRow(row, vector);
  }

  /** Removes an id in O(D) by moving the last row into its place. Returns false if it was absent. */
  remove(id: number): boolean {
    const row = this.rowOfId.get(id);
    if (row === undefined) return false;
    const last = --this.rows;
    this.rowOfId.delete(id);
    const { stride } = this;
    if (row !== last) {
      this.vectors.copyWithin(row * stride, last * stride, (last + 1) * stride);
      this.quantised?.move(last, row);
      const movedId = this.rowIds[last]!;
      this.rowIds[row] = movedId;
      this.rowOfId.set(movedId, row);
    } else {
      this.quantised?.clear(row);
    }
    this.vectors.fill(0, last * stride, (last + 1) * stride);
    return true;
  }

  /** Makes room for `rows` vectors, doubling the capacity as often as needed. */
  reserve(rows: number): void {
    let capacity = this.capacity;
    if (rows <= capacity) return;
    while (capacity < rows) capacity *= 2;
    const vectors = new Float32Array(capacity * this.stride);
    vectors.set(this.vectors.subarray(0, this.rows * this.stride));
    const rowIds = new Float64Array(capacity);
    rowIds.set(this.rowIds.subarray(0, this.rows));
    this.vectors = vectors;
    this.rowIds = rowIds;
    this.quantised?.grow(capacity);
  }

  /** The k stored vectors most similar to the query (normalised per aspect first), best first; equal scores by lower id. */
  search(query: Float32Array, k: number, options: VectorSearchOptions = {}): ScoredId[] {
    if (!Number.isInteger(k) || k < 0) throw new VectorError('bad_argument', `k must be a whole number >= 0, got ${k}`);
    const folded = new Float32Array(this.stride);
    folded.set(foldWeights(normaliseAspects(query, this.layout, new Float32Array(query.length)), this.layout, options.weights));
    const [start, end] = activeSpan(folded);
    const top = new TopK(Math.min(k, this.rows));
    if (top.capacity === 0) return [];
    const { exclude, filter } = options;
    const skip = (id: number): boolean => id === exclude || (filter !== undefined && !filter(id));
    if (this.quantised === null || options.exact) {
      this.scan(folded, start, end, top, skip);
      return top.drain();
    }
    const candidates = new TopK(Math.min(this.rows, Math.max(k, options.candidates ?? 4 * k + 40)));
    this.quantised.scan(folded, start, end, this.rows, this.rowIds, candidates, skip);
    for (const { id } of candidates.drain()) {
      top.offer(dotAt(folded, start, this.vectors, this.rowOfId.get(id)! * this.stride + start, end - start), id);
    }
    return top.drain();
  }

  /** Copies, with rows packed at `dimension` (no padding), so the stored form does not depend on LANES. */
  serialise(): SerialisedVectorIndex {
    const { dimension, stride, rows } = this;
    const ids = this.rowIds.slice(0, rows);
    if (stride === dimension) return { dimension, ids, vectors: this.vectors.slice(0, rows * dimension) };
    const vectors = new Float32Array(rows * dimension);
    for (let row = 0; row < rows; row++) vectors.set(this.vectors.subarray(row * stride, row * stride + dimension), row * dimension);
    return { dimension, ids, vectors };
  }

  /** Rebuilds an index from serialise()'s output; throws VectorError('corrupt_index') if the arrays do not fit together or hold a non-number. */
  static fromSerialised(data: SerialisedVectorIndex, layout: EmbeddingLayout, options: VectorIndexOptions = {}): VectorIndex {
    const { dimension, ids, vectors } = data;
    if (dimension !== layout.dimension)
      throw new VectorError('corrupt_index', `the stored index has dimension ${dimension}, the layout ${layout.dimension}`);
    if (vectors.length !== ids.length * dimension) {
      throw new VectorError(
        'corrupt_index',
        `${ids.length} ids need ${ids.length * dimension} numbers, the stored index has ${vectors.length}`,
      );
    }
    for (let i = 0; i < vectors.length; i++) {
      if (!Number.isFinite(vectors[i]!)) throw new VectorError('corrupt_index', `the stored index holds ${vectors[i]} at ${i}`);
    }
    const index = new VectorIndex(layout, { ...options, initialCapacity: Math.max(ids.length, options.initialCapacity ?? 0) });
    for (let row = 0; row < ids.length; row++) {
      const id = ids[row]!;
      if (!Number.isSafeInteger(id) || index.rowOfId.has(id))
        throw new VectorError('corrupt_index', `the stored index repeats or mangles id ${id}`);
      index.rowOfId.set(id, row);
      index.vectors.set(vectors.subarray(row * dimension, (row + 1) * dimension), row * index.stride);
    }
    index.rowIds.set(ids);
    index.rows = ids.length;
    index.quantiseIfDue();
    return index;
  }

  /**
   * The exact hot loop: one dot product per row over [start, end) (multiples of LANES), the heap
   * touched only by rows that beat its threshold.
   */
  private scan(folded: Float32Array, start: number, end: number, top: TopK, skip: (id: number) => boolean): void {
    const { vectors, rowIds, stride, rows } = this;
    let threshold = -Infinity;
    for (let row = 0, base = 0; row < rows; row++, base += stride) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = start; i < end; i += LANES) {
        s0 += folded[i]! * vectors[base + i]!;
        s1 += folded[i + 1]! * vectors[base + i + 1]!;
        s2 += folded[i + 2]! * vectors[base + i + 2]!;
        s3 += folded[i + 3]! * vectors[base + i + 3]!;
      }
      const score = s0 + s1 + s2 + s3;
      if (!(score >= threshold) || skip(rowIds[row]!)) continue; // !(>=) rather than <: a NaN never gets in
      top.offer(score, rowIds[row]!);
      threshold = top.threshold;
    }
  }

  /** Builds the quantised copy once the index holds quantiseFrom rows (and at least one): one pass over the rows. */
  private quantiseIfDue(): void {
    if (this.quantised !== null || this.rows === 0 || this.rows < this.quantiseFrom) return;
    this.quantised = new QuantisedRows(this.layout, this.stride, this.capacity);
    this.quantised.writeAll(this.vectors, this.rows);
  }

  private writeRow(row: number, vector: Float32Array): void {
    const base = row * this.stride;
    normaliseAspects(vector, this.layout, this.vectors.subarray(base, base + this.dimension));
    this.quantised?.write(row, this.vectors, base);
  }
}

/**
 * The smallest [start, end) outside which the folded query is zero (unweighted and absent aspects,
 * gaps, padding), widened to multiples of LANES: a timbre-only search reads only the timbre slice.
 */
function activeSpan(folded: Float32Array): [number, number] {
  let start = 0;
  let end = folded.length;
  while (start < end && folded[start] === 0) start++;
  while (end > start && folded[end - 1] === 0) end--;
  return [Math.floor(start / LANES) * LANES, Math.ceil(end / LANES) * LANES];
}
