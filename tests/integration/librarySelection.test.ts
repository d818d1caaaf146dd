import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';
import { selectedRows, selectVisibleRows, useLibraryStore } from '../../src/state/libraryStore';
import { syntheticLibrary } from '../bench/syntheticLibrary';

const { folders, samples } = syntheticLibrary(200, 5);
const visibleIds = (): number[] => selectVisibleRows(useLibraryStore.getState()).map((row) => row.id);

describe('the selection and what the list shows', () => {
  it('leaves selected samples a filter hides out of the bulk actions, and keeps them selected', () => {
    const store = useLibraryStore.getState();
    store.setLoaded(folders, samples);
    store.selectAll();
    expect(useLibraryStore.getState().selection.size).toBe(200);
    store.setQuery({ ...EMPTY_QUERY, kind: 'loop' });
    const loops = visibleIds();
    expect(loops.length).toBeGreaterThan(0);
    expect(loops.length).toBeLessThan(200);
    const acted = selectedRows(useLibraryStore.getState()).map((row) => row.id);
    expect(acted.sort((a, b) => a - b)).toEqual([...loops].sort((a, b) => a - b));
    // On the way to a search that matches, a step that matches nothing ("sn" for "snare") loses no one.
    store.setQuery({ ...EMPTY_QUERY, kind: 'loop', minRating: 6 });
    expect(selectedRows(useLibraryStore.getState())).toEqual([]);
    store.setQuery(EMPTY_QUERY);
    expect(selectedRows(useLibraryStore.getState())).toHaveLength(200);
  });

  it('keeps one selected sample in the panel when a filter hides it', () => {
    const store = useLibraryStore.getState();
    store.setQuery(EMPTY_QUERY);
    const oneShot = selectVisibleRows(useLibraryStore.getState()).find((row) => row.analysis?.kind === 'one-shot')!;
    store.select(oneShot.id);
    store.setQuery({ ...EMPTY_QUERY, kind: 'loop' });
    expect(useLibraryStore.getState().selectedId).toBe(oneShot.id);
  });

  it('extends the selection with Shift+arrows from where it began, and shrinks it moving back', () => {
    const store = useLibraryStore.getState();
    store.setQuery(EMPTY_QUERY);
    const ids = visibleIds();
    store.select(ids[4]!);
    for (const i of [5, 6, 7]) useLibraryStore.getState().extendSelectionTo(ids[i]!);
    expect([...useLibraryStore.getState().selection].sort((a, b) => a - b)).toEqual(ids.slice(4, 8).sort((a, b) => a - b));
    useLibraryStore.getState().extendSelectionTo(ids[6]!);
    expect([...useLibraryStore.getState().selection].sort((a, b) => a - b)).toEqual(ids.slice(4, 7).sort((a, b) => a - b));
    expect(useLibraryStore.getState().selectedId).toBe(ids[6]);
    // Past the anchor, the other way.
    for (const i of [5, 4, 3]) useLibraryStore.getState().extendSelectionTo(ids[i]!);
    expect([...useLibraryStore.getState().selection].sort((a, b) => a - b)).toEqual(ids.slice(3, 5).sort((a, b) => a - b));
  });
});

describe('the list after a folder is removed', () => {
  it('does not bring back rows of a removed folder from results saved just before (a later batch of upserts)', () => {
    const store = useLibraryStore.getState();
    store.setLoaded(folders, samples);
    const folderId = samples[0]!.folderId;
    const late = samples.filter((s) => s.folderId === folderId).slice(0, 5);
    store.removeFolders([folderId]);
    expect([...useLibraryStore.getState().rows.values()].some((row) => row.folderId === folderId)).toBe(false);
    useLibraryStore.getState().upsertSamples(late);
    expect([...useLibraryStore.getState().rows.values()].some((row) => row.folderId === folderId)).toBe(false);
  });
});
