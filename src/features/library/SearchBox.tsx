import { useLibraryStore } from '../../state/libraryStore';

export function SearchBox() {
  const text = useLibraryStore((s) => s.query.text);
  const setText = useLibraryStore((s) => s.setText);
  return (
    <input
      type="search"
      className="search"
      placeholder="Search names, folders and tags"
      aria-label="Search samples by name, folder or tag"
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setText('');
        if (event.key === 'ArrowDown') (event.currentTarget as HTMLInputElement).blur(); // hand the arrows to the list
      }}
    />
  );
}
