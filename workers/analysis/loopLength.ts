import { parabolicVertexOffset } from './dsp/parabola';
import type { FrameAnalysis } from './frames';

/**
 * Does the loop's length fix its tempo? Most sample-pack loops are cut to a whole number of bars,
 * so their tempo is one of 60·2^k / duration (rhythm.ts). A loop exported with a reverb tail or a
 * little silence, or trimmed short, is not: 0.3 s of silence after two bars at 125 BPM reads as
 * 115.9. The onsets say which: their autocorrelation peaks at the beat and its multiples, and for
 * a loop cut to its bars that peak sits on a length candidate's beat; otherwise it sits beside it.
 */

/** How far from a length candidate's beat the autocorrelation is searched for a better one. */
const SEARCH = 0.15;
/**
 * How far it is searched for doubt alone: the whole octave between two candidates (±41 %), which
 * catches loops cut at no bar line (an excerpt), whose tempo lies 25 % or more from every candidate.
 * Not for replacing the length: that far, the strongest repetition is as often a 4:3 of the beat.
 */
const DOUBT_SEARCH = Math.SQRT2 - 1;
/** Tempo search step (0.25 %), here and where a tracked tempo is placed (loopTempo.ts). */
export const COMB_STEP = 0.0025;
const STEP = COMB_STEP;
/** A candidate whose beat is within this of the autocorrelation's best is where the onsets say. */
const SAME_BEAT = 0.015;
/**
 * Evidence against the length, as the ratio of every candidate's comb to the best comb near it
 * and how clearly the onsets repeat at all (that best comb). The length is replaced only where
 * the ratio is under OVERTURN_RATIO and the repetition clear (OVERTURN_COMB); where the ratio
 * is under DOUBT_RATIO and the onsets repeat somewhat (DOUBT_COMB), the length's tempo is kept
 * but shown as uncertain. Measured (docs/CLASSIFIER.md) on loops cut to their bars: the corpus's
 * 94 loop files and 456 augmented copies of its song loops (stretched, pitched, EQ, noise), where
 * the closest to an overturn were a stretched string loop at 0.10 / 0.26 and another at
 * 0.02 / 0.11; and on the 74 song loops with 0.3 s of silence or a reverb tail added or trimmed by
 * 4 %: 188 of 222 overturned, every one to the right tempo or an octave of it.
 */
const OVERTURN_RATIO = 0.08;
const OVERTURN_COMB = 0.2;
const DOUBT_RATIO = 0.6;
const DOUBT_COMB = 0.05;
/**
 * Autocorrelation lags read, as a share of the loop: up to half of it, the slow candidate of a
 * short loop has only two multiples and one pad of the corpus looked overturned.
 */
const COMB_SPAN = 0.75;
/** Autocorrelation lags beyond this many seconds add cost, not evidence. */
const MAX_LAG_SECONDS = 12;

export type LengthVerdict =
  /** The length fits the rhythm: keep the candidates. */
  | { fits: true }
  /**
   * It does not: `bpm` is the tempo the onsets repeat at most clearly near any candidate (its
   * octaves are the loop's candidates then), `overturned` whether that evidence is strong enough
   * to replace the length, and `sure` whether nothing else in the octave repeats more strongly.
   */
  | { fits: false; overturned: boolean; sure: boolean; bpm: number };

/** Autocorrelation of the mean-removed curve, each lag divided by its overlap, 1 at lag 0. */
export function autocorrelation(curve: Float32Array, maxLag: number): Float64Array {
  const n = curve.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += curve[i]!;
  mean /= Math.max(1, n);
  const x = Float64Array.from(curve, (v) => v - mean);
  const lags = Math.min(n, maxLag + 2);
  const out = new Float64Array(lags);
  for (let lag = 0; lag < lags; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < n; i++) sum += x[i]! * x[i + lag]!;
    out[lag] = sum / (n - lag);
  }
  const zero = out[0]! > 0 ? out[0]! : 1;
  for (let lag = 0; lag < lags; lag++) out[lag] = out[lag]! / zero;
  return out;
}

const interpolate = (a: Float64Array, x: number): number => {
  const i = Math.floor(x);
  const f = x - i;
  return (a[i] ?? 0) * (1 - f) + (a[i + 1] ?? 0) * f;
};

/**
 * Mean autocorrelation at whole multiples of the beat, up to COMB_SPAN of the loop (inclusive, as
 * a loop cut to its bars may have a multiple right there) or the lags computed.
 */
export function beatComb(acf: Float64Array, frameRate: number, beatSeconds: number, duration: number): number {
  const end = Math.min(duration * COMB_SPAN + 1 / frameRate, (acf.length - 2) / frameRate);
  let sum = 0;
  let count = 0;
  for (let k = 1; k * beatSeconds <= end + 1e-9; k++) {
    sum += interpolate(acf, k * beatSeconds * frameRate);
    count++;
  }
  return count > 0 ? sum / count : 0;
}

