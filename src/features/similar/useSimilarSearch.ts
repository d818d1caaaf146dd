import { useEffect } from 'react';
import { useServices } from '../../app/ServicesContext';
import { rankWithCategory, type CategoryFact } from '../../domain/similarity/categoryRanking';
import { similarCandidates } from '../../domain/similarity/similarCandidates';
import type { ScoredId } from '../../domain/similarity/topK';
import { withoutCopies, type SoundForCopies } from '../../domain/similarity/copies';
import { SOUND_EMBEDDING_LAYOUT } from '../../domain/similarity/soundEmbedding';
import { filterPredicate, useLibraryStore } from '../../state/libraryStore';

/** How many of the nearest samples "more like this" lists. */
export const SIMILAR_RESULTS = 200;
/** How many nearest by sound the category bonuses re-rank (categoryRanking.ts): a bonus can lift one from below the first 200. */
const RANKED_BY_SOUND = 3 * SIMILAR_RESULTS;

/**
 * Runs "more like this" whenever it needs results: a new reference sample, new aspect weights,
 * or new filters (the search looks only among the samples the filters accept).
 */
export function useSimilarSearch(): void {
  const { similarity, words } = useServices();
  const similar = useLibraryStore((s) => s.similar);
  const query = useLibraryStore((s) => s.query);
  const collectionId = useLibraryStore((s) => s.collectionId);

  useEffect(() => {
    if (!similar || similar.results !== null) return;
    const { sampleId, example, weights } = similar;
    const state = useLibraryStore.getState();
    const { filter, kind } = similarCandidates(sampleId, state.rows, filterPredicate(state), state.query.kind, example?.kind ?? null);
    const reference = sampleId === null ? example : state.rows.get(sampleId)?.analysis;
    const factOf = (id: number): CategoryFact | undefined => {
      const analysis = state.rows.get(id)?.analysis;
      return analysis ? { category: analysis.category, confidence: analysis.categoryConfidence } : undefined;
    };
    const byCategory = (results: ScoredId[] | null): ScoredId[] | null =>
      results &&
      rankWithCategory(
        results,
        { category: reference?.category ?? null, confidence: reference?.categoryConfidence ?? null },
        factOf,
        SIMILAR_RESULTS,
      );
    // The same sound in other files is not "more like this": its copies are left out, and counted.
    // An example keeps its first copy in the library, where there is one: the user learns it is there.
    const soundOf = (id: number): SoundForCopies | undefined => {
      const vector = similarity.vectorOf(id);
      const duration = state.rows.get(id)?.analysis?.duration;
      return vector && duration !== undefined ? { vector, duration } : undefined;
    };
    const dropCopies = (reference: SoundForCopies | null) => (results: ScoredId[] | null) =>
      results ? withoutCopies(results, soundOf, reference, SOUND_EMBEDDING_LAYOUT) : { results: null, copies: 0 };
    const searching =
      similar.words !== undefined
        ? words.search(similar.words, SIMILAR_RESULTS, filter).then((results) => ({ results, copies: 0 }))
        : example
          ? similarity.similarToVector(example.vector, RANKED_BY_SOUND, weights, filter).then(byCategory).then(dropCopies(null))
          : similarity
              .similarTo(sampleId!, RANKED_BY_SOUND, weights, filter)
              .then(byCategory)
              .then((results) => dropCopies(soundOf(sampleId!) ?? null)(results));
    searching
      .then(({ results, copies }) => useLibraryStore.getState().setSimilarResults(similar, results, kind, copies))
      .catch((error: unknown) => {
        console.error('More like this failed', error);
        useLibraryStore.getState().setSimilarResults(similar, null);
      });
  }, [similar, similarity, words]);

  useEffect(() => {
    const current = useLibraryStore.getState().similar;
    if (current?.results) useLibraryStore.getState().setSimilarWeights(current.weights);
  }, [query, collectionId]);
}
