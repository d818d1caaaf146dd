/** Training and scoring of the tempo octave models (tempoModel.ts) for `npm run train:models`. */
import type { OctaveModel, PairModel } from '../../../workers/analysis/tempoModel';
import { chooseTempo, pairFeatures, SHORT_LOOP_BEATS } from '../../../workers/analysis/tempoModel';
import type { Example } from './dataset';
import { trainLogistic } from './mlp';

const isRight = (bpm: number, truth: number): boolean => Math.abs(bpm - truth) / truth < 0.04;

/** Beats in each original loop: those of the candidate at its labelled tempo. */
export function loopBeats(examples: Example[]): number[] {
  return examples.flatMap((e) => {
    if (e.kind !== 'loop' || e.bpm === null || e.augmentation !== null) return [];
    const right = e.candidates.find((c) => isRight(c.bpm, e.bpm!));
    return right ? [right.beats] : [];
  });
}

/**
 * Log odds of a loop shorter than two bars against one of two bars or more, from the training
 * loops' lengths, add-one smoothed (none of the corpus's 76 loops is shorter: about -4.3). The
 * pair models do not learn it from their features: where a one-bar reading is a candidate, its
 * tempo (60-69 BPM) already rules it out, except in the one loop (two bars at 176 BPM, or one
 * at 88) that then decides alone; a number-of-beats feature left that loop wrong when held out.
 */
export function shortLoopLogPrior(beats: readonly number[]): number {
  const short = beats.filter((b) => b < SHORT_LOOP_BEATS).length;
  return Math.log((short + 1) / (beats.length - short + 1));
}

/**
 * Which candidate features each octave model reads (chosen under cross-validation by song and
 * program, on four differently seeded augmentations of the corpus).
 * Drums: onset density per beat and beat salience. Density alone scored one loop better under
 * cross-validation on the corpus's songs, but halves sparse loops (four-on-the-floor kicks,
 * click tracks: one hit a beat), which salience gets right. Leaving out the fast candidate's
 * salience got the corpus's 176 BPM loop right but read house-style click tracks (kick on the
 * beat, hat off the beat) at half tempo, so the model reads both candidates' salience.
 * Melodic: tempo, beats between harmonic changes and a prior against tempi far from 120 BPM. All
 * 13 features (26 weights for 51 loops) scored 41-43 of 51 loops; these three 44-45.
 */
const DRUM_FEATURES = [1, 2];
const MELODIC_FEATURES = [0, 12, 13];
const OCTAVE_TRAINING = { epochs: 3000, learningRate: 0.3, l2: 1e-2 };

/** Training pairs: loops with a slow and a fast candidate, exactly one of them right. */
function octavePairs(examples: Example[], features: number[]): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const e of examples) {
    if (e.kind !== 'loop' || e.bpm === null) continue;
    for (let i = 0; i + 1 < e.candidates.length; i++) {
      const slow = e.candidates[i]!;
      const fast = e.candidates[i + 1]!;
      const slowRight = isRight(slow.bpm, e.bpm);
      const fastRight = isRight(fast.bpm, e.bpm);
      if (slowRight === fastRight) continue;
      x.push(pairFeatures({ features }, slow, fast));
      y.push(fastRight ? 1 : 0);
    }
  }
  return { x, y };
}

export function trainOctave(examples: Example[]): OctaveModel {
  const isDrum = (e: Example): boolean => e.category === 'drum-loop';
  const fitPair = (subset: Example[], features: number[]): PairModel => {
    const { x, y } = octavePairs(subset, features);
    const { weights, bias } = trainLogistic(x, y, OCTAVE_TRAINING);
    return { features, weights: weights.map((w) => +w.toFixed(5)), bias: +bias.toFixed(5) };
  };
  return {
    drums: fitPair(examples.filter(isDrum), DRUM_FEATURES),
    melodic: fitPair(
      examples.filter((e) => !isDrum(e)),
      MELODIC_FEATURES,
    ),
    shortLoopLogPrior: +shortLoopLogPrior(loopBeats(examples)).toFixed(5),
  };
}

export function tempoAccuracy(examples: Example[], model: (e: Example) => OctaveModel): { right: number; total: number } {
  let right = 0;
  let total = 0;
  for (const e of examples) {
    if (e.kind !== 'loop' || e.bpm === null || e.augmentation !== null) continue;
    total++;
    const choice = chooseTempo(e.candidates, model(e), e.category === 'drum-loop');
    if (choice && isRight(choice.bpm, e.bpm)) right++;
  }
  return { right, total };
}
