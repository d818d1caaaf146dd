import { afterEach, describe, expect, it } from 'vitest';
import { UNDO_DEPTH, useLibraryStore, type UndoableEdit } from '../../src/state/libraryStore';

const edit = (n: number, fields: UndoableEdit['undo'][number]['fields'] = { rating: n }): UndoableEdit => ({
  label: `edit ${n}`,
  undo: [{ id: n, fields }],
});

describe('the undo stack of bulk edits', () => {
  afterEach(() => useLibraryStore.getState().clearUndo());

  it('takes back edits last first, the previous one shown once the last is undone', () => {
    const store = useLibraryStore.getState();
    store.pushUndo(edit(1));
    store.pushUndo(edit(2));
    expect(useLibraryStore.getState().lastEdit?.label).toBe('edit 2');
    expect(store.popUndo()?.label).toBe('edit 2');
    expect(useLibraryStore.getState().lastEdit?.label).toBe('edit 1');
    expect(store.popUndo()?.label).toBe('edit 1');
    expect(useLibraryStore.getState().lastEdit).toBeNull();
    expect(store.popUndo()).toBeNull();
  });

  it(`keeps the last ${UNDO_DEPTH}`, () => {
    for (let n = 1; n <= UNDO_DEPTH + 5; n++) useLibraryStore.getState().pushUndo(edit(n));
    const stack = useLibraryStore.getState().undoStack;
    expect(stack).toHaveLength(UNDO_DEPTH);
    expect(stack[0]?.label).toBe('edit 6');
  });

  it("never lets an undo overwrite a single sample's later edit, and drops an undo left with nothing", () => {
    const store = useLibraryStore.getState();
    store.pushUndo({ label: 'tagged and rated', undo: [{ id: 7, fields: { tags: [], rating: 0 } }] });
    store.pushUndo(edit(8));
    store.keepEditsFromUndo([{ id: 7, fields: { rating: 4 } }]);
    expect(useLibraryStore.getState().undoStack.map((e) => e.undo)).toEqual([
      [{ id: 7, fields: { tags: [] } }],
      [{ id: 8, fields: { rating: 8 } }],
    ]);
    store.keepEditsFromUndo([{ id: 8, fields: { rating: 1 } }]);
    expect(useLibraryStore.getState().undoStack.map((e) => e.label)).toEqual(['tagged and rated']);
    expect(useLibraryStore.getState().lastEdit?.label).toBe('tagged and rated');
  });
});
