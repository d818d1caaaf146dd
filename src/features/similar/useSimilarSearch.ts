import { useEffect } from 'react';
import { useServices } from '../../app/ServicesContext';
import { similarCandidates } from '../../domain/similarity/similarCandidates';
import { filterPredicate, useLibraryStore } from '../../state/libraryStore';

/** How many of the nearest samples "more like this" lists. */
export const SIMILAR_RESULTS = 200;

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
    const { filter, kind } = similarCandidates(sampleId, state.rows, filterPredicate(state), state.query.kind);
    const searching =
      similar.words !== undefined
        ? words.search(similar.words, SIMILAR_RESULTS, filter)
        : example
          ? similarity.similarToVector(example.vector, SIMILAR_RESULTS, weights, filter)
          : similarity.similarTo(sampleId!, SIMILAR_RESULTS, weights, filter);
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
