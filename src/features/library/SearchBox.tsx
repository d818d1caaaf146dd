import { useServices } from '../../app/ServicesContext';
import { filtersFromText } from '../../domain/ai/searchFilters';
import { useLibraryStore } from '../../state/libraryStore';

export function SearchBox() {
  const text = useLibraryStore((s) => s.query.text);
  const setText = useLibraryStore((s) => s.setText);
  const { words } = useServices();
  return (
    <input
      type="search"
      className="search"
      placeholder="Search names, folders and tags, or describe: “dark pads in F minor” + Enter"
      aria-label="Search samples by name, folder or tag"
      title="Type words to search names, folders and tags. Press Enter to turn a description (loops, kick, 120-128 bpm, A minor, short…) into filters."
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setText('');
        if (event.key === 'ArrowDown') (event.currentTarget as HTMLInputElement).blur(); // hand the arrows to the list
        if (event.key === 'Enter') {
          const { query, setQuery } = useLibraryStore.getState();
          const filters = filtersFromText(event.currentTarget.value, query);
          if (filters) setQuery(filters); // shown as removable chips; the words left over stay in the box
          // With the optional CLAP model, the words left over describe a sound: list what sounds like them.
          const described = (filters ?? query).text.trim();
          if (words.available && described) {
            useLibraryStore.getState().setText('');
            useLibraryStore.getState().showSoundsLike(described);
          }
        }
      }}
    />
  );
}
