import { useEffect } from 'react';

/** Whether the element that had the focus can no longer hold it: removed, disabled or hidden. */
function gone(element: HTMLElement): boolean {
  return !element.isConnected || (element as HTMLButtonElement).disabled === true || element.offsetParent === null;
}

/**
 * Where the focus goes when the control that had it goes away under it (a filter chip's ×, Clear
 * all, Undo, a deleted collection, the similar-sounds bar's Close): to `fallback` (the sample
 * list), not to the page's body, where a keyboard user had no ring and Tab started over.
 * A click on empty space leaves the focus on the body, as browsers do: that control is still there.
 */
export function useFocusRescue(fallback: string): void {
  useEffect(() => {
    let last: HTMLElement | null = null;
    const remember = (event: FocusEvent): void => {
      if (event.target instanceof HTMLElement) last = event.target;
    };
    const rescue = (): void => {
      const active = document.activeElement;
      if (!last || (active !== null && active !== document.body) || !document.hasFocus() || !gone(last)) return;
      last = null;
      document.querySelector<HTMLElement>(fallback)?.focus({ preventScroll: true });
    };
    // After the update the key or click caused: at once, and once a database write it awaited
    // (deleting a collection, removing a folder) has had time to land.
    const check = (): void => {
      setTimeout(rescue, 0);
      setTimeout(rescue, 400);
    };
    document.addEventListener('focusin', remember);
    document.addEventListener('keyup', check, true);
    document.addEventListener('click', check, true);
    return () => {
      document.removeEventListener('focusin', remember);
      document.removeEventListener('keyup', check, true);
      document.removeEventListener('click', check, true);
    };
  }, [fallback]);
}
