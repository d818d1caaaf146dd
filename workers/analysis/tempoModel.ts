import { CONFIDENT } from '../../src/domain/analysis';
import type { TempoCandidate } from './rhythm';

/**
 * Logistic model over chosen features of both candidates side by side (slow, then fast): the
 * probability that the faster one (twice the tempo) is right. Side by side rather than as a
 * difference, so it can weigh absolute tempo and density against rhythmic evidence.
 */
export interface PairModel {
  /** Indices into TempoCandidate.features used by this model. */
  features: number[];
  weights: number[];
  bias: number;
}

/** Drum loops and melodic loops carry their pulse differently; each has its own model. */
export interface OctaveModel {
  drums: PairModel;
  melodic: PairModel;
  /**
   * Log odds of a loop shorter than two bars against a longer one, from the training loops'
   * lengths: sample-pack loops are two, four or eight bars, so where a loop's length reads as
   * one bar or as two, the two-bar reading starts ahead and only clear rhythmic evidence keeps one.
   */
  shortLoopLogPrior: number;
}

/** Readings with fewer beats than this (two bars of 4/4) are short loops. */
export const SHORT_LOOP_BEATS = 8;

export interface TempoChoice {
  bpm: number;
  /** 0..1 */
  confidence: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function pairFeatures(model: Pick<PairModel, 'features'>, slow: TempoCandidate, fast: TempoCandidate): number[] {
  return [...model.features.map((i) => slow.features[i] ?? 0), ...model.features.map((i) => fast.features[i] ?? 0)];
}

/** Log odds that the fast candidate is right, from the rhythmic evidence alone. */
export function fastLogit(model: PairModel, slow: TempoCandidate, fast: TempoCandidate): number {
  const x = pairFeatures(model, slow, fast);
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (x[i] ?? 0);
  return z;
}

function lengthPrior(model: OctaveModel, candidate: TempoCandidate): number {
  // Rounded: a tempo read from the onsets of a loop trimmed a little short spans 7.7 beats, not 8.
  return Math.round(candidate.beats) < SHORT_LOOP_BEATS ? model.shortLoopLogPrior : 0;
}

/**
 * Picks among a loop's octave candidates with the trained octave model and the loop-length prior.
 * Confidence combines how sure they are with how clearly the beats stand out on the chosen grid.
 */
export function chooseTempo(candidates: readonly TempoCandidate[], model: OctaveModel, isDrumLoop: boolean): TempoChoice | null {
  if (candidates.length === 0) return null;
  const pair = isDrumLoop ? model.drums : model.melodic;
  let best = candidates[0]!;
  let certainty = 0.95;
  for (let i = 1; i < candidates.length; i++) {
    const fast = candidates[i]!;
    const rhythm = fastLogit(pair, best, fast);
    const z = rhythm + lengthPrior(model, fast) - lengthPrior(model, best);
    // Where the length overturns the rhythm, either reading is defensible: the tempo is shown as
    // uncertain (just under the interface's threshold), whatever the prior's odds.
    const overturned = z > 0 !== rhythm > 0;
    certainty = Math.min(certainty, overturned ? CONFIDENT - 0.01 : sigmoid(Math.abs(z)));
    if (z > 0) best = fast;
  }
  // features[2]: log ratio of beat to off-beat salience; under 0 the grid barely fits.
  const gridFit = sigmoid(2 * (best.features[2] ?? 0));
  return { bpm: Math.round(best.bpm * 100) / 100, confidence: Math.round(Math.min(0.98, certainty * (0.6 + 0.4 * gridFit)) * 100) / 100 };
}
