import { useEffect, useRef, type ReactNode } from 'react';

/** One array for every dialog, so the effect below does not re-run (and re-focus) on each render. */
const ESCAPE = ['Escape'];

/**
 * A modal dialog over the page: focus moves to its close button and back when it closes, Esc
 * (and any of `closeKeys`) or a click outside closes it, and the keys it handles reach no other
 * shortcut.
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
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (!closeKeys.includes(event.key)) return;
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
