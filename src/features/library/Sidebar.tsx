import { useMemo, useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { CollectionRecord } from '../../db/schema';
import { buildFolderTree, type FolderNode } from '../../domain/library/folderTree';
import { EMPTY_QUERY, isEmptyQuery, type LibraryQuery } from '../../domain/library/libraryQuery';
import { useLibraryStore } from '../../state/libraryStore';
import { NameInput } from '../organise/NameInput';
import { useExport } from '../organise/useExport';

function FolderItem({
  node,
  depth,
  current,
  onPick,
}: {
  node: FolderNode;
  depth: number;
  current: string | null;
  onPick(path: string): void;
}) {
  const [open, setOpen] = useState(depth === 0);
  return (
    <li role="treeitem" aria-expanded={node.children.length ? open : undefined} aria-selected={current === node.path}>
      <div className={current === node.path ? 'nav-item active' : 'nav-item'} style={{ paddingLeft: 8 + depth * 12 }}>
        {node.children.length > 0 ? (
          <button
            type="button"
            className="twisty"
            aria-label={open ? `Collapse ${node.name}` : `Expand ${node.name}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <button type="button" className="nav-label" onClick={() => onPick(node.path)}>
          {node.name}
        </button>
        <span className="nav-count">{node.count}</span>
      </div>
      {open && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child) => (
            <FolderItem key={child.path} node={child} depth={depth + 1} current={current} onPick={onPick} />
          ))}
        </ul>
      )}
    </li>
  );
}

function parseSavedQuery(collection: CollectionRecord): LibraryQuery {
  try {
    return { ...EMPTY_QUERY, ...(JSON.parse(collection.query ?? '{}') as Partial<LibraryQuery>) };
  } catch {
    return EMPTY_QUERY;
  }
}

/** Library, favourites, collections (hand-picked and smart) and the folder tree. */
export function Sidebar() {
  const { repository } = useServices();
  const { exportRows, backupLibrary, restoreLibrary } = useExport();
  const rows = useLibraryStore((s) => s.rows);
  const collections = useLibraryStore((s) => s.collections);
  const collectionId = useLibraryStore((s) => s.collectionId);
  const query = useLibraryStore((s) => s.query);
  const { setQuery, showCollection, setCollections } = useLibraryStore.getState();
  const tree = useMemo(() => buildFolderTree([...rows.values()].map((r) => r.dir)), [rows]);
  const favourites = useMemo(() => [...rows.values()].filter((r) => r.favourite).length, [rows]);
  const viewingAll = collectionId === null && isEmptyQuery(query);
  /** A smart collection is its saved query, re-run; a hand-picked one restricts the list to its members. */
  const openView = (id: number | null, viewQuery: LibraryQuery): void => {
    showCollection(id);
    setQuery(viewQuery);
  };

  const [naming, setNaming] = useState(false);
  const saveSmart = async (name: string | null): Promise<void> => {
    setNaming(false);
    if (!name) return;
    await repository.createCollection(name, [], JSON.stringify(query));
    setCollections(await repository.listCollections());
  };
  const remove = async (c: CollectionRecord): Promise<void> => {
    if (!window.confirm(`Delete the collection “${c.name}”? The samples stay in the library.`)) return;
    await repository.deleteCollection(c.id);
    if (collectionId === c.id) showCollection(null);
    setCollections(await repository.listCollections());
  };

  return (
    <nav className="sidebar" aria-label="Library navigation">
      <ul className="nav-list">
        <li>
          <button type="button" className={viewingAll ? 'nav-item active' : 'nav-item'} onClick={() => openView(null, EMPTY_QUERY)}>
            <span className="nav-label">All samples</span>
            <span className="nav-count">{rows.size}</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className={query.favourites && collectionId === null ? 'nav-item active' : 'nav-item'}
            onClick={() => openView(null, { ...EMPTY_QUERY, favourites: true })}
          >
            <span className="nav-label">♥ Favourites</span>
            <span className="nav-count">{favourites}</span>
          </button>
        </li>
      </ul>
      <h3 className="nav-heading">
        Collections
        <button
          type="button"
          className="link-button"
          disabled={isEmptyQuery(query)}
          title="Save the current filters as a smart collection"
          aria-label="Save the current filters as a smart collection"
          onClick={() => setNaming(true)}
        >
          + Save
        </button>
      </h3>
      {naming && (
        <div className="nav-naming">
          <NameInput label="Name of the smart collection" initial="Smart collection" onDone={(name) => void saveSmart(name)} />
        </div>
      )}
      <ul className="nav-list" aria-label="Collections">
        {collections.length === 0 && <li className="nav-empty">Select samples and use “Add to collection”, or save a search.</li>}
        {collections.map((c) => (
          <li key={c.id} className="nav-row">
            <button
              type="button"
              className={collectionId === c.id ? 'nav-item active' : 'nav-item'}
              onClick={() => (c.query ? openView(null, parseSavedQuery(c)) : openView(c.id, EMPTY_QUERY))}
            >
              <span className="nav-label">
                {c.query ? '⚡ ' : ''}
                {c.name}
              </span>
              {!c.query && <span className="nav-count">{c.sampleIds.length}</span>}
            </button>
            {!c.query && (
              <button
                type="button"
                className="nav-action"
                aria-label={`Export collection ${c.name} as ZIP`}
                title="Export as ZIP"
                onClick={() =>
                  void exportRows(
                    c.sampleIds.flatMap((id) => rows.get(id) ?? []),
                    c.name,
                  )
                }
              >
                ⇩
              </button>
            )}
            <button type="button" className="nav-delete" aria-label={`Delete collection ${c.name}`} onClick={() => void remove(c)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <h3 className="nav-heading">Folders</h3>
      <ul className="nav-list tree" role="tree" aria-label="Folders">
        {tree.map((node) => (
          <FolderItem
            key={node.path}
            node={node}
            depth={0}
            current={query.folder}
            onPick={(path) => setQuery({ ...query, folder: query.folder === path ? null : path })}
          />
        ))}
      </ul>
      <h3 className="nav-heading">Backup</h3>
      <div className="backup-actions">
        <button type="button" className="link-button" onClick={() => void backupLibrary()}>
          Back up tags, ratings &amp; collections
        </button>
        <label className="link-button">
          Restore a backup…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            aria-label="Restore a backup"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void restoreLibrary(file);
            }}
          />
        </label>
      </div>
    </nav>
  );
}
