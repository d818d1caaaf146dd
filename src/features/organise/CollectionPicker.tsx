import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { notYetIn } from '../../domain/library/collectionEdits';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { NameInput } from './NameInput';
import { useCollectionEdits, type CollectionAddOutcome } from './useCollectionEdits';

const MOVING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A closed select changes its value on ↑ ↓ and on typed letters (type-ahead), and every change of
 * this one adds the rows to a collection: C then ↓ ↓ added a sample to each collection passed.
 * Those keys do nothing while it is closed; Space (or Alt+↓) opens its list, where they only move
 * until Enter picks. Escape leaves it for the panel.
 */
function onPickerKey(event: KeyboardEvent<HTMLSelectElement>): void {
  const { key } = event;
  if (key === 'Escape') {
    event.preventDefault();
    event.currentTarget.closest<HTMLElement>('aside.detail')?.focus();
    return;
  }
  const typed = key.length === 1 && key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
  if ((MOVING_KEYS.has(key) && !event.altKey) || typed) event.preventDefault();
}

/**
 * Adds rows to an existing collection, or to a new one named inline, and says what it did with an
 * Undo beside it ("Added snare 03.wav to “Track X” · Undo"). Collections that hold every one of
 * the rows already are listed, ticked and disabled, so a pick always changes something.
 */
export function CollectionPicker({ rows }: { rows: readonly LibraryRow[] }) {
  const edits = useCollectionEdits();
  const collections = useLibraryStore((s) => s.collections).filter((c) => !c.query);
  const [naming, setNaming] = useState(false);
  const ids = rows.map((r) => r.id);
  const key = ids.join(',');
  // The notice belongs to the rows it was about: another selection does not show it.
  const [last, setLast] = useState<{ key: string; outcome: CollectionAddOutcome } | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (naming || !refocus.current) return;
    refocus.current = false;
    select.current?.focus();
  }, [naming]);

  const done = async (outcome: Promise<CollectionAddOutcome | undefined>): Promise<void> => {
    const said = await outcome;
    if (said) setLast({ key, outcome: said });
  };
  const create = (name: string | null): void => {
    // Enter or Esc gives the keyboard back to the picker; a click elsewhere keeps it where it went.
    refocus.current = document.activeElement instanceof HTMLInputElement;
    setNaming(false);
    if (name) void done(edits.create(name, rows));
  };
  const notice = last?.key === key ? last.outcome : null;
  return (
    <>
      {naming ? (
        <NameInput label="Name of the new collection" initial="New collection" onDone={create} />
      ) : (
        <select
          ref={select}
          className="select"
          aria-label="Add to collection"
          title="Add to a collection: Space opens the list, ↑ ↓ choose, Enter adds"
          value=""
          onKeyDown={onPickerKey}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === 'new') setNaming(true);
            else void done(edits.add(Number(value), rows));
          }}
        >
          <option value="" disabled>
            Add to collection…
          </option>
          {collections.map((c) => {
            const full = notYetIn(c, ids).length === 0;
            return (
              <option key={c.id} value={c.id} disabled={full}>
                {full ? '✓ ' : ''}
                {c.name} ({c.sampleIds.length})
              </option>
            );
          })}
          <option value="new">New collection…</option>
        </select>
      )}
      {notice && (
        <div className="collection-notice" role="status" data-testid="collection-notice">
          <span>{notice.message}</span>
          {notice.added.length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setLast(null);
                void edits.undo(notice);
              }}
            >
              Undo
            </button>
          )}
        </div>
      )}
    </>
  );
}
