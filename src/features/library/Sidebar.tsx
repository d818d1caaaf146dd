import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { CollectionRecord, FolderRecord } from '../../db/schema';
import { toErrorInfo } from '../../domain/errors';
import { buildFolderTree } from '../../domain/library/folderTree';
import { savedSearchName } from '../../domain/library/savedSearchName';
import { queryFromJson } from '../../domain/library/savedQuery';
import { fitToProject } from '../../domain/library/projectFit';
import { currentProject } from '../../state/browseMemory';
import { EMPTY_QUERY, isEmptyQuery, type LibraryQuery } from '../../domain/library/libraryQuery';
import { useExportStore } from '../../state/exportStore';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { findRows } from '../../state/visibleRows';
import { NameInput } from '../organise/NameInput';
import { RestoreBackup } from '../organise/RestoreBackup';
import { useCollectionEdits } from '../organise/useCollectionEdits';
import { ExportDialog } from '../organise/ExportDialog';
import { useExport } from '../organise/useExport';
import { DuplicatesDialog } from '../similar/DuplicatesDialog';
import { CollectionList } from './CollectionList';
import { FolderTree } from './FolderTree';
import { useRemoveFolder } from './useRemoveFolder';
import { useSmartCounts } from './useSmartCounts';
import { formatCount } from '../../domain/format';

/** A smart collection's saved search, its "fits project" filter (if any) set to the project now. */
const parseSavedQuery = (collection: CollectionRecord): LibraryQuery => fitToProject(queryFromJson(collection.query), currentProject());

