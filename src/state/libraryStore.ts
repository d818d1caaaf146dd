import { create } from 'zustand';
import type { FolderRecord, SampleRecord } from '../db/schema';
import type { Corrections } from '../domain/corrections';
import { effectiveAnalysis } from '../domain/corrections';
import type { ErrorInfo } from '../domain/errors';
import type { SampleRow, SortDirection, SortKey } from '../domain/library/sampleQuery';
import { filterAndSort } from '../domain/library/sampleQuery';

/** A sample as the list shows it: its folder path spelled out from the folder's name. */
export interface LibraryRow extends SampleRow {
  /** What the analysis said, before the user's corrections (SampleRow.analysis has them applied). */
  measured: SampleRecord['analysis'];
  corrections: Corrections;
  folderId: number;
  /** Path inside its folder, for reading the file. */
  relativePath: string;
  error: ErrorInfo | null;
}

interface LibraryState {
  loaded: boolean;
  folders: ReadonlyMap<number, FolderRecord>;
  rows: ReadonlyMap<number, LibraryRow>;
  query: string;
  sortKey: SortKey;
  sortDirection: SortDirection;
  selectedId: number | null;
  playingId: number | null;
  setLoaded(folders: FolderRecord[], samples: SampleRecord[]): void;
  addFolder(folder: FolderRecord): void;
  upsertSamples(samples: readonly SampleRecord[]): void;
  /** Mirrors a bulk status change made in the database (cancel, analyse again). */
  replaceStatus(from: LibraryRow['status'], to: LibraryRow['status'], only?: readonly number[]): void;
  setQuery(query: string): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortBy(key: SortKey): void;
  select(id: number | null): void;
  setPlaying(id: number | null): void;
}

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
  };
}

export const useLibraryStore = create<LibraryState>()((set) => ({
  loaded: false,
  folders: new Map(),
  rows: new Map(),
  query: '',
  sortKey: 'name',
  sortDirection: 'asc',
  selectedId: null,
  playingId: null,
  setLoaded: (folderList, samples) => {
    const folders = new Map(folderList.map((f) => [f.id, f]));
    set({ loaded: true, folders, rows: new Map(samples.map((s) => [s.id, toRow(s, folders.get(s.folderId))])) });
  },
  addFolder: (folder) => set((state) => ({ folders: new Map(state.folders).set(folder.id, folder) })),
  upsertSamples: (samples) =>
    set((state) => {
      if (samples.length === 0) return {};
      const rows = new Map(state.rows);
      for (const s of samples) rows.set(s.id, toRow(s, state.folders.get(s.folderId)));
      return { rows };
    }),
  replaceStatus: (from, to, only) =>
    set((state) => {
      const rows = new Map(state.rows);
      const ids = only ? new Set(only) : null;
      for (const [id, row] of rows) if (row.status === from && (!ids || ids.has(id))) rows.set(id, { ...row, status: to });
      return { rows };
    }),
  setQuery: (query) => set({ query }),
  sortBy: (key) =>
    set((state) => ({
      sortKey: key,
      sortDirection: state.sortKey === key && state.sortDirection === 'asc' ? 'desc' : 'asc',
    })),
  select: (selectedId) => set({ selectedId }),
  setPlaying: (playingId) => set({ playingId }),
}));

let memo: { rows: unknown; query: string; key: SortKey; direction: SortDirection; result: LibraryRow[] } | undefined;

/** The filtered, sorted list, recomputed only when its inputs change. */
export function selectVisibleRows(state: Pick<LibraryState, 'rows' | 'query' | 'sortKey' | 'sortDirection'>): LibraryRow[] {
  if (
    memo &&
    memo.rows === state.rows &&
    memo.query === state.query &&
    memo.key === state.sortKey &&
    memo.direction === state.sortDirection
  ) {
    return memo.result;
  }
  const result = filterAndSort(state.rows.values(), state.query, state.sortKey, state.sortDirection);
  memo = { rows: state.rows, query: state.query, key: state.sortKey, direction: state.sortDirection, result };
  return result;
}
