import { stft } from './dsp/stft';

/** 12 pitch-class energies per frame (C = 0), each frame normalised to sum 1 (or all zero). */
export interface Chromagram {
  frameRate: number;
  frames: number;
  values: Float32Array;
  /** Each frame's spectral magnitude between 55 Hz and 5 kHz before normalising: how loud the harmony is. */
  strength: Float32Array;
}

const SIZE = 4096;
const HOP = 2048;

/**
 * A plain chromagram: spectral magnitude between 55 Hz and 5 kHz folded onto pitch classes
 * (A4 = 440 Hz), each bin shared between its two nearest pitch classes. Used to see where the
 * harmony changes (bar lines) in loops; the key itself comes from essentia's KeyExtractor.
 */
export function chromagram(mono: Float32Array, sampleRate: number): Chromagram {
  const spec = stft(mono, sampleRate, SIZE, HOP);
  const values = new Float32Array(spec.frames * 12);
  const strength = new Float32Array(spec.frames);
  const binHz = sampleRate / SIZE;
  const first = Math.ceil(55 / binHz);
  const last = Math.min(spec.bins - 1, Math.floor(5000 / binHz));
  const lower = new Int32Array(last + 1);
  const upperWeight = new Float32Array(last + 1);
  for (let k = first; k <= last; k++) {
    const pitch = 12 * Math.log2((k * binHz) / 440) + 9; // 0 = C
    const floor = Math.floor(pitch);
    lower[k] = ((floor % 12) + 12) % 12;
    upperWeight[k] = pitch - floor;
  }
  for (let f = 0; f < spec.frames; f++) {
    const row = f * spec.bins;
    const out = f * 12;
    let total = 0;
    for (let k = first; k <= last; k++) {
      const m = spec.magnitudes[row + k]!;
      const w = upperWeight[k]!;
      const pc = lower[k]!;
      values[out + pc]! += m * (1 - w);
      values[out + ((pc + 1) % 12)]! += m * w;
      total += m;
    }
    strength[f] = total;
    if (total > 0) for (let p = 0; p < 12; p++) values[out + p]! /= total;
  }
  return { frameRate: sampleRate / HOP, frames: spec.frames, values, strength };
}

/** Cosine distance between the 12-value chroma vectors starting at `a` and `b` of `values`. */
function cosineDistance(values: Float32Array, a: number, b: number): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let p = 0; p < 12; p++) {
    dot += values[a + p]! * values[b + p]!;
    aa += values[a + p]! * values[a + p]!;
    bb += values[b + p]! * values[b + p]!;
  }
  return aa > 0 && bb > 0 ? 1 - dot / Math.sqrt(aa * bb) : 0;
}

/** Cosine distance between consecutive chroma frames: high where the harmony changes. */
export function harmonicChange(chroma: Chromagram): Float32Array {
  const out = new Float32Array(chroma.frames);
  for (let f = 1; f < chroma.frames; f++) out[f] = cosineDistance(chroma.values, f * 12, (f - 1) * 12);
  return out;
}

/** Half-second blocks: longer than a vibrato's wobble, shorter than a loop's chord. */
const NOVELTY_BLOCK_SECONDS = 0.5;
/** Frames this far under the loudest (magnitude, -30 dB) are a tail or a rest, not harmony. */
const NOVELTY_FLOOR = 10 ** (-30 / 20);

/**
 * The largest change of harmony within a sound: the cosine distance between the mean chroma of the
 * two most different half-second blocks. A held note or chord keeps its pitch classes (the corpus's
 * melodic one-shots and 160 held notes and chords: at most 0.17) while a melodic loop moves
 * (0.19-0.97, but for two guitar riffs on one power chord, whose re-struck notes the onsets see).
 * heldSound.ts reads it to tell a held note from a loop.
 */
export function harmonicNovelty(chroma: Chromagram): number {
  const block = Math.max(1, Math.round(NOVELTY_BLOCK_SECONDS * chroma.frameRate));
  let loudest = 0;
  for (let f = 0; f < chroma.frames; f++) loudest = Math.max(loudest, chroma.strength[f]!);
  // Each block's summed chroma over its frames loud enough to count; blocks without any are skipped.
  const sums = new Float32Array(Math.ceil(chroma.frames / block) * 12);
  const counted: number[] = [];
  for (let from = 0; from < chroma.frames; from += block) {
    const at = (from / block) * 12;
    let frames = 0;
    for (let f = from; f < Math.min(chroma.frames, from + block); f++) {
      if (chroma.strength[f]! < loudest * NOVELTY_FLOOR) continue;
      frames++;
      for (let p = 0; p < 12; p++) sums[at + p]! += chroma.values[f * 12 + p]!;
    }
    if (frames > 0) counted.push(at);
  }
  let largest = 0;
  for (let i = 0; i < counted.length; i++)
    for (let j = i + 1; j < counted.length; j++) largest = Math.max(largest, cosineDistance(sums, counted[i]!, counted[j]!));
  return largest;
}