/** Library, favourites, collections (hand-picked and smart) and the folder tree. */
export function Sidebar() {
  const { repository } = useServices();
  const { backupLibrary } = useExport();
  const [exporting, setExporting] = useState<{ rows: readonly LibraryRow[]; name: string } | null>(null);
  // Deferred: the folder tree of 100k rows takes ~100 ms, and the list comes first after a reload.
  const rows = useDeferredValue(useLibraryStore((s) => s.rows));
  const collections = useLibraryStore((s) => s.collections);
  const collectionId = useLibraryStore((s) => s.collectionId);
  // Only what the sidebar shows of the query: a filter change elsewhere does not re-render the folder tree.
  const queryEmpty = useLibraryStore((s) => isEmptyQuery(s.query));
  const favouritesOnly = useLibraryStore((s) => s.query.favourites);
  const folder = useLibraryStore((s) => s.query.folder);
  const { setQuery, showCollection, setCollections } = useLibraryStore.getState();
  const pickFolder = useCallback((path: string) => {
    const { query, setQuery: set } = useLibraryStore.getState();
    // A folder picked after "Show them" lists the folder, not only its unreadable files.
    set({ ...query, folder: query.folder === path ? null : path, unreadable: false });
  }, []);
  const tree = useMemo(() => buildFolderTree([...rows.values()].map((r) => r.dir)), [rows]);
  // The source folders behind each top-level node of the tree: folders of the same name share a node.
  const folderRecords = useLibraryStore((s) => s.folders);
  const sources = useMemo(() => {
    const byName = new Map<string, FolderRecord[]>();
    for (const f of folderRecords.values()) if (f.name) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    return byName;
  }, [folderRecords]);
  const removeFolder = useRemoveFolder();
  const smartCounts = useSmartCounts(rows, collections);
  const favourites = useMemo(() => [...rows.values()].filter((r) => r.favourite).length, [rows]);
  const viewingAll = collectionId === null && queryEmpty;
  /** A smart collection is its saved query, re-run; a hand-picked one restricts the list to its members. */
  const openView = (id: number | null, viewQuery: LibraryQuery): void => {
    showCollection(id);
    setQuery(viewQuery);
  };

  const [naming, setNaming] = useState(false);
  const [findingDuplicates, setFindingDuplicates] = useState(false);
  const closeDuplicates = useCallback(() => setFindingDuplicates(false), []);
  const saveSmart = async (name: string | null): Promise<void> => {
    setNaming(false);
    if (!name) return;
    await repository.collections.create(name, [], JSON.stringify(useLibraryStore.getState().query));
    setCollections(await repository.collections.list());
  };
  const rename = async (c: CollectionRecord, name: string): Promise<string | null> => {
    try {
      await repository.collections.rename(c.id, name);
    } catch (error) {
      return toErrorInfo(error).message;
    }
    setCollections(await repository.collections.list());
    return null;
  };
  const collectionEdits = useCollectionEdits();
  /** Rows dropped onto a collection: added, said in a notice with Undo (the sidebar has no room for one). */
  const dropSamples = async (c: CollectionRecord, ids: number[]): Promise<void> => {
    const all = useLibraryStore.getState().rows;
    const outcome = await collectionEdits.add(
      c.id,
      ids.flatMap((id) => all.get(id) ?? []),
    );
    if (!outcome) return;
    const undo = outcome.added.length > 0 ? { label: 'Undo', run: () => void collectionEdits.undo(outcome) } : undefined;
    useImportStore.getState().notify('info', outcome.message, undo);
  };
  const remove = async (c: CollectionRecord): Promise<void> => {
    await repository.collections.delete(c.id);
    if (collectionId === c.id) showCollection(null);
    setCollections(await repository.collections.list());
  };

  return (
    <nav className="sidebar" aria-label="Library navigation">
      <ul className="nav-list">
        <li>
          <button type="button" className={viewingAll ? 'nav-item active' : 'nav-item'} onClick={() => openView(null, EMPTY_QUERY)}>
            <span className="nav-label">All samples</span>
            <span className="nav-count">{formatCount(rows.size)}</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className={favouritesOnly && collectionId === null ? 'nav-item active' : 'nav-item'}
            onClick={() => openView(null, { ...EMPTY_QUERY, favourites: true })}
          >
            <span className="nav-label">♥ Favourites</span>
            <span className="nav-count">{formatCount(favourites)}</span>
          </button>
        </li>
      </ul>
      <h3 className="nav-heading">
        Collections
        <button
          type="button"
          className="link-button"
          disabled={queryEmpty}
          title="Save the current filters as a smart collection"
          aria-label="Save the current filters as a smart collection"
          onClick={() => setNaming(true)}
        >
          + Save
        </button>
      </h3>
      {naming && (
        <div className="nav-naming">
          <NameInput
            label="Name of the smart collection"
            initial={savedSearchName(useLibraryStore.getState().query)}
            onDone={(name) => void saveSmart(name)}
          />
        </div>
      )}
      <CollectionList
        collections={collections}
        smartCounts={smartCounts}
        currentId={collectionId}
        onOpen={(c) => (c.query ? openView(null, parseSavedQuery(c)) : openView(c.id, EMPTY_QUERY))}
        onExport={(c) => {
          const running = useExportStore.getState().running;
          if (running) {
            useImportStore.getState().notify('info', `${running.name} is being written: export ${c.name} once it is done.`);
            return;
          }
          // A smart collection exports what its filters find now, as opening it would list them.
          setExporting({
            rows: c.query ? findRows(rows, parseSavedQuery(c), rows.size) : c.sampleIds.flatMap((id) => rows.get(id) ?? []),
            name: c.name,
          });
        }}
        onDelete={(c) => void remove(c)}
        onRename={rename}
        onDropSamples={(c, ids) => void dropSamples(c, ids)}
      />
      <h3 className="nav-heading">Folders</h3>
      <FolderTree tree={tree} current={folder} onPick={pickFolder} sources={sources} onRemove={removeFolder} />
      <h3 className="nav-heading">Tidy up</h3>
      <div className="backup-actions">
        <button type="button" className="link-button" onClick={() => setFindingDuplicates(true)}>
          Find near-duplicates…
        </button>
      </div>
      {findingDuplicates && <DuplicatesDialog onClose={closeDuplicates} />}
      {exporting && <ExportDialog rows={exporting.rows} name={exporting.name} onClose={() => setExporting(null)} />}
      <h3 className="nav-heading">Backup</h3>
      <div className="backup-actions">
        <button type="button" className="link-button" onClick={() => void backupLibrary()}>
          Back up tags, ratings &amp; collections
        </button>
        <RestoreBackup />
      </div>
    </nav>
  );
}
