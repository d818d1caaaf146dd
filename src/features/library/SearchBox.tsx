import { useLibraryStore } from '../../state/libraryStore';

export function SearchBox() {
  const query = useLibraryStore((s) => s.query);
  const setQuery = useLibraryStore((s) => s.setQuery);
  return (
    <input
      type="search"
      className="search"
      placeholder="Filter by name or folder"
      aria-label="Filter samples by name or folder"
      value={query}
      onChange={(event) => setQuery(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setQuery('');
        if (event.key === 'ArrowDown') (event.currentTarget as HTMLInputElement).blur(); // hand the arrows to the list
      }}
    />
  );
}
