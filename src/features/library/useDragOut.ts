import { useCallback, useRef, type DragEvent } from 'react';
import { useServices } from '../../app/ServicesContext';
import { mimeTypeOf } from '../../domain/audioFormats';
import { encodeSampleIds, SAMPLE_IDS_TYPE } from '../../domain/library/sampleDrag';
import { useImportStore } from '../../state/importStore';
import { selectedRows, useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** Files kept ready for a drag: a selection up to this size is carried whole. */
const MAX_DRAGGED = 100;

/** The rows a drag from `row` carries: the selection when the row is in it, else the row alone. */
function draggedRows(row: LibraryRow): LibraryRow[] {
  const state = useLibraryStore.getState();
  return state.selection.has(row.id) ? selectedRows(state) : [row];
}

/**
 * Drag samples out of the list: to the desktop or a DAW (Chromium's DownloadURL) and into other
 * web apps (the Files themselves). A drag must be set up synchronously, so the files are read when
 * the mouse goes down on a row, well before the pointer has moved far enough to start a drag: the
 * row's, or the whole selection's when the row is in it (only the rows pressed were read before,
 * so a drag of five selected samples carried two).
 */
export function useDragOut(): { prepare(row: LibraryRow): void; start(event: DragEvent, row: LibraryRow): void } {
  const { files, repository } = useServices();
  const cache = useRef(new Map<number, { file: File; url: string }>());
  const toldOnce = useRef(false);

  const prepare = useCallback(
    (row: LibraryRow) => {
      const wanted = draggedRows(row).slice(0, MAX_DRAGGED);
      for (const r of wanted) {
        if (cache.current.has(r.id)) continue;
        void (async () => {
          const folder = useLibraryStore.getState().folders.get(r.folderId) ?? (await repository.getFolder(r.folderId));
          if (!folder) return;
          const file = await files.readFile(folder, r.relativePath);
          const typed = new File([file], r.name, { type: mimeTypeOf(r.name), lastModified: file.lastModified });
          cache.current.set(r.id, { file: typed, url: URL.createObjectURL(typed) });
          // Keep what this drag needs and a little more; the oldest go first.
          while (cache.current.size > Math.max(16, wanted.length)) {
            const [oldestId, oldest] = cache.current.entries().next().value!;
            URL.revokeObjectURL(oldest.url);
            cache.current.delete(oldestId);
          }
        })().catch(() => undefined); // unreadable now: the drag carries the name only, playback reports the error
      }
    },
    [files, repository],
  );

  const start = useCallback((event: DragEvent, row: LibraryRow) => {
    const dragged = draggedRows(row);
    const transfer = event.dataTransfer;
    transfer.effectAllowed = 'copy';
    transfer.setData('text/plain', dragged.map((r) => r.path).join('\n'));
    // The ids, for a drop inside the app (a collection of the sidebar, CollectionList).
    transfer.setData(SAMPLE_IDS_TYPE, encodeSampleIds(dragged.map((r) => r.id)));
    const ready = cache.current.get(row.id);
    if (ready) transfer.setData('DownloadURL', `${ready.file.type}:${row.name}:${ready.url}`);
    for (const r of dragged) {
      const entry = cache.current.get(r.id);
      if (entry) transfer.items.add(entry.file);
    }
    if (dragged.length > 1 && !toldOnce.current) {
      // The browser gives the desktop one file per drag (DownloadURL); web apps get them all.
      toldOnce.current = true;
      useImportStore
        .getState()
        .notify(
          'info',
          `Dragging ${dragged.length} samples: web apps get all of them, but the desktop and DAWs take one file per drag (${row.name}). For the whole set, use Export as ZIP.`,
        );
    }
  }, []);

  return { prepare, start };
}
