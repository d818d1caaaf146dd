import { create } from 'zustand';
import type { CollectionRecord, FolderRecord, SampleRecord } from '../db/schema';
import type { LibraryQuery } from '../domain/library/libraryQuery';
import { EMPTY_QUERY } from '../domain/library/libraryQuery';
import { undoWithoutLaterEdits, withUserFields, type UserEdit } from '../domain/library/organise';
import type { AudioDescriptors, SampleKind } from '../domain/analysis';
import type { SortDirection, SortKey } from '../domain/library/sampleQuery';
import { RowOrder } from '../domain/library/rowOrder';
import { TextIndex } from '../domain/library/textIndex';
import type { ListHints } from '../db/listSnapshot';
import type { AspectWeights } from '../domain/similarity/embeddingLayout';
import { OVERALL_WEIGHTS } from '../domain/similarity/soundEmbedding';
import type { ScoredId } from '../domain/similarity/topK';
import { extendSelection, selectionAfterClick, type ClickModifiers } from './selection';
import { toRow, type LibraryRow } from './libraryRow';
import { markUnsaved, withUnsavedEdits } from './unsavedEdits';
import { seedRowOrder, selectVisibleRows, textIndex } from './visibleRows';
import { indexWhenIdle, textIndexContext, verifySavedOrderWhenIdle, warmSortOrders } from './listUpkeep';

export { categoryCounts, filterPredicate, findRows, selectedRows, selectVisibleRows, textIndex } from './visibleRows';
export { toRow, type LibraryRow } from './libraryRow';
export { listHintsOf, textIndexContext } from './listUpkeep';

/** A file the user gave as an example: its sound, and what its analysis says it is (kept to its kind, its category lifted). */
export interface ExampleSound {
  name: string;
  vector: Float32Array;
  kind: SampleKind | null;
  category: string | null;
  categoryConfidence: number | null;
  /** What the analysis says of it, shown beside its name; absent where only its sound is known. */
  analysis?: AudioDescriptors;
  /** Its bytes, to play it from memory (it is never stored). */
  audio?: Blob;
}

/** "More like this": the list shows the samples that sound most like one sample, best first. */
export interface SimilarSearch {
  /** The library sample compared with, or null for an example from outside the library. */
  sampleId: number | null;
  /** A file the user gave as an example: analysed, never stored. */
  example: ExampleSound | null;
  weights: AspectWeights;
  /** A description in words (search by words with the CLAP model), instead of a sample or an example. */
  words?: string;
  /** Best first; null while searching. */
  results: readonly ScoredId[] | null;
  /** Set when the sample has no embedding to compare (not analysed yet, or silent). */
  unavailable?: boolean;
  /** The kind the results keep to (that of the sample compared with), if any: see similarCandidates. */
  resultsKind?: SampleKind | null;
  /** Results left out as copies of the reference or of a result above them (copies.ts). */
  copies?: number;
}

/** How many bulk edits Undo (Ctrl+Z) can take back, one after the other. */
export const UNDO_DEPTH = 20;

/** A bulk edit, kept so it can be undone. */
export interface UndoableEdit {
  label: string;
  undo: UserEdit[];
}

