/** Whether a key press goes to a field the user types in (the library's shortcuts leave it alone). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  // A hidden file input behind a label (Restore a backup…, By sound…) keeps the focus after its
  // dialog: nothing is typed there, and the shortcuts went dead until a click elsewhere.
  if (el instanceof HTMLInputElement) return el.type !== 'file';
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** The search box hands ↓ on to the list or the map (its `data-arrow-to-list`): the same press moves there. */
export function handsArrowsToList(target: EventTarget | null): boolean {
  return (target as HTMLElement | null)?.dataset?.['arrowToList'] !== undefined;
}
