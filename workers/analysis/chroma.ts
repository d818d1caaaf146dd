import { stft } from './dsp/stft';

/** 12 pitch-class energies per frame (C = 0), each frame normalised to sum 1 (or all zero). */
export interface Chromagram {
  frameRate: number;
  frames: number;
  values: Float32Array;
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
    if (total > 0) for (let p = 0; p < 12; p++) values[out + p]! /= total;
  }
  return { frameRate: sampleRate / HOP, frames: spec.frames, values };
}

/** Cosine distance between consecutive chroma frames: high where the harmony changes. */
export function harmonicChange(chroma: Chromagram): Float32Array {
  const out = new Float32Array(chroma.frames);
  for (let f = 1; f < chroma.frames; f++) {
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let p = 0; p < 12; p++) {
      const x = chroma.values[f * 12 + p]!;
      const y = chroma.values[(f - 1) * 12 + p]!;
      dot += x * y;
      a += x * x;
      b += y * y;
    }
    out[f] = a > 0 && b > 0 ? 1 - dot / Math.sqrt(a * b) : 0;
  }
  return out;
}
