import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useFocusRescue } from '../components/useFocusRescue';
import { DropZone } from '../features/import/DropZone';
import { AddFolderButton } from '../features/import/AddFolderButton';
import { ImportStatus } from '../features/import/ImportStatus';
import { Notices } from '../features/import/Notices';
import { HelpOverlay } from '../features/help/HelpOverlay';
import { EmptyLibrary } from '../features/library/EmptyLibrary';
import { FilterBar } from '../features/library/FilterBar';
import { LibraryTable } from '../features/library/LibraryTable';
import { SearchBox } from '../features/library/SearchBox';
import { SelectionAnnouncer } from '../features/library/SelectionAnnouncer';
import { Sidebar } from '../features/library/Sidebar';
import { useLibraryShortcuts } from '../features/library/useLibraryShortcuts';
import { useLivePreview } from '../features/library/useAudition';
import { useVisibleRows } from '../features/library/useVisibleRows';
import { BulkPanel } from '../features/organise/BulkPanel';
import { DetailPanel } from '../features/player/DetailPanel';
import { ExampleSearch } from '../features/similar/ExampleSearch';
import { SimilarBar } from '../features/similar/SimilarBar';
import { Transport } from '../features/player/Transport';
import { ViewSwitch } from '../features/map/ViewSwitch';
import { SettingsButton } from '../features/settings/SettingsButton';
import { AiButton } from '../features/ai/AiButton';
import { sampleCountText } from '../domain/format';
import { useMediaQuery } from '../components/useMediaQuery';
import { useSettingsStore } from '../state/settingsStore';
import { selectedRows, useLibraryStore } from '../state/libraryStore';
import { DetailSheet, SidebarBackdrop, SidebarToggle, useSidebarDrawer } from './NarrowLayout';

// The map (its canvas, colours and worker client) loads only when the user opens it.
const LibraryMapView = lazy(() => import('../features/map/LibraryMapView').then((m) => ({ default: m.LibraryMapView })));

function VisibleCount({ total: librarySize }: { total: number }) {
  const visible = useVisibleRows().length;
  // In an open hand-picked collection the count is of its samples: "5 of 355" read as 350 hidden.
  const open = useLibraryStore((s) => (s.collectionId === null ? undefined : s.collections.find((c) => c.id === s.collectionId)));
  const rows = useLibraryStore((s) => s.rows);
  // Counted when the collection or the rows change, not on every change of the store.
  const collectionSize = useMemo(() => (open ? open.sampleIds.filter((id) => rows.has(id)).length : null), [open, rows]);
  const total = collectionSize ?? librarySize;
  // The top bar leaves the count ~110 px at 1024 px and ~200 at 1120: "7,267 of 100,000 samples" needs 185.
  const compact = useMediaQuery('(max-width: 1120px)');
  return (
    <span className="count" data-testid="sample-count" title={sampleCountText(visible, total, false)}>
      {sampleCountText(visible, total, compact)}
    </span>
  );
}

/** The detail of one sample, or the bulk actions when several of those the list shows are selected. */
function SidePanel() {
  const selection = useLibraryStore((s) => s.selection);
  useVisibleRows(); // a search or filter changes which selected samples the bulk actions reach
  const selected = selection.size > 1 ? selectedRows({ ...useLibraryStore.getState(), selection }) : [];
  if (selected.length <= 1) return <DetailPanel />;
  return <BulkPanel rows={selected} />;
}

export function App() {
  const loaded = useLibraryStore((s) => s.loaded);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useLibraryShortcuts(openHelp);
  useLivePreview();
  useFocusRescue('.library-body');
  const drawer = useSidebarDrawer();
  // Deferred: React renders the list's arrival as an interruptible transition, so a burst of
  // results never blocks the page (the analysis workers keep both cores of a small machine busy).
  const count = useDeferredValue(useLibraryStore((s) => s.rows.size));
  const showMap = useSettingsStore((s) => s.view === 'map') && count > 0;
  return (
    <div className="app">
      {/* The first Tab stop: about 37 controls come before the list otherwise. */}
      {count > 0 && !showMap && (
        <a
          href="#sample-list"
          className="skip-link"
          onClick={(event) => {
            event.preventDefault();
            document.querySelector<HTMLElement>('.library-body')?.focus();
          }}
        >
          Skip to the sample list
        </a>
      )}
      <header className="topbar">
        <div className="brand">
          <img src="/icons/icon.svg" alt="" width={24} height={24} />
          <h1>SampleMind</h1>
        </div>
        {count > 0 && <SidebarToggle drawer={drawer} />}
        <SearchBox />
        {/* One sideways-scrolling strip on phones (narrowLayout.css); elsewhere its parts lay out as the top bar's own. */}
        <div className="preview-tools">
          {count > 0 && <ExampleSearch />}
          <Transport />
        </div>
        <VisibleCount total={count} />
        <button
          type="button"
          className="icon-button help-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={openHelp}
        >
          ?
        </button>
        <AiButton />
        <SettingsButton />
        <div className="topbar-add">
          <AddFolderButton />
        </div>
      </header>
      <ImportStatus />
      {!loaded ? (
        <main className="workspace single">
          <div className="loading">Opening your library…</div>
        </main>
      ) : (
        // The list stays mounted while the library is empty, so the first results only add rows.
        <main className={count === 0 ? 'workspace single' : drawer.open ? 'workspace sidebar-open' : 'workspace'}>
          {count > 0 && <Sidebar />}
          {count > 0 && <SidebarBackdrop drawer={drawer} />}
          <div className={count === 0 ? 'library-slot empty' : 'library-slot'}>
            {count === 0 && <EmptyLibrary />}
            {count > 0 && (
              <div className="library-controls">
                <ViewSwitch />
                <FilterBar />
                <SimilarBar />
              </div>
            )}
            {showMap ? (
              <Suspense fallback={<div className="loading">Opening the map…</div>}>
                <LibraryMapView />
              </Suspense>
            ) : (
              <>
                <LibraryTable />
                <SelectionAnnouncer />
              </>
            )}
          </div>
          {count > 0 && (
            <DetailSheet>
              <SidePanel />
            </DetailSheet>
          )}
        </main>
      )}
      <Notices />
      <DropZone />
      {help && <HelpOverlay onClose={closeHelp} />}
    </div>
  );
}
