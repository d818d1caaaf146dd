import { useDeferredValue } from 'react';
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
  // Deferred: React renders the list's arrival as an interruptible transition, so a burst of
  // results never blocks the page (the analysis workers keep both cores of a small machine busy).
  const count = useDeferredValue(useLibraryStore((s) => s.rows.size));
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
      {!loaded ? (
        <main className="workspace single">
          <div className="loading">Opening your library…</div>
        </main>
      ) : (
        // The list stays mounted while the library is empty, so the first results only add rows.
        <main className={count === 0 ? 'workspace single' : 'workspace'}>
          <div className={count === 0 ? 'library-slot empty' : 'library-slot'}>
            {count === 0 && <EmptyLibrary />}
            <LibraryTable />
          </div>
          {count > 0 && <DetailPanel />}
        </main>
      )}
      <Notices />
      <DropZone />
    </div>
  );
}
