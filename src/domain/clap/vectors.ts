/** Vector maths for CLAP: unit length, resampling to the model's 48 kHz, zero-shot scores. Pure. */

/** CLAP's audio tower expects 48 kHz mono. */
export const CLAP_SAMPLE_RATE = 48_000;

/** Prompt the labels are embedded in for zero-shot tags (transformers.js's zero-shot-audio-classification default). */
export const ZERO_SHOT_TEMPLATE = 'This is a sound of {}.';

/**
 * Sharpness of the zero-shot softmax: CLAP's learned logit scale is clamped at 100 like CLIP's.
 * (The model's config only has the initial value; the tiny test model has no trained scale.)
 */
export const CLAP_LOGIT_SCALE = 100;

/** A copy of `v` with unit L2 norm (a zero vector stays zero). */
export function l2Normalise(v: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const out = new Float32Array(v.length);
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * scale;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`vectors of different widths (${a.length} and ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The rows of a [rows, width] row-major matrix, each scaled to unit length. */
export function normaliseRows(data: ArrayLike<number>, rows: number): Float32Array[] {
  const width = rows > 0 ? data.length / rows : 0;
  const out: Float32Array[] = [];
  for (let r = 0; r < rows; r++) out.push(l2Normalise(Array.prototype.slice.call(data, r * width, (r + 1) * width) as number[]));
  return out;
}

const HALF_TAPS = 16;

/**
 * Band-limited resampling (Hann-windowed sinc, 32 taps); going down, the cutoff follows the new
 * Nyquist frequency so nothing aliases. Same rate: a copy.
 */
export function resample(samples: Float32Array, from: number, to: number = CLAP_SAMPLE_RATE): Float32Array {
  if (!(from > 0) || !(to > 0)) throw new RangeError(`bad sample rate ${from} -> ${to}`);
  if (from === to) return samples.slice();
  const ratio = to / from;
  const length = Math.max(1, Math.round(samples.length * ratio));
  const out = new Float32Array(length);
  const cutoff = Math.min(1, ratio);
  const step = 1 / ratio;
  for (let i = 0; i < length; i++) {
    const centre = i * step;
    const first = Math.ceil(centre - HALF_TAPS / cutoff);
    const last = Math.floor(centre + HALF_TAPS / cutoff);
    let acc = 0;
    let weights = 0;
    for (let j = Math.max(0, first); j <= Math.min(samples.length - 1, last); j++) {
      const x = (j - centre) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / HALF_TAPS);
      const w = sinc * window;
      acc += samples[j]! * w;
      weights += w;
    }
    out[i] = weights !== 0 ? acc / weights : 0;
  }
  return out;
}

export interface ScoredLabel {
  label: string;
  score: number;
}

/** Softmax over `scale` × cosine similarity of the audio to each label, best first; scores sum to 1. */
export function zeroShotScores(
  audio: ArrayLike<number>,
  labels: readonly string[],
  labelEmbeddings: readonly ArrayLike<number>[],
  scale: number = CLAP_LOGIT_SCALE,
): ScoredLabel[] {
  if (labels.length !== labelEmbeddings.length) throw new RangeError('one embedding per label');
  if (labels.length === 0) return [];
  const a = l2Normalise(audio);
  const logits = labelEmbeddings.map((e) => scale * dot(a, l2Normalise(e)));
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return labels.map((label, i) => ({ label, score: exps[i]! / total })).sort((x, y) => y.score - x.score);
}
