import { useEffect } from 'react';
import { useServices } from '../../app/ServicesContext';
import { rankWithCategory, type CategoryFact } from '../../domain/similarity/categoryRanking';
import { similarCandidates } from '../../domain/similarity/similarCandidates';
import type { ScoredId } from '../../domain/similarity/topK';
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
    const searching =
      similar.words !== undefined
        ? words.search(similar.words, SIMILAR_RESULTS, filter)
        : example
          ? similarity.similarToVector(example.vector, RANKED_BY_SOUND, weights, filter).then(byCategory)
          : similarity.similarTo(sampleId!, RANKED_BY_SOUND, weights, filter).then(byCategory);
    searching
      .then((results) => useLibraryStore.getState().setSimilarResults(similar, results, kind))
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
