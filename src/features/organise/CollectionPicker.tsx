import { useServices } from '../../app/ServicesContext';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** Adds rows to an existing collection, or to a new one named by the user. */
export function CollectionPicker({ rows }: { rows: readonly LibraryRow[] }) {
  const { repository } = useServices();
  const collections = useLibraryStore((s) => s.collections).filter((c) => !c.query);
  const refresh = async (): Promise<void> => useLibraryStore.getState().setCollections(await repository.listCollections());
  const onChoose = async (value: string): Promise<void> => {
    const ids = rows.map((r) => r.id);
    if (value === 'new') {
      const name = window.prompt('Name of the new collection', 'New collection');
      if (!name) return;
      await repository.createCollection(name, ids);
    } else {
      await repository.addToCollection(Number(value), ids);
    }
    await refresh();
  };
  return (
    <select className="select" aria-label="Add to collection" value="" onChange={(event) => void onChoose(event.currentTarget.value)}>
      <option value="" disabled>
        Add to collection…
      </option>
      {collections.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({c.sampleIds.length})
        </option>
      ))}
      <option value="new">New collection…</option>
    </select>
  );
}
