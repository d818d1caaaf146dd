import type { Chromagram } from './chroma';
import { harmonicChange } from './chroma';
import type { SignalDescriptors } from './descriptors';

/** A tempo a loop of this length could have: a power-of-two number of beats fits it exactly. */
export interface TempoCandidate {
  bpm: number;
  beats: number;
  features: number[];
}

/** Producers' loops sit between 60 and 200 BPM; outside it, an octave candidate is an octave error. */
export const TEMPO_RANGE = { min: 60, max: 200 } as const;

/** Names of TempoCandidate.features, in order (the octave model's inputs, for each candidate). */
export const TEMPO_FEATURES = [
  'log2 bpm / 110',
  'log2 onsets per beat',
  'beat / off-beat salience (log)',
  'backbeat: mid+high band on beats 2 and 4 / on 1 and 3 (log)',
  'downbeat: low band on beats 1 and 3 / on 2 and 4 (log)',
  'harmonic change at bar lines / overall (log)',
  'weakest bar line change / overall (log)',
  'harmonic change at half bars / at bar lines (log)',
  'log2 strong onsets per beat',
  'share of onset intervals near an eighth note',
  'share of onset intervals near a sixteenth note',
  'share of onset intervals near a beat',
  'log2 beats between harmonic changes',
  'distance from 120 BPM, squared (octaves²)',
] as const;

/** Share of consecutive onset intervals within 12 % of `target` seconds. */
function intervalShare(times: readonly number[], target: number): number {
  if (times.length < 2) return 0;
  let hits = 0;
  for (let i = 1; i < times.length; i++) if (Math.abs(times[i]! - times[i - 1]! - target) < 0.12 * target) hits++;
  return hits / (times.length - 1);
}

/** Mean seconds between clear harmonic changes (peaks of the change curve above its mean). */
function harmonicPeriod(change: Float32Array, frameRate: number, duration: number, mean: number): number {
  let peaks = 0;
  for (let f = 1; f + 1 < change.length; f++) {
    if (change[f]! > 2 * mean && change[f]! >= change[f - 1]! && change[f]! > change[f + 1]!) peaks++;
  }
  return duration / (peaks + 1);
}

/** The curve's maximum within ±1 frame of each position (in beats), tolerating a little timing slop. */
function valuesAtBeats(curve: Float32Array, frameRate: number, beatSeconds: number, positions: readonly number[]): number[] {
  return positions.map((beat) => {
    const f = Math.round(beat * beatSeconds * frameRate);
    return Math.max(curve[f - 1] ?? 0, curve[f] ?? 0, curve[f + 1] ?? 0);
  });
}

const mean = (values: readonly number[]): number => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let x = from; x < to; x += step) out.push(x);
  return out;
};

/** Beat positions of the given beats of every bar (0 = downbeat) in a loop of `beats` beats. */
const beatsOfBars = (beatsInBar: readonly number[], beats: number): number[] =>
  range(0, beats, 4).flatMap((bar) => beatsInBar.map((b) => bar + b).filter((b) => b < beats));

const logRatio = (a: number, b: number): number => Math.log((a + 1e-3) / (b + 1e-3));

interface RhythmContext {
  signal: SignalDescriptors;
  change: Float32Array;
  chromaRate: number;
  meanChange: number;
  strongOnsets: number;
  chordSeconds: number;
}

function rhythmContext(signal: SignalDescriptors, chroma: Chromagram | null): RhythmContext {
  const { duration, onsets } = signal;
  // Without a chromagram (one-shots, before classification) the harmonic features are 0.
  const change = chroma ? harmonicChange(chroma) : new Float32Array(0);
  const chromaRate = chroma?.frameRate ?? 1;
  let meanChange = 0;
  for (let i = 0; i < change.length; i++) meanChange += change[i]!;
  meanChange /= Math.max(1, change.length);
  const strongOnsets = onsets.times.filter((_, i) => (onsets.strengths[i] ?? 0) > 0.3).length;
  const chordSeconds = harmonicPeriod(change, chromaRate, duration, meanChange);
  return { signal, change, chromaRate, meanChange, strongOnsets, chordSeconds };
}

/** The evidence for one tempo, `beats` beats long (a whole number for a loop cut to its bars). */
function candidateAt(context: RhythmContext, bpm: number, beats: number): TempoCandidate {
  const { signal, change, chromaRate, meanChange, strongOnsets, chordSeconds } = context;
  const { frames, onsets } = signal;
  const beat = 60 / bpm;
  const fr = frames.frameRate;
  const onBeat = mean(valuesAtBeats(frames.flux, fr, beat, range(0, beats)));
  const offBeat = mean(valuesAtBeats(frames.flux, fr, beat, range(0.5, beats)));
  const upper = (b: readonly number[]): number =>
    mean(valuesAtBeats(frames.fluxMid, fr, beat, beatsOfBars(b, beats))) +
    mean(valuesAtBeats(frames.fluxHigh, fr, beat, beatsOfBars(b, beats)));
  const barChange = mean(valuesAtBeats(change, chromaRate, beat, range(0, beats, 4)));
  const halfBarChange = mean(valuesAtBeats(change, chromaRate, beat, range(2, beats, 4)));
  return {
    bpm,
    beats,
    features: [
      Math.log2(bpm / 110),
      Math.log2((onsets.times.length + 0.5) / beats),
      logRatio(onBeat, offBeat),
      logRatio(upper([1, 3]), upper([0, 2])),
      logRatio(
        mean(valuesAtBeats(frames.fluxLow, fr, beat, beatsOfBars([0, 2], beats))),
        mean(valuesAtBeats(frames.fluxLow, fr, beat, beatsOfBars([1, 3], beats))),
      ),
      logRatio(barChange, meanChange),
      logRatio(beats > 4 ? Math.min(...valuesAtBeats(change, chromaRate, beat, range(4, beats, 4))) : 0, meanChange),
      logRatio(halfBarChange, barChange),
      Math.log2((strongOnsets + 0.5) / beats),
      intervalShare(onsets.times, beat / 2),
      intervalShare(onsets.times, beat / 4),
      intervalShare(onsets.times, beat),
      Math.log2(chordSeconds / beat),
      Math.log2(bpm / 120) ** 2,
    ],
  };
}

/**
 * Candidate tempi of a loop and the evidence for each. A loop is a whole number of beats long
 * and almost always a power-of-two number of bars, so its candidates are octaves apart; the
 * features tell them apart (see the octave model in tempoModel.ts).
 */
export function tempoCandidates(signal: SignalDescriptors, chroma: Chromagram | null): TempoCandidate[] {
  const context = rhythmContext(signal, chroma);
  const out: TempoCandidate[] = [];
  for (let beats = 2; beats <= 256; beats *= 2) {
    const bpm = (60 * beats) / signal.duration;
    if (bpm < TEMPO_RANGE.min || bpm > TEMPO_RANGE.max) continue;
    out.push(candidateAt(context, bpm, beats));
  }
  return out;
}

/**
 * The same evidence at tempi the onsets gave rather than the length (a loop with a tail or cut
 * short, see loopLength.ts): each spans the loop's length in as many beats as fit, not a whole
 * number.
 */
export function candidatesAtTempi(signal: SignalDescriptors, chroma: Chromagram | null, bpms: readonly number[]): TempoCandidate[] {
  const context = rhythmContext(signal, chroma);
  return bpms.map((bpm) => candidateAt(context, bpm, (signal.duration * bpm) / 60));
}
