import { useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import { selectVisibleRows, useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/**
 * "Remove from “Techno Kicks”": takes the rows out of the hand-picked collection the list shows
 * (they stay in the library). Shown only while such a collection is open and holds one of them.
 * The next row of the list is selected after, so a collection can be weeded one key at a time.
 */
export function RemoveFromCollection({ rows }: { rows: readonly LibraryRow[] }) {
  const { repository } = useServices();
  const collection = useLibraryStore((s) => (s.collectionId === null ? undefined : s.collections.find((c) => c.id === s.collectionId)));
  const [busy, setBusy] = useState(false);
  if (!collection || collection.query) return null;
  const members = new Set(collection.sampleIds);
  const ids = rows.filter((r) => members.has(r.id)).map((r) => r.id);
  if (ids.length === 0) return null;
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      const before = selectVisibleRows(useLibraryStore.getState());
      const removed = new Set(ids);
      const at = before.findIndex((r) => removed.has(r.id));
      const kept = (r: LibraryRow): boolean => !removed.has(r.id);
      const next = at < 0 ? undefined : (before.slice(at + 1).find(kept) ?? before.slice(0, at).findLast(kept));
      await repository.collections.remove(collection.id, ids);
      const store = useLibraryStore.getState();
      store.setCollections(await repository.collections.list());
      store.select(next?.id ?? null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button remove-from"
      disabled={busy}
      title={`Take ${ids.length === 1 ? 'it' : 'them'} out of “${collection.name}”; the library keeps ${ids.length === 1 ? 'it' : 'them'}`}
      onClick={() => void remove()}
    >
      Remove from “{collection.name}”
    </button>
  );
}
