/**
 * "More like this" lists other sounds. The same sound saved again (another format, a trimmed
 * tail) ranks next to its copies: the corpus's kick in nine formats filled the first nine places
 * for itself and for any kick near it. A result that is a copy of the reference, or of a result
 * ranked above it, is left out by the near-duplicate finder's own test (duplicates.ts): overall
 * similarity of 0.97 or more and durations that agree.
 */
import { DEFAULT_DUPLICATE_THRESHOLD, durationsAgree } from './duplicates';
import type { EmbeddingLayout } from './embeddingLayout';
import type { ScoredId } from './topK';
import { dot, normaliseAspects, weightedEmbedding } from './vectors';

/** A sound as the copy test reads it: its embedding and its length in seconds. */
export interface SoundForCopies {
  vector: Float32Array;
  duration: number;
}

/**
 * `ranked` (best first) without copies, and how many were left out. Copies chain, as in the
 * near-duplicate finder: an AAC copy may fall short of the threshold against an Ogg copy of the
 * same kick yet reach it against the WAV. A result with no sound known stays.
 */
export function withoutCopies(
  ranked: readonly ScoredId[],
  soundOf: (id: number) => SoundForCopies | undefined,
  reference: SoundForCopies | null,
  layout: EmbeddingLayout,
  threshold = DEFAULT_DUPLICATE_THRESHOLD,
): { results: ScoredId[]; copies: number } {
  // Item 0 is the reference (when known), then the results in rank order. In the symmetric
  // "similarity space" the duplicate finder uses, a dot product is the overall similarity.
  const sounds = [reference, ...ranked.map((result) => soundOf(result.id) ?? null)];
  const points = sounds.map((sound) =>
    sound ? weightedEmbedding(normaliseAspects(Float32Array.from(sound.vector), layout), layout) : null,
  );
  const group = sounds.map((_, i) => i);
  const rootOf = (i: number): number => {
    while (group[i] !== i) i = group[i] = group[group[i]!]!;
    return i;
  };
  for (let a = 0; a < sounds.length; a++) {
    for (let b = a + 1; b < sounds.length; b++) {
      const [soundA, soundB, pointA, pointB] = [sounds[a], sounds[b], points[a], points[b]];
      if (!soundA || !soundB || !pointA || !pointB || !durationsAgree(soundA.duration, soundB.duration)) continue;
      if (dot(pointA, pointB) < threshold) continue;
      // The lower index becomes the root: each group is named by its best-ranked member (the reference first).
      const [rootA, rootB] = [rootOf(a), rootOf(b)];
      group[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }
  }
  // A group's best-ranked result stays; a copy of the reference (group 0) never does.
  const results = ranked.filter((_, rank) => rootOf(rank + 1) === rank + 1);
  return { results, copies: ranked.length - results.length };
}
