import { create } from 'zustand';
import type { CollectionRecord, FolderRecord, SampleRecord } from '../db/schema';
import type { Corrections } from '../domain/corrections';
import { effectiveAnalysis } from '../domain/corrections';
import type { ErrorInfo } from '../domain/errors';
import type { LibraryQuery } from '../domain/library/libraryQuery';
import { EMPTY_QUERY, rowMatcher } from '../domain/library/libraryQuery';
import type { UserEdit } from '../domain/library/organise';
import type { SampleRow, SortDirection, SortKey } from '../domain/library/sampleQuery';
import { sortRows } from '../domain/library/sampleQuery';
import { TextIndex } from '../domain/library/textIndex';
import { selectionAfterClick, type ClickModifiers } from './selection';

/** A sample as the list shows it: its folder path spelled out from the folder's name. */
export interface LibraryRow extends SampleRow {
  /** What the analysis said, before the user's corrections (SampleRow.analysis has them applied). */
  measured: SampleRecord['analysis'];
  corrections: Corrections;
  folderId: number;
  /** Path inside its folder, for reading the file. */
  relativePath: string;
  error: ErrorInfo | null;
  note: string;
}

/** The last bulk edit, kept so it can be undone. */
export interface UndoableEdit {
  label: string;
  undo: UserEdit[];
}

interface LibraryState {
  loaded: boolean;
  folders: ReadonlyMap<number, FolderRecord>;
  rows: ReadonlyMap<number, LibraryRow>;
  collections: readonly CollectionRecord[];
  /** A hand-picked collection shown instead of the whole library; null for the library. */
  collectionId: number | null;
  query: LibraryQuery;
  sortKey: SortKey;
  sortDirection: SortDirection;
  /** The row the detail panel shows and the keyboard moves from. */
  selectedId: number | null;
  /** Every selected row (Shift/Ctrl-click); always includes selectedId. */
  selection: ReadonlySet<number>;
  playingId: number | null;
  lastEdit: UndoableEdit | null;
  setLoaded(folders: FolderRecord[], samples: SampleRecord[], collections?: CollectionRecord[]): void;
  addFolder(folder: FolderRecord): void;
  upsertSamples(samples: readonly SampleRecord[]): void;
  /** Mirrors a bulk status change made in the database (cancel, analyse again). */
  replaceStatus(from: LibraryRow['status'], to: LibraryRow['status'], only?: readonly number[]): void;
  setCollections(collections: readonly CollectionRecord[]): void;
  showCollection(id: number | null): void;
  setQuery(query: LibraryQuery): void;
  setText(text: string): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortBy(key: SortKey): void;
  select(id: number | null): void;
  /** A click on a row with its modifier keys: plain selects one, Ctrl/Cmd toggles, Shift extends. */
  clickRow(id: number, modifiers: ClickModifiers): void;
  selectAll(): void;
  setPlaying(id: number | null): void;
  setLastEdit(edit: UndoableEdit | null): void;
}

/** Searchable words of every row (name, folders, tags), kept in step with `rows`. */
export const textIndex = new TextIndex();
const searchableText = (row: LibraryRow): string => `${row.path} ${row.tags.join(' ')}`;

export function toRow(sample: SampleRecord, folder: FolderRecord | undefined): LibraryRow {
  const root = folder?.name ?? '';
  const dir = sample.dir ? (root ? `${root}/${sample.dir}` : sample.dir) : root;
  return {
    id: sample.id,
    folderId: sample.folderId,
    name: sample.name,
    dir,
    path: dir ? `${dir}/${sample.name}` : sample.name,
    relativePath: sample.path,
    status: sample.status,
    analysis: effectiveAnalysis(sample.analysis, sample.corrections),
    measured: sample.analysis,
    corrections: sample.corrections ?? {},
    error: sample.error,
    tags: sample.tags ?? [],
    favourite: sample.favourite === 1,
    rating: sample.rating ?? 0,
    note: sample.note ?? '',
  };
}

