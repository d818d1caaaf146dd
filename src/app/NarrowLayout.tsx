import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useLibraryStore } from '../state/libraryStore';

/*
 * The single-column layout of narrow windows (phones, portrait tablets: narrowLayout.css, max-width 900px).
 * There the folders and collections slide in over the list from a top-bar button, and the detail of
 * the selection sits under the list. On wider windows CSS hides the button and the backdrop, and the
 * detail's wrapper lays out as if it were not there.
 */

export interface SidebarDrawer {
  open: boolean;
  toggle(): void;
  close(): void;
}

/** Whether the sidebar drawer is open; it closes on Escape and once the user has picked a view in it. */
export function useSidebarDrawer(): SidebarDrawer {
  const [open, setOpen] = useState(false);
  const toggle = useCallback(() => setOpen((was) => !was), []);
  const close = useCallback(() => setOpen(false), []);

  // A folder, collection or favourites picked: the drawer has done its job and the list comes back.
  useEffect(() => {
    if (!open) return;
    return useLibraryStore.subscribe((state, previous) => {
      if (state.query !== previous.query || state.collectionId !== previous.collectionId) setOpen(false);
    });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // Focus into the drawer, so the keyboard reaches what it opened for.
    document.querySelector<HTMLElement>('.sidebar .nav-item')?.focus();
    // Capture phase, ahead of the library's shortcuts: this Escape closes the drawer and nothing else.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setOpen(false);
      // Back to the button that opened it, as a keyboard user expects.
      document.querySelector<HTMLElement>('.sidebar-toggle')?.focus();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [open]);

  return { open, toggle, close };
}

/** The top-bar button that shows the folders and collections (narrow windows only). */
export function SidebarToggle({ drawer }: { drawer: SidebarDrawer }) {
  return (
    <button
      type="button"
      className="icon-button sidebar-toggle"
      aria-label="Folders and collections"
      aria-expanded={drawer.open}
      title="Folders and collections"
      onClick={drawer.toggle}
    >
      ☰
    </button>
  );
}

/** Dims the list behind the open drawer; a tap on it closes the drawer. */
export function SidebarBackdrop({ drawer }: { drawer: SidebarDrawer }) {
  if (!drawer.open) return null;
  return <div className="sidebar-backdrop" aria-hidden="true" onClick={drawer.close} />;
}

/**
 * The detail or bulk panel, under the list on narrow windows while something is selected, with a
 * button that closes it (by clearing the selection, so a tap on any row opens it again).
 */
export function DetailSheet({ children }: { children: ReactNode }) {
  const hasSelection = useLibraryStore((s) => s.selection.size > 0);
  return (
    <div className={hasSelection ? 'detail-sheet open' : 'detail-sheet'}>
      <div className="detail-sheet-bar">
        <button type="button" className="icon-button" aria-label="Close details" onClick={() => useLibraryStore.getState().select(null)}>
          ×
        </button>
      </div>
      {children}
    </div>
  );
}