interface Repetition {
  beat: number;
  comb: number;
}

/** The highest of `combs` within `reach` grid steps of the middle one, placed between steps by a parabola. */
function peakWithin(combs: readonly number[], beatSeconds: number, reach: number): Repetition {
  const centre = (combs.length - 1) / 2;
  let best = centre - reach;
  for (let i = best + 1; i <= centre + reach; i++) if (combs[i]! > combs[best]!) best = i;
  const inside = best > centre - reach && best < centre + reach;
  const offset = inside ? parabolicVertexOffset(combs[best - 1]!, combs[best]!, combs[best + 1]!) : 0;
  return { beat: beatSeconds * (1 + (best - centre + offset) * STEP), comb: combs[best]! };
}

interface Evidence {
  /** Some candidate's beat is where the onsets repeat best within the span searched. */
  fits: boolean;
  /** The highest ratio of a candidate's comb to the best comb near it. */
  ratio: number;
  /** The strongest repetition found near any candidate. */
  strongest: Repetition;
}

/** Whether two beats are the same up to octaves (within SAME_BEAT). */
function sameOctaveFamily(a: number, b: number): boolean {
  const octaves = Math.log2(a / b);
  return Math.abs(octaves - Math.round(octaves)) <= Math.log2(1 + SAME_BEAT);
}

const doubtful = (e: Evidence): boolean => !e.fits && e.ratio < DOUBT_RATIO && e.strongest.comb >= DOUBT_COMB;

/** How clearly the onsets repeat at each beat length in seconds (its comb); the autocorrelation is computed once. */
function beatCombs(frames: FrameAnalysis, duration: number): (beatSeconds: number) => number {
  const acf = autocorrelation(frames.flux, Math.ceil(Math.min(duration * COMB_SPAN, MAX_LAG_SECONDS) * frames.frameRate) + 2);
  return (beatSeconds) => beatComb(acf, frames.frameRate, beatSeconds, duration);
}

/** How clearly the onsets repeat at each tempo's beat (its comb), for comparing tempi from elsewhere. */
export function onsetRepetition(frames: FrameAnalysis, duration: number): (bpm: number) => number {
  const combAt = beatCombs(frames, duration);
  return (bpm) => combAt(60 / bpm);
}

/** Checks a loop's length candidates (their tempi) against the repetition of its onsets. */
export function checkLoopLength(frames: FrameAnalysis, duration: number, candidateBpms: readonly number[]): LengthVerdict {
  if (candidateBpms.length === 0) return { fits: true };
  const combAt = beatCombs(frames, duration);
  // Each candidate's combs over the wide span, computed once: the narrow search reads their middle.
  const wideSteps = Math.round(DOUBT_SEARCH / STEP);
  const combs = new Map<number, number[]>();
  const combsAround = (beat: number): number[] => {
    let around = combs.get(beat);
    if (!around) {
      around = [];
      for (let s = -wideSteps; s <= wideSteps; s++) around.push(combAt(beat * (1 + s * STEP)));
      combs.set(beat, around);
    }
    return around;
  };
  const evidence = (span: number): Evidence => {
    let ratio = 0;
    let strongest: Repetition = { beat: 0, comb: 0 };
    for (const candidate of candidateBpms) {
      const beat = 60 / candidate;
      const around = combsAround(beat);
      const own = around[wideSteps]!;
      const near = peakWithin(around, beat, Math.round(span / STEP));
      const candidateRatio = near.comb > 0 ? own / near.comb : 1;
      if (Math.abs(near.beat / beat - 1) <= SAME_BEAT || candidateRatio >= 1) return { fits: true, ratio: 1, strongest: near };
      ratio = Math.max(ratio, candidateRatio);
      // One repetition and its octaves, not each candidate's own: near two candidates an octave
      // apart, the onsets may repeat at tempi that are not (85 and 136 for a 170 BPM loop's tail).
      if (near.comb > strongest.comb) strongest = near;
    }
    return { fits: false, ratio, strongest };
  };
  const near = evidence(SEARCH);
  const wide = evidence(DOUBT_SEARCH);
  const bpm = 60 / near.strongest.beat;
  if (!near.fits && near.ratio < OVERTURN_RATIO && near.strongest.comb >= OVERTURN_COMB) {
    // In an excerpt the best repetition near a candidate can be a dotted beat (3:2) while the
    // beat itself repeats more strongly further away: then the new tempo is not sure either.
    return { fits: false, overturned: true, sure: sameOctaveFamily(near.strongest.beat, wide.strongest.beat), bpm };
  }
  if (doubtful(near) || doubtful(wide)) return { fits: false, overturned: false, sure: false, bpm };
  return { fits: true };
}