export const useLibraryStore = create<LibraryState>()((set, get) => ({
  loaded: false,
  folders: new Map(),
  rows: new Map(),
  collections: [],
  collectionId: null,
  query: EMPTY_QUERY,
  sortKey: 'name',
  sortDirection: 'asc',
  selectedId: null,
  selection: new Set(),
  playingId: null,
  lastEdit: null,
  setLoaded: (folderList, samples, collections = []) => {
    const folders = new Map(folderList.map((f) => [f.id, f]));
    const rows = new Map(samples.map((s) => [s.id, toRow(s, folders.get(s.folderId))]));
    for (const row of rows.values()) textIndex.set(row.id, searchableText(row));
    set({ loaded: true, folders, rows, collections });
  },
  addFolder: (folder) => set((state) => ({ folders: new Map(state.folders).set(folder.id, folder) })),
  upsertSamples: (samples) =>
    set((state) => {
      if (samples.length === 0) return {};
      const rows = new Map(state.rows);
      for (const s of samples) {
        const row = toRow(s, state.folders.get(s.folderId));
        rows.set(s.id, row);
        textIndex.set(row.id, searchableText(row));
      }
      return { rows };
    }),
  replaceStatus: (from, to, only) =>
    set((state) => {
      const rows = new Map(state.rows);
      const ids = only ? new Set(only) : null;
      for (const [id, row] of rows) if (row.status === from && (!ids || ids.has(id))) rows.set(id, { ...row, status: to });
      return { rows };
    }),
  setCollections: (collections) => set({ collections }),
  showCollection: (collectionId) => set({ collectionId }),
  setQuery: (query) => set({ query }),
  setText: (text) => set((state) => ({ query: { ...state.query, text } })),
  sortBy: (key) =>
    set((state) => ({
      sortKey: key,
      sortDirection: state.sortKey === key && state.sortDirection === 'asc' ? 'desc' : 'asc',
    })),
  select: (selectedId) => set({ selectedId, selection: new Set(selectedId === null ? [] : [selectedId]) }),
  clickRow: (id, modifiers) => {
    const state = get();
    set(selectionAfterClick(state, selectVisibleRows(state), id, modifiers));
  },
  selectAll: () => {
    const visible = selectVisibleRows(get());
    set((state) => ({ selection: new Set(visible.map((r) => r.id)), selectedId: state.selectedId ?? visible[0]?.id ?? null }));
  },
  setPlaying: (playingId) => set({ playingId }),
  setLastEdit: (lastEdit) => set({ lastEdit }),
}));

type VisibleInputs = Pick<LibraryState, 'rows' | 'query' | 'sortKey' | 'sortDirection' | 'collections' | 'collectionId'>;
let sorted: { rows: unknown; key: SortKey; direction: SortDirection; result: LibraryRow[] } | undefined;
let filtered: { sorted: unknown; query: LibraryQuery; collection: CollectionRecord | undefined; result: LibraryRow[] } | undefined;

/**
 * The filtered, sorted list. Sorting (the costly part) is redone only when rows or the sort
 * change; a new filter only re-filters the sorted list.
 */
export function selectVisibleRows(state: VisibleInputs): LibraryRow[] {
  if (!sorted || sorted.rows !== state.rows || sorted.key !== state.sortKey || sorted.direction !== state.sortDirection) {
    sorted = {
      rows: state.rows,
      key: state.sortKey,
      direction: state.sortDirection,
      result: sortRows(state.rows.values(), state.sortKey, state.sortDirection),
    };
  }
  const collection = state.collectionId === null ? undefined : state.collections.find((c) => c.id === state.collectionId);
  if (!filtered || filtered.sorted !== sorted.result || filtered.query !== state.query || filtered.collection !== collection) {
    const members = collection ? new Set(collection.sampleIds) : null;
    const matches = rowMatcher(state.query, textIndex.search(state.query.text));
    const result = sorted.result.filter((row) => (!members || members.has(row.id)) && matches(row));
    filtered = { sorted: sorted.result, query: state.query, collection, result };
  }
  return filtered.result;
}

/** The selected rows in list order (for bulk actions). */
export function selectedRows(state: VisibleInputs & Pick<LibraryState, 'selection'>): LibraryRow[] {
  const rows: LibraryRow[] = [];
  for (const id of state.selection) {
    const row = state.rows.get(id);
    if (row) rows.push(row);
  }
  return rows;
}
