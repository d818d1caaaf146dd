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

/** The element the last pointer press (mouse, touch, pen) gave the focus to, while it keeps it. */
let pointerFocused: Element | null = null;
/** Whether the last press was a pointer's rather than a key's. */
let pointerLast = false;

/**
 * Follows which element has the focus from a click rather than from the keyboard (Tab, arrow
 * keys, or a focus the app moved after a key): `:focus-visible` cannot tell, as Chromium sets it
 * on the key press itself. Call once; returns the clean-up.
 */
export function followPointerFocus(): () => void {
  const pointer = (): void => {
    pointerLast = true;
  };
  const key = (): void => {
    pointerLast = false;
  };
  // A focus that follows a pointer press came from it; one that follows a key (Tab, an arrow) did not.
  const focused = (event: FocusEvent): void => {
    pointerFocused = pointerLast ? (event.target as Element) : null;
  };
  // A click on what already had the focus (from the keyboard) makes it the click's.
  const clicked = (event: MouseEvent): void => {
    const active = document.activeElement;
    if (event.detail > 0 && active && active.contains(event.target as Node)) pointerFocused = active;
  };
  const listeners = [
    ['pointerdown', pointer],
    ['keydown', key],
    ['focusin', focused],
    ['click', clicked],
  ] as const;
  for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener, true);
  return () => {
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener, true);
    pointerFocused = null;
  };
}

/**
 * A button or tick box that has the focus because the mouse last clicked it: the focus stays
 * there after the click, and Space, the library's play/stop, pressed it again (halving a corrected
 * tempo at each press, switching Sync off). One reached from the keyboard keeps Space as its own.
 */
export function isClickedControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.matches || el !== pointerFocused) return false;
  return el.matches('button, summary, a[href], [role=button], input[type=checkbox], input[type=radio]');
}
