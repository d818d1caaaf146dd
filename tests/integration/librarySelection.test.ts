import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';
import { selectedRows, selectVisibleRows, useLibraryStore } from '../../src/state/libraryStore';
import { markSaved } from '../../src/state/unsavedEdits';
import { syntheticLibrary } from '../bench/syntheticLibrary';

const { folders, samples } = syntheticLibrary(200, 5);
const visibleIds = (): number[] => selectVisibleRows(useLibraryStore.getState()).map((row) => row.id);

describe('an organising edit still being saved', () => {
  it('keeps an edit still being saved on a row that a record read meanwhile updates, and follows the database once saved', () => {
    const store = useLibraryStore.getState();
    store.setLoaded(folders, samples);
    const [first, second] = samples.filter((s) => !s.tags?.length);
    const edits = [first!, second!].map((s) => ({ id: s.id, fields: { tags: ['vinyl'], rating: 4 } }));
    store.patchUserFields(edits);
    // An analysis result for the first sample, read from the database before the edit reached it.
    useLibraryStore.getState().upsertSamples([{ ...first!, status: 'done' }]);
    expect(useLibraryStore.getState().rows.get(first!.id)).toMatchObject({ tags: ['vinyl'], rating: 4 });
    markSaved(edits);
    // Saved: from now on the database's record is what the row shows.
    useLibraryStore.getState().upsertSamples([{ ...second!, tags: ['vinyl', 'dusty'], rating: 4 }]);
    expect(useLibraryStore.getState().rows.get(second!.id)).toMatchObject({ tags: ['vinyl', 'dusty'], rating: 4 });
    useLibraryStore.getState().upsertSamples([{ ...first!, status: 'done' }]);
    expect(useLibraryStore.getState().rows.get(first!.id)?.tags).toEqual([]);
  });
});

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
