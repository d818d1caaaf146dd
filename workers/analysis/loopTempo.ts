import { CONFIDENT } from '../../src/domain/analysis';
import type { Chromagram } from './chroma';
import type { SignalDescriptors } from './descriptors';
import { checkLoopLength } from './loopLength';
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

/**
 * A loop's tempo: among its length candidates where the length fits its rhythm (a loop cut to its
 * bars); among the tempi its onsets repeat at where the length is clearly wrong (a tail, silence,
 * a trim); and where the evidence is in between, the length's tempo shown as uncertain.
 */
export function loopTempo(
  signal: SignalDescriptors,
  chroma: Chromagram | null,
  candidates: readonly TempoCandidate[],
  model: OctaveModel,
  isDrumLoop: boolean,
): TempoChoice | null {
  const verdict = checkLoopLength(
    signal.frames,
    signal.duration,
    candidates.map((c) => c.bpm),
  );
  if (verdict.fits) return chooseTempo(candidates, model, isDrumLoop);
  if (!verdict.overturned) {
    const choice = chooseTempo(candidates, model, isDrumLoop);
    return choice && { ...choice, confidence: Math.min(choice.confidence, CONFIDENT - 0.01) };
  }
  const choice = chooseTempo(candidatesAtTempi(signal, chroma, octavesInRange(verdict.bpm)), model, isDrumLoop);
  const ceiling = verdict.sure ? ONSET_TEMPO_CONFIDENCE : CONFIDENT - 0.01;
  return choice && { bpm: roundOnsetTempo(choice.bpm), confidence: Math.min(choice.confidence, ceiling) };
}
