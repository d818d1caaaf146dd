import type { EssentiaApi } from './essentia';
import { deleteVectors, withSignalVector } from './essentia';

export interface TempoEstimate {
  bpm: number;
  /** 0..1 */
  confidence: number;
}

export const MIN_BPM = 60;
export const MAX_BPM = 200;

/** Tempo ratios an estimator confuses with the true tempo, most likely first. */
const RELATED_RATIOS = [1, 2, 0.5, 1.5, 2 / 3, 3, 1 / 3];

/**
 * A loop is a whole number of beats long, so its tempo is one of 60·n/duration. Among those
 * candidates, take the one nearest a tempo related to the estimator's, preferring whole bars
 * (n a multiple of 4) and the estimator's own octave.
 */
export function snapToLoopLength(rawBpm: number, durationSeconds: number): TempoEstimate | null {
  let best: { bpm: number; score: number } | null = null;
  for (const [rank, ratio] of RELATED_RATIOS.entries()) {
    const target = rawBpm * ratio;
    if (target < MIN_BPM * 0.97 || target > MAX_BPM * 1.03) continue;
    const beats = Math.round((target * durationSeconds) / 60);
    if (beats < 1) continue;
    const candidate = (60 * beats) / durationSeconds;
    const error = Math.abs(candidate - target) / target;
    if (error > 0.03 || candidate < MIN_BPM * 0.97 || candidate > MAX_BPM * 1.03) continue;
    const bars = beats % 4 === 0 ? 0 : beats % 2 === 0 ? 0.15 : 0.3;
    const score = error * 10 + rank * 0.12 + bars;
    if (!best || score < best.score) best = { bpm: candidate, score };
  }
  if (!best) return null;
  return { bpm: Math.round(best.bpm * 100) / 100, confidence: Math.max(0.2, Math.min(0.95, 0.95 - best.score)) };
}

/** essentia's beat tracker (RhythmExtractor2013, degara): the tempo it reads, in BPM, or null. */
export function trackedTempo(essentia: EssentiaApi, mono44k: Float32Array): number | null {
  const raw = withSignalVector(essentia, mono44k, 'RhythmExtractor2013', (signal) => {
    const rhythm = essentia.RhythmExtractor2013(signal, 208, 'degara', 40);
    deleteVectors(rhythm);
    return rhythm.bpm;
  });
  return Number.isFinite(raw) && raw > 0 ? raw : null;
}

/** Tempo of a loop: essentia's beat tracker, then the loop-length constraint. */
export function estimateLoopTempo(essentia: EssentiaApi, mono44k: Float32Array, durationSeconds: number): TempoEstimate | null {
  const raw = trackedTempo(essentia, mono44k);
  if (raw === null) return null;
  const snapped = snapToLoopLength(raw, durationSeconds);
  if (snapped) return snapped;
  let bpm = raw;
  while (bpm > MAX_BPM) bpm /= 2;
  while (bpm < MIN_BPM) bpm *= 2;
  return { bpm: Math.round(bpm * 10) / 10, confidence: 0.3 };
}
