import type { SampleKind } from '../../src/domain/analysis';
import type { OnsetAnalysis } from './onsets';

/**
 * One-shot or loop, from how the onsets fill the file. A loop repeats hits across its whole
 * length; a one-shot is one event (perhaps with a flam or a roll inside its first moments) that
 * decays. The precise, trained version comes with the category classifier.
 */
export function classifyKind(durationSeconds: number, onsets: OnsetAnalysis): SampleKind {
  if (durationSeconds < 1.2) return 'one-shot';
  const times = onsets.onsets;
  if (times.length < 4) return 'one-shot';
  const span = (times[times.length - 1]! - times[0]!) / durationSeconds;
  if (span < 0.5) return 'one-shot';
  // Hits in each quarter of the file: loops keep going, a decaying one-shot does not.
  const quarters = new Set(times.map((t) => Math.min(3, Math.floor((4 * t) / durationSeconds))));
  return quarters.size >= 3 ? 'loop' : 'one-shot';
}
