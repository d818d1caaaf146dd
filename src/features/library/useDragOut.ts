import { useCallback, useRef, type DragEvent } from 'react';
import { useServices } from '../../app/ServicesContext';
import { mimeTypeOf } from '../../domain/audioFormats';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

const CACHE_SIZE = 16;

/**
 * Drag samples out of the list: to the desktop or a DAW (Chromium's DownloadURL) and into other
 * web apps (the File itself). A drag must be set up synchronously, so the file is read when the
 * mouse goes down on a row, well before the pointer has moved far enough to start a drag.
 */
export function useDragOut(): { prepare(row: LibraryRow): void; start(event: DragEvent, row: LibraryRow): void } {
  const { files, repository } = useServices();
  const cache = useRef(new Map<number, { file: File; url: string }>());

  const prepare = useCallback(
    (row: LibraryRow) => {
      if (cache.current.has(row.id)) return;
      void (async () => {
        const folder = useLibraryStore.getState().folders.get(row.folderId) ?? (await repository.getFolder(row.folderId));
        if (!folder) return;
        const file = await files.readFile(folder, row.relativePath);
        const typed = new File([file], row.name, { type: mimeTypeOf(row.name), lastModified: file.lastModified });
        cache.current.set(row.id, { file: typed, url: URL.createObjectURL(typed) });
        if (cache.current.size > CACHE_SIZE) {
          const [oldestId, oldest] = cache.current.entries().next().value!;
          URL.revokeObjectURL(oldest.url);
          cache.current.delete(oldestId);
        }
      })().catch(() => undefined); // unreadable now: the drag carries the name only, playback reports the error
    },
    [files, repository],
  );

  const start = useCallback((event: DragEvent, row: LibraryRow) => {
    const { selection, rows } = useLibraryStore.getState();
    const dragged = selection.has(row.id) ? [...selection].map((id) => rows.get(id)).filter((r) => r !== undefined) : [row];
    const transfer = event.dataTransfer;
    transfer.effectAllowed = 'copy';
    transfer.setData('text/plain', dragged.map((r) => r.path).join('\n'));
    const ready = cache.current.get(row.id);
    if (ready) transfer.setData('DownloadURL', `${ready.file.type}:${row.name}:${ready.url}`);
    for (const r of dragged) {
      const entry = cache.current.get(r.id);
      if (entry) transfer.items.add(entry.file);
    }
  }, []);

  return { prepare, start };
}
