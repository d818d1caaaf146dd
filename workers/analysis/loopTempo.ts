import { CONFIDENT } from '../../src/domain/analysis';
import type { Chromagram } from './chroma';
import type { Measurement } from './measure';
import type { SignalDescriptors } from './descriptors';
import { checkLoopLength, COMB_STEP, onsetRepetition } from './loopLength';
import type { TempoCandidate } from './rhythm';
import { candidatesAtTempi, TEMPO_RANGE } from './rhythm';
import type { OctaveModel, TempoChoice } from './tempoModel';
import { chooseTempo } from './tempoModel';

/**
 * A tempo read from the onsets alone, without the length to pin it, is at most this sure: its
 * octave family was right on all 188 loops with a tail, silence or trim where it replaced the
 * length's, but the octave model was trained on loops cut to their bars, whose grid is sharper.
 */
const ONSET_TEMPO_CONFIDENCE = 0.8;

/** Tempi read from onsets land between whole BPM; most loops are made at one. */
function roundOnsetTempo(bpm: number): number {
  const whole = Math.round(bpm);
  return Math.abs(bpm - whole) < 0.35 ? whole : Math.round(bpm * 10) / 10;
}

/** A tempo's octaves producers' loops could have, slowest first. */
export function octavesInRange(bpm: number): number[] {
  let slowest = bpm;
  while (slowest / 2 >= TEMPO_RANGE.min) slowest /= 2;
  while (slowest < TEMPO_RANGE.min) slowest *= 2;
  const out: number[] = [];
  for (let t = slowest; t <= TEMPO_RANGE.max; t *= 2) out.push(t);
  return out;
}

/** Two tempi this close are one reading (the corpus's tempo tolerance). */
const SAME_TEMPO = 0.04;

/** The tracker's tempo is refined within ±2 % (this many COMB_STEPs each way). */
const TRACKER_REFINE_STEPS = 8;

const inFamily = (bpm: number, family: readonly number[]): boolean => family.some((t) => Math.abs(bpm / t - 1) <= SAME_TEMPO);

/**
 * The beat tracker's tempo family, where it should replace the tempi in doubt: it reads none of
 * them (within 4 %, up to octaves), and the onsets repeat at it more clearly than at any of them.
 * That referee matters: on sustained strings the tracker can read a 3:2 tempo (without it, 5 of 456
 * augmented loops cut to their bars lost a right tempo; with it, none).
 */
function trackerAlternative(signal: SignalDescriptors, doubted: readonly number[], tracked: number | null): number[] | null {
  if (tracked === null || !(tracked > 0)) return null;
  const family = octavesInRange(tracked);
  if (family.length === 0 || doubted.some((bpm) => inFamily(bpm, family))) return null;
  const comb = onsetRepetition(signal.frames, signal.duration);
  const clearest = (tempi: readonly number[]): number => Math.max(0, ...tempi.map(comb));
  if (clearest(family) <= clearest(doubted)) return null;
  // Taken, the tempo is placed where the onsets' comb peaks within ±2 % of the tracker's reading:
  // a tracker places it to a percent or two (124.5 for 125). On the 74 excerpts, 29 exact whole-BPM
  // readings instead of 9. (Placing both before the referee compares them took more excerpts, 38
  // instead of 32, but also an unrelated tracker tempo against a loop cut to its bars: 1 of 456.)
  let best = { bpm: tracked, comb: -Infinity };
  for (let i = -TRACKER_REFINE_STEPS; i <= TRACKER_REFINE_STEPS; i++) {
    const bpm = tracked * (1 + i * COMB_STEP);
    const c = comb(bpm);
    if (c > best.comb) best = { bpm, comb: c };
  }
  return octavesInRange(best.bpm);
}

/**
 * A loop's tempo: among its length candidates where the length fits its rhythm (a loop cut to its
 * bars); among the tempi its onsets repeat at where the length is clearly wrong (a tail, silence,
 * a trim). Where the evidence is in between, a beat tracker is asked (`beatTracker`, essentia's in
 * the worker: ~200 ms, so only then) and may replace the tempi in doubt (trackerAlternative): an
 * excerpt cut at no bar line has its tempo from there. Such tempi are shown as uncertain.
 */
export function loopTempo(
  signal: SignalDescriptors,
  chroma: Chromagram | null,
  candidates: readonly TempoCandidate[],
  model: OctaveModel,
  isDrumLoop: boolean,
  beatTracker: () => number | null = () => null,
  beforePadding: (() => Pick<Measurement, 'signal' | 'candidates'>) | null = null,
): TempoChoice | null {
  const verdict = checkLoopLength(
    signal.frames,
    signal.duration,
    candidates.map((c) => c.bpm),
  );
  // Silence after the loop's last bar (digital zeros: an export's padding) is not part of its
  // length: where the length up to it fits the onsets, its candidates are the loop's. A loop whose
  // last beat is a rest of exact zeros fits whole too; then the reading its onsets repeat at more
  // clearly wins (both fitting, the cut of a loop with a rest read 99 for 174 at 95 % before).
  const cut = beforePadding?.();
  if (
    cut &&
    checkLoopLength(
      cut.signal.frames,
      cut.signal.duration,
      cut.candidates.map((c) => c.bpm),
    ).fits
  ) {
    const cutChoice = chooseTempo(cut.candidates, model, isDrumLoop);
    if (!verdict.fits || !cutChoice) return cutChoice;
    const wholeChoice = chooseTempo(candidates, model, isDrumLoop);
    if (!wholeChoice) return cutChoice;
    const comb = onsetRepetition(signal.frames, signal.duration);
    return comb(cutChoice.bpm) > comb(wholeChoice.bpm) ? cutChoice : wholeChoice;
  }
  if (verdict.fits) return chooseTempo(candidates, model, isDrumLoop);
  const onsetTempi = octavesInRange(verdict.bpm);
  if (verdict.overturned && verdict.sure) {
    const choice = chooseTempo(candidatesAtTempi(signal, chroma, onsetTempi), model, isDrumLoop);
    return choice && { bpm: roundOnsetTempo(choice.bpm), confidence: Math.min(choice.confidence, ONSET_TEMPO_CONFIDENCE) };
  }
  // In doubt: the length's tempi where the onsets did not overturn them, else the onsets' own.
  const alternative = trackerAlternative(signal, verdict.overturned ? onsetTempi : candidates.map((c) => c.bpm), beatTracker());
  const tempi = alternative ?? (verdict.overturned ? onsetTempi : null);
  const choice = chooseTempo(tempi ? candidatesAtTempi(signal, chroma, tempi) : candidates, model, isDrumLoop);
  return choice && { bpm: tempi ? roundOnsetTempo(choice.bpm) : choice.bpm, confidence: Math.min(choice.confidence, CONFIDENT - 0.01) };
}
