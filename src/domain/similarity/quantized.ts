/**
 * Vectors kept as 8-bit integers with one scale each: a quarter of the bytes of 32-bit floats,
 * for embeddings that are many and long (CLAP's 512 numbers per sample: 205 MB at 100,000
 * samples as floats, 52 MB like this). Rounding moves a unit vector's cosines by well under 1 %,
 * which leaves rankings as they were (tests/unit/quantized.test.ts).
 */
export interface QuantizedVector {
  q: Int8Array;
  /** What one step of `q` is worth: value ≈ q[i] × scale. */
  scale: number;
}

export function quantize(vector: Float32Array): QuantizedVector {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i]!));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(vector.length);
  for (let i = 0; i < vector.length; i++) q[i] = Math.round(vector[i]! / scale);
  return { q, scale };
}

export function dequantize({ q, scale }: QuantizedVector): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i]! * scale;
  return out;
}

/** The dot product of a float query with a quantized vector (the cosine when both are unit length). */
export function dotQuantized(query: Float32Array, { q, scale }: QuantizedVector): number {
  let dot = 0;
  for (let i = 0; i < q.length; i++) dot += q[i]! * query[i]!;
  return dot * scale;
}
