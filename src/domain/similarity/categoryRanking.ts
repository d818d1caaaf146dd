import { DRUM_CATEGORIES } from '../corrections';
import type { ScoredId } from './topK';

/** What the analysis (or the user) says a sound is: its category and how sure that is. */
export interface CategoryFact {
  category: string | null;
  confidence: number | null;
}

/**
 * "More like this" ranks by sound, then lifts the samples the analysis files with the reference:
 * by sound alone a piano note's nearest included snares and toms (a review counted 24 drum hits in
 * the top 5 of 41 melodic one-shots). Measured on the corpus's one-shots (precision@10 of the same
 * category, other sounds only), with categories as cross-validation predicts them: 56.8 % by
 * sound, 65.8 % with these bonuses; top 5, 66.8 → 73.0 %; the other family in the top 10, 3.5 →
 * 1.6 % (docs/decisions/009-sound-embedding.md). The family bonus hardly moves the category
 * figures (0.1 to 0.4: 65.8-65.9 %) but keeps drum hits below the notes after a note's own category.
 * The bonuses are small beside the score's range (-1..1): a sound far from the reference stays far.
 */
export const SAME_FAMILY_BONUS = 0.25;
/** Scaled by the lower of the two confidences: a toss-up category lifts little. */
export const SAME_CATEGORY_BONUS = 0.2;

/** Drums (kick ... percussion, drum loops) and everything else are the two families. */
const familyOf = (category: string): 'drums' | 'other' => (DRUM_CATEGORIES.has(category) ? 'drums' : 'other');

/**
 * `results` (best first by sound) re-ranked with the category bonuses, the best `k` of them. A
 * reference with no category (not analysed, or none found) leaves the order as it is.
 */
export function rankWithCategory(
  results: readonly ScoredId[],
  reference: CategoryFact,
  factOf: (id: number) => CategoryFact | undefined,
  k: number,
): ScoredId[] {
  const wanted = reference.category;
  if (wanted === null) return results.slice(0, k);
  const family = familyOf(wanted);
  const ranked = results.map(({ id, score }) => {
    const fact = factOf(id);
    let bonus = 0;
    if (fact?.category) {
      if (familyOf(fact.category) === family) bonus += SAME_FAMILY_BONUS;
      if (fact.category === wanted) bonus += SAME_CATEGORY_BONUS * Math.min(reference.confidence ?? 0, fact.confidence ?? 0);
    }
    return { id, score: score + bonus };
  });
  return ranked.sort((a, b) => b.score - a.score).slice(0, k);
}
