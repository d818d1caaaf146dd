import { useState } from 'react';
import type { CollectionRecord } from '../../db/schema';
import { formatCount } from '../../domain/format';

interface CollectionListProps {
  collections: readonly CollectionRecord[];
  currentId: number | null;
  onOpen(collection: CollectionRecord): void;
  onExport(collection: CollectionRecord): void;
  onDelete(collection: CollectionRecord): void;
}

/**
 * Hand-picked and smart collections. Deleting asks first, in place (the row turns into the
 * question): a collection may hold an afternoon of picking, and a dialog box would block the page.
 */
export function CollectionList({ collections, currentId, onOpen, onExport, onDelete }: CollectionListProps) {
  const [confirming, setConfirming] = useState<number | null>(null);
  /** Not deleted after all: the keyboard goes back to the × it came from. */
  const keep = (c: CollectionRecord): void => {
    setConfirming(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(`Delete collection ${c.name}`)}"]`)?.focus(),
    );
  };
  return (
    <ul className="nav-list" aria-label="Collections">
      {collections.length === 0 && <li className="nav-empty">Select samples and use “Add to collection”, or save a search.</li>}
      {collections.map((c) =>
        confirming === c.id ? (
          <li
            key={c.id}
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
          <li key={c.id} className="nav-row">
            <button type="button" className={currentId === c.id ? 'nav-item active' : 'nav-item'} onClick={() => onOpen(c)}>
              <span className="nav-label">
                {c.query ? '⚡ ' : ''}
                {c.name}
              </span>
              {!c.query && <span className="nav-count">{formatCount(c.sampleIds.length)}</span>}
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
