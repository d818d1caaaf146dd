import { useServices } from '../../app/ServicesContext';
import { leftOutWordsHint, splitLeftoverText, unreadWordsHint } from '../../domain/ai/queryParser';
import { filtersFromText } from '../../domain/ai/searchFilters';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';
import { textFindsAny } from '../../state/visibleRows';
import { useSearchRefinement } from '../ai/useSearchRefinement';

/** The notice saying which words of a search were left out (no sample has them). */
const SEARCH_HINT_TOPIC = 'search-hint';

export function SearchBox() {
  const text = useLibraryStore((s) => s.query.text);
  const setText = useLibraryStore((s) => s.setText);
  const { words } = useServices();
  const refine = useSearchRefinement();
  const aiSearch = useImportStore((s) => s.aiSearch);
  return (
    <div className="search-wrap">
      <input
        type="search"
        data-arrow-to-list
        className="search"
        placeholder="Search names, folders and tags, or describe: “dark pads in F minor” + Enter"
        aria-label="Search samples by name, folder or tag"
        title="Type words to search names, folders, tags and categories. Press Enter to turn a description (loops, kick, 120-128 bpm, A minor, short…) into filters."
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          if (useImportStore.getState().aiSearch) useImportStore.getState().setAiSearch(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setText('');
          // Hand the arrows to the list: the same press selects the next result (useLibraryShortcuts),
          // and the list takes the focus (a blur alone left it on the page's body, with no ring).
          if (event.key === 'ArrowDown') {
            const list = document.querySelector<HTMLElement>('.library-body');
            if (list) list.focus({ preventScroll: true });
            else (event.currentTarget as HTMLInputElement).blur();
          }
          if (event.key === 'Enter') {
            const { query, setQuery, rows } = useLibraryStore.getState();
            let filters = filtersFromText(event.currentTarget.value, query);
            // With the optional CLAP model, the words left over describe a sound: list what sounds like them.
            const described = (filters ?? query).text.trim();
            const soundsLike = words.available && described !== '';
            // Without it they are a text filter: words no sample has would hide every result the other filters find.
            let missing: string[] = [];
            if (filters && !soundsLike) {
              const leftover = splitLeftoverText(filters.text, (word) => textFindsAny(word, rows));
              if (leftover.missing.length > 0) {
                filters = { ...filters, text: leftover.kept };
                missing = leftover.missing;
              }
            }
            if (filters) setQuery(filters); // shown as removable chips; the words left over stay in the box
            if (soundsLike) {
              useLibraryStore.getState().setText('');
              useLibraryStore.getState().showSoundsLike(described);
            }
            // A hint about the last search goes with it (it stayed up to 6 s beside the next one's results).
            useImportStore.getState().dismissTopic(SEARCH_HINT_TOPIC);
            if (filters && missing.length > 0)
              useImportStore.getState().notify('info', leftOutWordsHint(missing, filters), undefined, SEARCH_HINT_TOPIC);
            // Nothing to read and nothing that has the words: Enter did nothing, and said nothing.
            if (!filters && !soundsLike && described !== '') {
              const unknown = splitLeftoverText(described, (word) => textFindsAny(word, rows)).missing;
              if (unknown.length > 0) useImportStore.getState().notify('info', unreadWordsHint(unknown), undefined, SEARCH_HINT_TOPIC);
            }
            // Last, so that a model's reading applies only if nothing above or after changes the filters first.
            // Words left out stay out of a model's reading too, unless some were kept (its text then replaces them).
            refine(event.currentTarget.value, query, { keepTextOut: soundsLike || (missing.length > 0 && filters?.text === '') });
          }
        }}
      />
      {aiSearch && (
        <span
          className="search-ai"
          role="status"
          title={aiSearch.state === 'read' ? `These filters were read by ${aiSearch.by}` : undefined}
        >
          {aiSearch.state === 'reading' ? '✦ reading…' : `✦ ${aiSearch.by}`}
        </span>
      )}
    </div>
  );
}
