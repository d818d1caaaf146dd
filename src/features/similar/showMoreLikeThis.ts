import { selectVisibleRows, useLibraryStore } from '../../state/libraryStore';

/**
 * "More like this" for a library sample (M, or the detail panel's button). It looks among the
 * samples the search and filters show; where the typed search shows that sample alone (its name,
 * typed to find it: "t014"), the search goes first, or there was nothing to compare it with
 * ("0 closest"). A search that shows others too stays, and narrows the candidates as before.
 */
export function showMoreLikeThis(sampleId: number): void {
  const store = useLibraryStore.getState();
  if (store.query.text.trim() !== '' && selectVisibleRows(store).every((row) => row.id === sampleId)) store.setText('');
  useLibraryStore.getState().showSimilar(sampleId);
}