export interface LibraryState {
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
  /** Where a Shift+arrow extension of the selection began (null: at the current row). */
  anchorId: number | null;
  playingId: number | null;
  /** The last bulk edit, the one Undo reverts: the top of undoStack. */
  lastEdit: UndoableEdit | null;
  /** Bulk edits that can be undone, oldest first (at most UNDO_DEPTH). */
  undoStack: readonly UndoableEdit[];
  similar: SimilarSearch | null;
  /**
   * `hints`: what the list snapshot saved with these samples (sort orders: used without sorting,
   * verified when idle; the text index: restored, and the samples in `changedIds` indexed again).
   */
  setLoaded(
    folders: FolderRecord[],
    samples: SampleRecord[],
    collections?: CollectionRecord[],
    hints?: ListHints,
    changedIds?: readonly number[],
  ): void;
  addFolder(folder: FolderRecord): void;
  /** Mirrors folders removed from the library: they and their rows go, and out of the selection. */
  removeFolders(folderIds: readonly number[]): void;
  upsertSamples(samples: readonly SampleRecord[]): void;
  /**
   * Shows organising edits at once, before they are saved (a save of 100,000 takes a while);
   * `unsaved`: until markSaved, rows read from the database meanwhile keep them (unsavedEdits.ts).
   */
  patchUserFields(edits: readonly UserEdit[], unsaved?: boolean): void;
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
  /** Shift+↑/↓: the selection runs from where the extension began to this row. */
  extendSelectionTo(id: number): void;
  selectAll(): void;
  /** Selects these samples (a lasso on the map), the first one shown in detail. */
  selectMany(ids: readonly number[]): void;
  setPlaying(id: number | null): void;
  /** A bulk edit made: Undo reverts it first. */
  pushUndo(edit: UndoableEdit): void;
  /** Takes the last bulk edit off the stack (to revert it). */
  popUndo(): UndoableEdit | null;
  /** A single sample's edit, not undoable itself: no undo on the stack may overwrite it (undoWithoutLaterEdits). */
  keepEditsFromUndo(edits: readonly UserEdit[]): void;
  clearUndo(): void;
  /** Starts "more like this" for a sample (null: back to the whole list); results arrive through setSimilarResults. */
  showSimilar(sampleId: number | null, weights?: AspectWeights): void;
  /** "Search by example": the samples that sound most like a file from outside the library. */
  showSimilarToExample(example: ExampleSound, weights?: AspectWeights): void;
  setSimilarWeights(weights: AspectWeights): void;
  /** The samples that sound like a description in words (needs the optional CLAP model). */
  showSoundsLike(words: string): void;
  /** Results of `search`; ignored when the search has changed since (new weights, filters or reference). */
  setSimilarResults(search: SimilarSearch, results: readonly ScoredId[] | null, resultsKind?: SampleKind | null, copies?: number): void;
}

const searchableText = (row: LibraryRow): string => (row.tags.length ? `${row.path} ${row.tags.join(' ')}` : row.path);

/**
 * Folders removed from the library in this page: results saved just before a removal still reach
 * the store in a later batch (the list's upserts are batched), and must not bring rows of them back
 * (five removed samples stayed listed, under a folder with no ×, until a reload).
 */
