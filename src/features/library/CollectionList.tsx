import { useEffect, useState, type DragEvent } from 'react';
import type { CollectionRecord } from '../../db/schema';
import { formatCount } from '../../domain/format';
import { carriesSamples, decodeSampleIds, SAMPLE_IDS_TYPE } from '../../domain/library/sampleDrag';
import { RenameInput } from '../organise/RenameInput';

interface CollectionListProps {
  collections: readonly CollectionRecord[];
  /** How many samples each smart collection finds now (useSmartCounts); absent until counted. */
  smartCounts: ReadonlyMap<number, number>;
  currentId: number | null;
  onOpen(collection: CollectionRecord): void;
  onExport(collection: CollectionRecord): void;
  onDelete(collection: CollectionRecord): void;
  /** Resolves null once renamed, else why the name was refused. */
  onRename(collection: CollectionRecord, name: string): Promise<string | null>;
  /** Samples of the list dropped onto a hand-picked collection (useDragOut carries their ids). */
  onDropSamples(collection: CollectionRecord, sampleIds: number[]): void;
}

/** Puts the keyboard back on a collection's row control (by its accessible name) after the row changed. */
function focusLater(label: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`)?.focus());
}

/**
 * Hand-picked and smart collections. Deleting asks first, in place (the row turns into the
 * question): a collection may hold an afternoon of picking, and a dialog box would block the page.
 * Renaming happens in place too (✎, a double-click on the name, or F2).
 */
export function CollectionList({
  collections,
  smartCounts,
  currentId,
  onOpen,
  onExport,
  onDelete,
  onRename,
  onDropSamples,
}: CollectionListProps) {
  const [confirming, setConfirming] = useState<number | null>(null);
  const [renaming, setRenaming] = useState<number | null>(null);
  const dropTarget = useDropTarget(onDropSamples);
  /** Not deleted after all: the keyboard goes back to the × it came from. */
  const keep = (c: CollectionRecord): void => {
    setConfirming(null);
    focusLater(`Delete collection ${c.name}`);
  };
  return (
    <ul className="nav-list" aria-label="Collections">
      {collections.length === 0 && <li className="nav-empty">Select samples and use “Add to collection”, or save a search.</li>}
      {collections.map((c) =>
        renaming === c.id ? (
          // Keys of their own: a new element mounts (and takes the focus), rather than the row's buttons being reused.
          <li key={`rename-${c.id}`} className="nav-row nav-renaming">
            <RenameInput
              label={`New name of collection ${c.name}`}
              initial={c.name}
              save={(name) => onRename(c, name)}
              onClose={() => {
                setRenaming(null);
                // The keyboard goes back to the collection (found by its id: its name may have changed),
                // unless the box was left for something else the user clicked.
                requestAnimationFrame(() => {
                  if (document.activeElement && document.activeElement !== document.body) return;
                  document.querySelector<HTMLElement>(`[data-collection-id="${c.id}"]`)?.focus();
                });
              }}
            />
          </li>
        ) : confirming === c.id ? (
          <li
            key={`confirm-${c.id}`}
            className="nav-row nav-confirm"
            role="group"
            aria-label={`Delete collection ${c.name}?`}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.stopPropagation(); // Escape answers this question, nothing else
              keep(c);
            }}
          >
            <span className="nav-label">Delete “{c.name}”?</span>
            <button
              type="button"
              className="link-button danger"
              autoFocus
              onClick={() => {
                setConfirming(null);
                onDelete(c);
              }}
            >
              Delete
            </button>
            <button type="button" className="link-button" onClick={() => keep(c)}>
              Keep
            </button>
          </li>
        ) : (
          <li key={c.id} className={dropTarget.over === c.id ? 'nav-row drop-target' : 'nav-row'} {...dropTarget.handlers(c)}>
            <button
              type="button"
              className={currentId === c.id ? 'nav-item active' : 'nav-item'}
              data-collection-id={c.id}
              title={
                c.query
                  ? `${c.name}: double-click or F2 to rename`
                  : `${c.name}: drop samples here to add them; double-click or F2 to rename`
              }
              onClick={() => onOpen(c)}
              onDoubleClick={() => setRenaming(c.id)}
              onKeyDown={(event) => {
                if (event.key !== 'F2') return;
                event.preventDefault();
                setRenaming(c.id);
              }}
            >
              <span className="nav-label collection-name">
                {c.query ? '⚡ ' : ''}
                {c.name}
              </span>
              {c.query ? (
                smartCounts.has(c.id) && (
                  <span className="nav-count" title="Samples its filters find now">
                    {formatCount(smartCounts.get(c.id)!)}
                  </span>
                )
              ) : (
                <span className="nav-count">{formatCount(c.sampleIds.length)}</span>
              )}
            </button>
            <button
              type="button"
              className="nav-action"
              aria-label={`Export collection ${c.name} as ZIP`}
              title={c.query ? 'Export the samples it finds now as ZIP' : 'Export as ZIP'}
              onClick={() => onExport(c)}
            >
              ⇩
            </button>
            <button
              type="button"
              className="nav-delete"
              aria-label={`Rename collection ${c.name}`}
              title="Rename the collection"
              onClick={() => setRenaming(c.id)}
            >
              ✎
            </button>
            <button
              type="button"
              className="nav-delete"
              aria-label={`Delete collection ${c.name}`}
              title="Delete the collection (the samples stay in the library)"
              onClick={() => setConfirming(c.id)}
            >
              ×
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * Rows of the list dropped onto a hand-picked collection: the collection under the pointer is
 * highlighted while the drag is over it, and takes the samples on a drop. Smart collections, and
 * drags from outside the app (files to import), are left to the window.
 */
function useDropTarget(onDrop: (collection: CollectionRecord, sampleIds: number[]) => void) {
  const [over, setOver] = useState<number | null>(null);
  useEffect(() => {
    if (over === null) return;
    // A drag cancelled (Esc) or dropped elsewhere ends at its source, in the list.
    const end = (): void => setOver(null);
    window.addEventListener('dragend', end);
    return () => window.removeEventListener('dragend', end);
  }, [over]);
  const accepts = (c: CollectionRecord, event: DragEvent): boolean => !c.query && carriesSamples(event.dataTransfer.types);
  const handlers = (c: CollectionRecord) => ({
    onDragEnter: (event: DragEvent) => {
      if (!accepts(c, event)) return;
      event.preventDefault();
      setOver(c.id);
    },
    onDragOver: (event: DragEvent) => {
      if (!accepts(c, event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setOver(c.id);
    },
    onDragLeave: (event: DragEvent) => {
      // Moving between the row's own buttons is not leaving it.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
      setOver((id) => (id === c.id ? null : id));
    },
    onDrop: (event: DragEvent) => {
      if (!accepts(c, event)) return;
      event.preventDefault();
      setOver(null);
      const ids = decodeSampleIds(event.dataTransfer.getData(SAMPLE_IDS_TYPE));
      if (ids.length > 0) onDrop(c, ids);
    },
  });
  return { over, handlers };
}
