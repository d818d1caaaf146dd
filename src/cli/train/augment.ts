import { resampleLinear } from '../../../workers/analysis/signal';
import { seededRandom } from './mlp';

/**
 * Training-time variations of a sound, so the classifier learns what a snare is rather than what
 * the corpus's snares happen to sound like: level, pitch, tempo, tone, noise and length.
 */

export function gain(signal: Float32Array, db: number): Float32Array {
  const g = 10 ** (db / 20);
  return signal.map((x) => Math.max(-1, Math.min(1, x * g)));
}

/** Pitch (and speed) change by resampling: `semitones` up shortens the sound. */
export function pitchShift(signal: Float32Array, semitones: number): Float32Array {
  return resampleLinear(signal, 44100 * 2 ** (semitones / 12), 44100);
}

/** Overlap-add time stretch (no pitch change); `rate` > 1 is faster. */
export function timeStretch(signal: Float32Array, rate: number): Float32Array {
  const size = 2048;
  const outHop = size / 4;
  const inHop = outHop * rate;
  const frames = Math.max(1, Math.floor((signal.length - size) / inHop) + 1);
  const out = new Float32Array(Math.round(signal.length / rate) + size);
  const norm = new Float32Array(out.length);
  for (let f = 0; f < frames; f++) {
    const from = Math.round(f * inHop);
    const to = f * outHop;
    for (let i = 0; i < size && from + i < signal.length; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
      out[to + i]! += signal[from + i]! * w;
      norm[to + i]! += w;
    }
  }
  for (let i = 0; i < out.length; i++) if (norm[i]! > 1e-3) out[i]! /= norm[i]!;
  return out.subarray(0, Math.round(signal.length / rate));
}

/** A peaking/shelving tilt: +db above `hz`, -db below (a one-pole split). */
export function tilt(signal: Float32Array, hz: number, db: number): Float32Array {
  const a = Math.exp((-2 * Math.PI * hz) / 44100);
  const g = 10 ** (db / 40);
  const out = new Float32Array(signal.length);
  let low = 0;
  for (let i = 0; i < signal.length; i++) {
    low = (1 - a) * signal[i]! + a * low;
    const high = signal[i]! - low;
    out[i] = Math.max(-1, Math.min(1, low / g + high * g));
  }
  return out;
}

export function addNoise(signal: Float32Array, dbBelowPeak: number, seed: number): Float32Array {
  let peak = 0;
  for (const x of signal) peak = Math.max(peak, Math.abs(x));
  const level = peak * 10 ** (-dbBelowPeak / 20);
  const random = seededRandom(seed);
  return signal.map((x) => x + level * (random() * 2 - 1));
}

/** Keeps the first `share` of the sound with a 10 ms fade, as a trimmed sample would be. */
export function truncate(signal: Float32Array, share: number): Float32Array {
  const length = Math.max(441, Math.round(signal.length * share));
  const out = signal.slice(0, length);
  const fade = Math.min(441, length);
  for (let i = 0; i < fade; i++) out[length - 1 - i]! *= i / fade;
  return out;
}

/**
 * The sound as a file recorded at `rate` Hz reads after our decoder brings it to 44.1 kHz: the
 * highs above its Nyquist frequency gone (a 63-tap windowed-sinc low-pass, then linear
 * interpolation down), then linear interpolation back up, whose images refill some of them.
 */
export function bandLimit(signal: Float32Array, rate: number): Float32Array {
  const taps = 63;
  const half = (taps - 1) / 2;
  const cutoff = (0.45 * rate) / 44100;
  const kernel = Array.from({ length: taps }, (_, k) => {
    const t = k - half;
    const sinc = t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
    return sinc * (0.42 - 0.5 * Math.cos((2 * Math.PI * k) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * k) / (taps - 1)));
  });
  const sum = kernel.reduce((a, b) => a + b, 0);
  const low = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) {
    let acc = 0;
    for (let k = 0; k < taps; k++) {
      const j = i + k - half;
      if (j >= 0 && j < signal.length) acc += signal[j]! * kernel[k]!;
    }
    low[i] = acc / sum;
  }
  return resampleLinear(resampleLinear(low, 44100, rate), rate, 44100);
}

export interface Variant {
  name: string;
  signal: Float32Array;
  /** Speed factor applied (tempo of a loop is multiplied by it). */
  speed: number;
}

/** Share of the variants read as if recorded at 22-36 kHz (old sample CDs, MP3s' low-pass). */
const BAND_LIMITED_SHARE = 0.3;

/**
 * `count` random variants of a sound. Loops are never truncated (a cut loop is not a loop) and
 * keep their rhythm; their time-stretches double as tempo training data.
 */
export function variants(signal: Float32Array, isLoop: boolean, count: number, seed: number): Variant[] {
  const random = seededRandom(seed);
  const pick = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const out: Variant[] = [];
  for (let k = 0; k < count; k++) {
    let s = gain(signal, pick(-12, 3));
    let speed = 1;
    const steps: string[] = [];
    if (random() < 0.5) {
      const semitones = Math.round(pick(-3, 3));
      s = pitchShift(s, semitones);
      speed *= 2 ** (semitones / 12);
      steps.push(`pitch${semitones}`);
    }
    if (random() < 0.5) {
      const rate = pick(0.85, 1.18);
      s = timeStretch(s, rate);
      speed *= rate;
      steps.push(`stretch${rate.toFixed(2)}`);
    }
    if (random() < 0.6) {
      s = tilt(s, pick(300, 3000), pick(-6, 6));
      steps.push('eq');
    }
    if (random() < 0.4) {
      s = addNoise(s, pick(35, 60), seed * 31 + k);
      steps.push('noise');
    }
    if (!isLoop && random() < 0.35) {
      s = truncate(s, pick(0.4, 0.9));
      steps.push('cut');
    }
    // Drawn last, so the draws above stay as they were.
    if (random() < BAND_LIMITED_SHARE) {
      const rate = Math.round(pick(22050, 36000));
      s = bandLimit(s, rate);
      steps.push(`band${rate}`);
    }
    out.push({ name: steps.join('+') || 'gain', signal: s, speed });
  }
  return out;
}