const removedFolderIds = new Set<number>();

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
  anchorId: null,
  playingId: null,
  lastEdit: null,
  undoStack: [],
  similar: null,
  setLoaded: (folderList, samples, collections = [], hints = {}, changedIds = []) => {
    const folders = new Map(folderList.map((f) => [f.id, f]));
    const rows = new Map(samples.map((s) => [s.id, toRow(s, folders.get(s.folderId))]));
    if (hints.nameOrder && rows.size === samples.length) {
      seedRowOrder(rows, new RowOrder([...rows.values()], hints.nameOrder, hints.columnOrders, hints.columnRuns));
      verifySavedOrderWhenIdle(rows);
    }
    if (TextIndex.canRestore(hints.textIndex, textIndexContext(folderList))) {
      textIndex.restore(hints.textIndex);
      const changed = new Set(changedIds);
      for (const row of rows.values()) if (changed.has(row.id) || !textIndex.holds(row.id)) textIndex.setLater(row.id, searchableText(row));
    } else {
      for (const row of rows.values()) textIndex.setLater(row.id, searchableText(row));
    }
    indexWhenIdle();
    warmSortOrders();
    set({ loaded: true, folders, rows, collections });
  },
  addFolder: (folder) => set((state) => ({ folders: new Map(state.folders).set(folder.id, folder) })),
  removeFolders: (folderIds) =>
    set((state) => {
      for (const id of folderIds) removedFolderIds.add(id);
      const gone = new Set(folderIds);
      const folders = new Map([...state.folders].filter(([id]) => !gone.has(id)));
      const rows = new Map(state.rows);
      const removed: number[] = [];
      for (const [id, row] of state.rows) {
        if (!gone.has(row.folderId)) continue;
        rows.delete(id);
        removed.push(id);
      }
      textIndex.deleteMany(removed);
      if (rows.size === state.rows.size && folders.size === state.folders.size) return {};
      const selection = new Set([...state.selection].filter((id) => rows.has(id)));
      // The detail panel moves to another selected row, if any: selectedId is always in the selection.
      const selectedId = state.selectedId !== null && rows.has(state.selectedId) ? state.selectedId : ([...selection][0] ?? null);
      warmSortOrders();
      return { folders, rows, selection, selectedId };
    }),
  upsertSamples: (samples) =>
    set((state) => {
      if (samples.length === 0) return {};
      const rows = new Map(state.rows);
      for (const s of samples) {
        if (removedFolderIds.has(s.folderId)) continue;
        const row = withUnsavedEdits(toRow(s, state.folders.get(s.folderId)));
        rows.set(s.id, row);
        textIndex.setLater(row.id, searchableText(row));
      }
      indexWhenIdle();
      warmSortOrders();
      return { rows };
    }),
  patchUserFields: (edits, unsaved = true) =>
    set((state) => {
      if (edits.length === 0) return {};
      if (unsaved) markUnsaved(edits);
      const rows = new Map(state.rows);
      for (const { id, fields } of edits) {
        const before = rows.get(id);
        if (!before) continue;
        const row = withUserFields(before, fields);
        rows.set(id, row);
        if (fields.tags) textIndex.setLater(id, searchableText(row));
      }
      indexWhenIdle();
      warmSortOrders();
      return { rows };
    }),
  replaceStatus: (from, to, only) =>
    set((state) => {
      const rows = new Map(state.rows);
      const ids = only ? new Set(only) : null;
      for (const [id, row] of rows) if (row.status === from && (!ids || ids.has(id))) rows.set(id, { ...row, status: to });
      warmSortOrders();
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
  select: (selectedId) => set({ selectedId, anchorId: null, selection: new Set(selectedId === null ? [] : [selectedId]) }),
  clickRow: (id, modifiers) => {
    const state = get();
    set({ ...selectionAfterClick(state, selectVisibleRows(state), id, modifiers), anchorId: null });
  },
  extendSelectionTo: (id) => {
    const state = get();
    set(extendSelection(state, selectVisibleRows(state), id));
  },
  selectAll: () => {
    const visible = selectVisibleRows(get());
    set((state) => ({ selection: new Set(visible.map((r) => r.id)), selectedId: state.selectedId ?? visible[0]?.id ?? null }));
  },
  selectMany: (ids) => set({ selection: new Set(ids), selectedId: ids[0] ?? null, anchorId: null }),
  setPlaying: (playingId) => set({ playingId }),
  pushUndo: (edit) =>
    set((state) => {
      const undoStack = [...state.undoStack, edit].slice(-UNDO_DEPTH);
      return { undoStack, lastEdit: edit };
    }),
  popUndo: () => {
    const { undoStack } = get();
    const last = undoStack.at(-1) ?? null;
    if (last) set({ undoStack: undoStack.slice(0, -1), lastEdit: undoStack.at(-2) ?? null });
    return last;
  },
  keepEditsFromUndo: (edits) =>
    set((state) => {
      if (state.undoStack.length === 0) return {};
      const undoStack = state.undoStack
        .map((entry) => ({ ...entry, undo: undoWithoutLaterEdits(entry.undo, edits) }))
        .filter((entry) => entry.undo.length > 0);
      return { undoStack, lastEdit: undoStack.at(-1) ?? null };
    }),
  clearUndo: () => set({ undoStack: [], lastEdit: null }),
  showSimilar: (sampleId, weights = OVERALL_WEIGHTS) =>
    set({ similar: sampleId === null ? null : { sampleId, example: null, weights, results: null } }),
  showSimilarToExample: (example, weights = OVERALL_WEIGHTS) => set({ similar: { sampleId: null, example, weights, results: null } }),
  showSoundsLike: (words) => set({ similar: { sampleId: null, example: null, words, weights: OVERALL_WEIGHTS, results: null } }),
  setSimilarWeights: (weights) => set((state) => (state.similar ? { similar: { ...state.similar, weights, results: null } } : {})),
  setSimilarResults: (search, results, resultsKind = null, copies = 0) =>
    set((state) =>
      state.similar === search
        ? { similar: { ...search, results: results ?? [], resultsKind, copies, ...(results ? {} : { unavailable: true }) } }
        : {},
    ),
}));
