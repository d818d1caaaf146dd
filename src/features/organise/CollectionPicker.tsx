import { useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { NameInput } from './NameInput';

/** Adds rows to an existing collection, or to a new one named inline. */
export function CollectionPicker({ rows }: { rows: readonly LibraryRow[] }) {
  const { repository } = useServices();
  const collections = useLibraryStore((s) => s.collections).filter((c) => !c.query);
  const [naming, setNaming] = useState(false);
  const refresh = async (): Promise<void> => useLibraryStore.getState().setCollections(await repository.collections.list());
  const create = async (name: string | null): Promise<void> => {
    setNaming(false);
    if (!name) return;
    await repository.collections.create(
      name,
      rows.map((r) => r.id),
    );
    await refresh();
  };
  if (naming) return <NameInput label="Name of the new collection" initial="New collection" onDone={(name) => void create(name)} />;
  return (
    <select
      className="select"
      aria-label="Add to collection"
      value=""
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value === 'new') setNaming(true);
        else
          void repository.collections
            .add(
              Number(value),
              rows.map((r) => r.id),
            )
            .then(refresh);
      }}
    >
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
