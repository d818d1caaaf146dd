import { DropZone } from '../features/import/DropZone';
import { AddFolderButton } from '../features/import/AddFolderButton';
import { ImportStatus } from '../features/import/ImportStatus';
import { Notices } from '../features/import/Notices';
import { EmptyLibrary } from '../features/library/EmptyLibrary';
import { LibraryTable } from '../features/library/LibraryTable';
import { SearchBox } from '../features/library/SearchBox';
import { DetailPanel } from '../features/player/DetailPanel';
import { useLibraryStore } from '../state/libraryStore';

export function App() {
  const loaded = useLibraryStore((s) => s.loaded);
  const count = useLibraryStore((s) => s.rows.size);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/icons/icon.svg" alt="" width={24} height={24} />
          <h1>SampleMind</h1>
        </div>
        <SearchBox />
        <span className="count" data-testid="sample-count">
          {count} {count === 1 ? 'sample' : 'samples'}
        </span>
        <AddFolderButton />
      </header>
      <ImportStatus />
      {!loaded || count === 0 ? (
        <main className="workspace single">{loaded ? <EmptyLibrary /> : <div className="loading">Opening your library…</div>}</main>
      ) : (
        <main className="workspace">
          <LibraryTable />
          <DetailPanel />
        </main>
      )}
      <Notices />
      <DropZone />
    </div>
  );
}
