export interface ClickModifiers {
  shift: boolean;
  /** Ctrl, or Cmd on a Mac. */
  toggle: boolean;
}

interface SelectionState {
  selectedId: number | null;
  selection: ReadonlySet<number>;
}

/**
 * The selection after a click, as file managers do it: a plain click selects one row, Ctrl/Cmd
 * adds or removes one, Shift selects the range from the current row to the clicked one.
 */
export function selectionAfterClick(
  state: SelectionState,
  visible: readonly { id: number }[],
  id: number,
  modifiers: ClickModifiers,
): SelectionState {
  if (modifiers.shift && state.selectedId !== null) {
    const from = visible.findIndex((r) => r.id === state.selectedId);
    const to = visible.findIndex((r) => r.id === id);
    if (from >= 0 && to >= 0) {
      const [a, b] = from < to ? [from, to] : [to, from];
      const range = visible.slice(a, b + 1).map((r) => r.id);
      // The anchor stays where it was, so a second Shift-click re-draws the range from it.
      return { selectedId: state.selectedId, selection: new Set(modifiers.toggle ? [...state.selection, ...range] : range) };
    }
  }
  if (modifiers.toggle) {
    const selection = new Set(state.selection);
    if (selection.has(id)) {
      selection.delete(id);
      const next = selection.size > 0 ? [...selection][selection.size - 1]! : null;
      return { selectedId: state.selectedId === id ? next : state.selectedId, selection };
    }
    selection.add(id);
    return { selectedId: id, selection };
  }
  return { selectedId: id, selection: new Set([id]) };
}

/**
 * Shift+↓ / Shift+↑: the range from the anchor (the row the extension began at) to the row moved
 * to, which becomes the current one, so moving back shrinks the range (toggling one row at a time
 * left a gap: d005-d008, then Shift+↑ gave d005, d006, d008).
 */
export function extendSelection(
  state: SelectionState & { anchorId: number | null },
  visible: readonly { id: number }[],
  id: number,
): SelectionState & { anchorId: number } {
  const anchor = state.anchorId !== null && state.selection.has(state.anchorId) ? state.anchorId : (state.selectedId ?? id);
  const from = visible.findIndex((r) => r.id === anchor);
  const to = visible.findIndex((r) => r.id === id);
  if (from < 0 || to < 0) return { selectedId: id, anchorId: id, selection: new Set([id]) };
  const [a, b] = from < to ? [from, to] : [to, from];
  return { selectedId: id, anchorId: anchor, selection: new Set(visible.slice(a, b + 1).map((r) => r.id)) };
}
