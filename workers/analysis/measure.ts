import type { Chromagram } from './chroma';
import { chromagram } from './chroma';
import type { SignalDescriptors } from './descriptors';
import { describeSignal } from './descriptors';
import { featureVector } from './featureVector';
import { integratedLoudness } from './loudness';
import type { TempoCandidate } from './rhythm';
import { tempoCandidates } from './rhythm';
import { peakAbsolute, toDb } from './signal';

/** Everything measured on one sound before any model looks at it. */
export interface Measurement {
  signal: SignalDescriptors;
  /** Only measured when asked for (loops): one-shots need no harmony. */
  chroma: Chromagram | null;
  candidates: TempoCandidate[];
  /** The classifier's input (featureVector.ts). */
  features: Float32Array;
}

export const MEASURE_RATE = 44100;

/** Sample peak minus integrated loudness of the mono mix (dB): punchy hits high, pads low. */
export function crestOf(mono: Float32Array): number {
  const lufs = integratedLoudness([mono], MEASURE_RATE) ?? -70;
  return toDb(Math.max(1e-6, peakAbsolute([mono]))) - lufs;
}

/**
 * One pass of our own DSP over a 44.1 kHz mono signal (crestOf(mono) gives `crestDb`). The
 * classifier's features never depend on harmony, so `harmony` only adds what the loop tempo
 * model reads.
 */
export function measure(mono: Float32Array, crestDb: number, harmony = false): Measurement {
  const signal = describeSignal(mono, MEASURE_RATE);
  const chroma = harmony ? chromagram(mono, MEASURE_RATE) : null;
  const candidates = tempoCandidates(signal, chroma);
  return { signal, chroma, candidates, features: featureVector(signal, crestDb, candidates) };
}

/** Level, relative to the loudest sample, under which the start of a file is not yet the sound (dB). */
const START_DB = -40;
/** Shorter than this from its start (about 46 ms), a sound is measured whole. */
const MIN_SOUND_SAMPLES = 2048;

/**
 * Where the sound starts: the first sample within 40 dB of the loudest. Silence or pre-roll
 * before a hit moves every STFT frame against it and stretches the envelope, and the extra sounds
 * the classifier learns from are cut at their onsets: 10 ms of leading silence turned 20 of the
 * corpus's 148 drum one-shots into other classes. Its features are therefore measured from here.
 */
export function soundStart(mono: Float32Array): number {
  const threshold = peakAbsolute([mono]) * 10 ** (START_DB / 20);
  if (threshold <= 0) return 0;
  for (let i = 0; i < mono.length - MIN_SOUND_SAMPLES; i++) if (Math.abs(mono[i]!) >= threshold) return i;
  return 0;
}

/**
 * The classifier's measurement of a sound: scaled to a peak of 1, from where it starts
 * (soundStart) to its last sample that is not digital silence (exact zeros after a sound are an
 * export's padding: 1 s of them changed 19 of the corpus's 198 one-shot categories). The features
 * are ratios, but their logarithms have floors (silence is -100 dB, not minus infinity), so a
 * quiet file read differently from the same sound at full scale: 24 dB quieter changed 5. `whole`
 * measures the whole file at the same scale, for a loop's tempo (a loop may begin or end with a
 * rest); it is `m` where nothing was cut.
 */
export function measureSound(mono: Float32Array, harmony = false): { m: Measurement; whole: () => Measurement } {
  const peak = peakAbsolute([mono]);
  const scaled = peak > 0 ? dividedBy(mono, peak) : mono;
  const start = soundStart(scaled);
  let end = scaled.length;
  while (end > start + MIN_SOUND_SAMPLES && scaled[end - 1] === 0) end--;
  const cut = start > 0 || end < scaled.length;
  const sound = cut ? scaled.subarray(start, end) : scaled;
  const m = measure(sound, crestOf(sound), harmony);
  return { m, whole: () => (cut ? measure(scaled, crestOf(scaled), harmony) : m) };
}

/** A copy of `signal` divided by `peak` (a plain loop: TypedArray.map took 0.7 ms a second of audio, this 0.1). */
function dividedBy(signal: Float32Array, peak: number): Float32Array {
  const out = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) out[i] = signal[i]! / peak;
  return out;
}

/** Adds the chromagram and the harmonic tempo evidence once a sound is known to be a loop. */
export function withHarmony(m: Measurement, mono: Float32Array): Measurement {
  if (m.chroma) return m;
  const chroma = chromagram(mono, MEASURE_RATE);
  return { ...m, chroma, candidates: tempoCandidates(m.signal, chroma) };
}
