import { useEffect, useRef, type ReactNode } from 'react';

/** One array for every dialog, so the effect below does not re-run (and re-focus) on each render. */
const ESCAPE = ['Escape'];

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Whether Tab can reach it: shown, and not inside a closed <details> (whose content keeps its
 * layout box in Chromium: the URL field of a closed "Advanced" counted as the dialog's last
 * control, so Tab from the one before it left the dialog).
 */
function reachable(el: HTMLElement): boolean {
  if (el === document.activeElement) return true;
  const closed = el.closest('details:not([open])');
  if (closed && el.closest('summary')?.parentElement !== closed) return false;
  return el.offsetParent !== null;
}

/** Tab and Shift+Tab go round the dialog's own controls: a modal keeps the keyboard, as it keeps the pointer. */
function keepFocusInside(dialog: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(reachable);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const outside = !(active instanceof Node) || !dialog.contains(active);
  if (event.shiftKey && (outside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (outside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog over the page: focus moves to its close button and back when it closes, Tab
 * stays inside it, Esc (and any of `closeKeys`) or a click outside closes it, and the keys it
 * handles reach no other shortcut (the library's shortcuts wait while a modal is open).
 */
export function ModalDialog({
  title,
  titleId,
  className,
  closeKeys = ESCAPE,
  onClose,
  children,
}: {
  title: string;
  titleId: string;
  className?: string;
  closeKeys?: readonly string[];
  onClose(): void;
  children: ReactNode;
}) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Tab' && dialog.current) keepFocusInside(dialog.current, event);
      if (!closeKeys.includes(event.key)) return;
      // A question inside the dialog (marked data-own-escape) answers Escape itself: the dialog stays.
      if (event.target instanceof Element && event.target.closest('[data-own-escape]')) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus();
    };
  }, [onClose, closeKeys]);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        ref={dialog}
        className={className ? `help ${className}` : 'help'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="help-header">
          <h2 id={titleId}>{title}</h2>
          <button ref={closeButton} type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
