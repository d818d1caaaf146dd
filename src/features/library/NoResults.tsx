import { filtersFromText } from '../../domain/ai/searchFilters';
import { emptyResultHint } from '../../domain/library/emptyResultHint';
import { EMPTY_QUERY } from '../../domain/library/libraryQuery';
import { useLibraryStore } from '../../state/libraryStore';

/**
 * The list's line when nothing matches. With words in the search box it says that no name,
 * folder or tag has them, and, where Enter would read them as filters ("kick 808": the kick
 * category), to press it: typed searches looked like dead ends while the words were being typed.
 */
export function NoResults() {
  const query = useLibraryStore((s) => s.query);
  const text = query.text.trim();
  const readable = text !== '' && filtersFromText(text, query) !== null;
  const hint = text ? null : emptyResultHint(query);
  return (
    <div className="no-results" role="row">
      <span role="gridcell">
        {text ? `No sample’s name, folder or tags have “${text}”.` : 'No samples match these filters.'} {hint && `${hint} `}
        {readable && 'Press Enter to read it as a description (kick, 120 bpm, A minor…). '}
        <button type="button" className="link-button" onClick={() => useLibraryStore.getState().setQuery(EMPTY_QUERY)}>
          Clear all filters
        </button>
      </span>
    </div>
  );
}
