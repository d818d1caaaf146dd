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
export function soundStart(mono: Float32Array, peak = peakAbsolute([mono])): number {
  const threshold = peak * 10 ** (START_DB / 20);
  if (threshold <= 0) return 0;
  for (let i = 0; i < mono.length - MIN_SOUND_SAMPLES; i++) if (Math.abs(mono[i]!) >= threshold) return i;
  return 0;
}

/**
 * The classifier's measurement of a sound: less its offset, scaled to a peak of 1, from where it
 * starts (soundStart) to where its padding begins (soundBetweenPadding: 1 s of zeros after a
 * sound changed 19 of the corpus's 198 one-shot categories). The features are ratios, but their
 * logarithms have floors (silence is -100 dB, not minus infinity), so a quiet file read
 * differently from the same sound at full scale: 24 dB quieter changed 5. An offset of 1 % of
 * full scale hid the start and the padding and changed 15. `whole` measures the whole file the
 * same way, for a loop's tempo (a loop may begin or end with a rest); it is `m` where nothing was
 * cut.
 */
/** Digital silence at least this long after a loop (50 ms) may be an export's padding rather than a rest. */
const MIN_TRAILING_PADDING_SECONDS = 0.05;

export function measureSound(
  mono: Float32Array,
  harmony = false,
): { m: Measurement; whole: () => Measurement; beforePadding: (() => Measurement) | null } {
  const { from, to } = soundBetweenPadding(mono);
  const { centred, peak } = centredSound(mono, from, to);
  const scaled = peak > 0 ? dividedInPlace(centred, peak) : centred;
  // Scaled, its peak is 1 (or all is silence): no second pass to find it.
  const start = soundStart(scaled, peak > 0 ? 1 : 0);
  const end = Math.max(to, Math.min(mono.length, start + MIN_SOUND_SAMPLES));
  const cut = start > 0 || end < scaled.length;
  const sound = cut ? scaled.subarray(start, end) : scaled;
  const m = measure(sound, crestOf(sound), harmony);
  // The file from its start to where its trailing digital silence begins, with its chroma: a loop
  // exported with silence after its last bar has its bars there (loopTempo asks where the whole
  // file's length does not fit its onsets).
  const padded = mono.length - to >= MIN_TRAILING_PADDING_SECONDS * MEASURE_RATE && to >= MIN_SOUND_SAMPLES;
  const beforePadding = padded
    ? () => {
        const loop = scaled.subarray(0, to);
        return measure(loop, crestOf(loop), true);
      }
    : null;
  return { m, whole: () => (cut ? measure(scaled, crestOf(scaled), harmony) : m), beforePadding };
}

/** A run of one value shorter than this (0.7 ms) at either end of a file is part of the sound. */
const MIN_PADDING_SAMPLES = 32;

/**
 * The file between its digital silence: a run of one value (zeros, or a DC offset's constant) of
 * at least MIN_PADDING_SAMPLES at its start or its end is an export's padding, not the sound.
 */
export function soundBetweenPadding(mono: Float32Array): { from: number; to: number } {
  let from = 0;
  while (from < mono.length && mono[from] === mono[0]) from++;
  let to = mono.length;
  while (to > from && mono[to - 1] === mono[mono.length - 1]) to--;
  if (from < MIN_PADDING_SAMPLES) from = 0;
  if (mono.length - to < MIN_PADDING_SAMPLES) to = mono.length;
  return to > from ? { from, to } : { from: 0, to: mono.length };
}

/**
 * A copy of `mono` whose padding is silence and whose sound (`from`..`to`) is less its DC offset
 * where it has one (offsetOf), and the copy's peak, found as it is written. Taking out every
 * sound's resting level instead cost 3 and 6 of the 151 held-out drums (two seed sets), and a DC
 * blocker started at the first sample's level misread every sound cut at its attack.
 */
function centredSound(mono: Float32Array, from: number, to: number): { centred: Float32Array; peak: number } {
  const centred = new Float32Array(mono.length);
  const offset = offsetOf(mono, from, to);
  let peak = 0;
  for (let i = from; i < to; i++) {
    centred[i] = mono[i]! - offset;
    peak = Math.max(peak, Math.abs(centred[i]!));
  }
  return { centred, peak };
}

/**
 * The mean of the sound's last quarter where it is over twice the samples' spread about it: the
 * sound has died away and rests off zero (two of the corpus's warm pads rest 10 dB under their
 * peaks). Else 0: a loop, or a sound still ringing, averages out by itself.
 */
function offsetOf(mono: Float32Array, from: number, to: number): number {
  const restFrom = to - Math.max(1, Math.floor((to - from) / 4));
  let sum = 0;
  for (let i = restFrom; i < to; i++) sum += mono[i]!;
  const mean = sum / (to - restFrom);
  let squares = 0;
  for (let i = restFrom; i < to; i++) squares += (mono[i]! - mean) ** 2;
  return Math.abs(mean) > 2 * Math.sqrt(squares / (to - restFrom)) ? mean : 0;
}

/** `signal` divided by `peak`, in place (a plain loop: TypedArray.map took 0.7 ms a second of audio, this 0.1). */
function dividedInPlace(signal: Float32Array, peak: number): Float32Array {
  for (let i = 0; i < signal.length; i++) signal[i]! /= peak;
  return signal;
}

/** Adds the chromagram and the harmonic tempo evidence once a sound is known to be a loop. */
export function withHarmony(m: Measurement, mono: Float32Array): Measurement {
  if (m.chroma) return m;
  const chroma = chromagram(mono, MEASURE_RATE);
  return { ...m, chroma, candidates: tempoCandidates(m.signal, chroma) };
}
