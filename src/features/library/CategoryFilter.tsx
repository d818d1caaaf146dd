import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { CATEGORIES, DRUM_CATEGORIES } from '../../domain/corrections';
import { capitalised, formatCategory, formatCount } from '../../domain/format';
import { categoryCounts, useLibraryStore } from '../../state/libraryStore';

const DRUMS = CATEGORIES.filter((c) => DRUM_CATEGORIES.has(c));
const INSTRUMENTS = CATEGORIES.filter((c) => !DRUM_CATEGORIES.has(c));
const POPOVER_WIDTH = 300;

/** What the closed button says: every chosen category while they fit, else how many. */
export function categoryButtonLabel(selected: readonly string[]): string {
  if (selected.length === 0) return 'Any category';
  const names = selected.map(formatCategory);
  const joined = names.join(', ');
  return capitalised(joined.length <= 16 ? joined : `${selected.length} categories`);
}

/**
 * The category filter: a button that opens checkboxes, drums beside instruments, each with how
 * many samples it would list with the other filters as they are. A native select
 * added a category on every arrow key pressed while it was focused (Chromium changes a closed
 * select's value with ↑ ↓ and type-ahead), so browsing past it piled up filters.
 */
export function CategoryFilter({ selected, onChange }: { selected: readonly string[]; onChange(categories: string[]): void }) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  // Counted as it opens (over 100,000 rows, ~20 ms), not on every change of the list.
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const id = useId();

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // In the page's body, placed from the button: the filter row scrolls sideways on a phone (and
  // fades its edge with a mask), which would clip it. Placed before it shows, so the focus can go
  // into it at once (a box still hidden cannot take it: the first ↓ then moved the list instead).
  const openList = (): void => {
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    setPosition({ top: rect.bottom + 4, left: Math.max(8, Math.min(rect.left, window.innerWidth - POPOVER_WIDTH - 8)) });
    setCounts(categoryCounts(useLibraryStore.getState()));
    setOpen(true);
  };

  useEffect(() => {
    if (open) popover.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    // Placed once, from where the button was: a resized window would leave it elsewhere.
    const resized = (): void => close(false);
    document.addEventListener('pointerdown', outside);
    window.addEventListener('resize', resized);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('resize', resized);
    };
  }, [open]);

  const toggle = (category: string, on: boolean): void =>
    onChange(on ? CATEGORIES.filter((c) => c === category || selected.includes(c)) : selected.filter((c) => c !== category));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const boxes = [...(popover.current?.querySelectorAll<HTMLInputElement>('input[type=checkbox]') ?? [])];
    const at = boxes.indexOf(document.activeElement as HTMLInputElement);
    boxes[(at + (event.key === 'ArrowDown' ? 1 : boxes.length - 1)) % boxes.length]?.focus();
  };

  const group = (title: string, categories: readonly string[]) => (
    <fieldset className="category-group">
      <legend>{title}</legend>
      {categories.map((c) => (
        <label key={c} className={counts.get(c) ? 'category-option' : 'category-option none'}>
          <input type="checkbox" checked={selected.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
          {capitalised(formatCategory(c))}
          {/* Out of the checkbox's name ("Kick", as the chips and voice control say it). */}
          <span className="category-count" aria-hidden="true">
            {formatCount(counts.get(c) ?? 0)}
          </span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <>
      <button
        ref={button}
        type="button"
        className={selected.length > 0 ? 'select category-button chosen' : 'select category-button'}
        // The visible text inside the name, as screen-reader users hear and voice-control users say it.
        aria-label={`Category: ${categoryButtonLabel(selected)}`}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        title={selected.length > 0 ? selected.map(formatCategory).join(', ') : 'Show only some categories'}
        onClick={() => (open ? close(false) : openList())}
      >
        {categoryButtonLabel(selected)} <span aria-hidden="true">▾</span>
      </button>
      {open &&
        createPortal(
          <div
            ref={popover}
            id={id}
            className="category-popover"
            role="group"
            aria-label="Categories"
            style={{ top: position?.top, left: position?.left, width: POPOVER_WIDTH }}
            onKeyDown={onKeyDown}
            onBlur={(e) => {
              // Tabbing out of the last box closes it, as leaving a menu does.
              const next = e.relatedTarget as Node | null;
              if (next && !popover.current?.contains(next) && next !== button.current) close(false);
            }}
          >
            <div className="category-groups">
              {group('Drums', DRUMS)}
              {group('Instruments', INSTRUMENTS)}
            </div>
            {selected.length > 0 && (
              <button type="button" className="link-button" onClick={() => onChange([])}>
                Any category
              </button>
            )}
          </div>,
          document.body,
        )}
    </>
  );
}
