import { useCallback, useRef } from 'react';
import { useServices } from '../../app/ServicesContext';
import { filtersFromParsed } from '../../domain/ai/searchFilters';
import { providerLabel } from '../../domain/ai/providerCatalogue';
import type { LibraryQuery } from '../../domain/library/libraryQuery';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';

/**
 * After the offline parser has turned a typed search into filters, a model (when the user's
 * settings allow one) reads the same text; its validated reading replaces the parser's chips,
 * unless the user changed the filters in the meantime.
 */
export function useSearchRefinement(): (text: string, before: LibraryQuery, options?: { keepTextOut?: boolean }) => void {
  const { ai } = useServices();
  const pending = useRef<AbortController | null>(null);
  return useCallback(
    (text: string, before: LibraryQuery, options: { keepTextOut?: boolean } = {}) => {
      if (!ai.settings.refineSearches || !ai.available()) return;
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      const parsedQuery = useLibraryStore.getState().query;
      useImportStore.getState().setAiSearch({ state: 'reading' });
      void import('../../ai/tasks/refineSearch')
        .then(({ refineSearch }) => refineSearch(ai, text, controller.signal))
        .then((refined) => {
          if (controller.signal.aborted || useLibraryStore.getState().query !== parsedQuery) return false;
          if (refined.source === 'parser') {
            if (refined.fallbackReason) {
              useImportStore
                .getState()
                .notify('info', `AI could not read the search; the offline reading stands. ${refined.fallbackReason}`);
            }
            return false;
          }
          // When the words went to "sounds like" (search by words), they do not come back as a text filter.
          const filters = filtersFromParsed(options.keepTextOut ? { ...refined.query, text: '' } : refined.query, before);
          if (filters) useLibraryStore.getState().setQuery(filters);
          useImportStore.getState().setAiSearch({ state: 'read', by: providerLabel(refined.source) });
          return true;
        })
        .catch(() => false) // cancelled by a newer search
        .then((read) => {
          if (pending.current !== controller) return;
          pending.current = null;
          if (!read) useImportStore.getState().setAiSearch(null);
        });
    },
    [ai],
  );
}
