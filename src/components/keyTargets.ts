/** Whether a key press goes to a field the user types in (the library's shortcuts leave it alone). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The search box hands ↓ on to the list or the map (its `data-arrow-to-list`): the same press moves there. */
export function handsArrowsToList(target: EventTarget | null): boolean {
  return (target as HTMLElement | null)?.dataset?.['arrowToList'] !== undefined;
}
