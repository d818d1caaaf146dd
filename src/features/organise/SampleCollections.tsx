import { useMemo, useState } from 'react';
import { collectionsOf } from '../../domain/library/collectionEdits';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { CollectionPicker } from './CollectionPicker';
import { useCollectionEdits } from './useCollectionEdits';

/** Collections listed as chips before "+N more". */
const SHOWN_CHIPS = 4;

/**
 * One sample's collections in its detail panel: "Add to collection…" (a new one too), and the
 * hand-picked collections it is in already, each with × to take it out (the library keeps it).
 * Audition, hear the right snare, put it in "Track X": no second sample has to be selected.
 */
export function SampleCollections({ row }: { row: LibraryRow }) {
  const collections = useLibraryStore((s) => s.collections);
  const memberOf = useMemo(() => collectionsOf(collections, row.id), [collections, row.id]);
  const rows = useMemo(() => [row], [row]);
  const edits = useCollectionEdits();
  // A sample in many collections showed every chip, and pushed the waveform below the fold at 768 px.
  const [showAllOf, setShowAllOf] = useState<number | null>(null);
  const shown = showAllOf === row.id || memberOf.length <= SHOWN_CHIPS + 1 ? memberOf : memberOf.slice(0, SHOWN_CHIPS);
  const hidden = memberOf.length - shown.length;
  return (
    <div className="sample-collections" role="group" aria-label="Collections of this sample">
      <CollectionPicker rows={rows} />
      {memberOf.length > 0 && (
        <div className="sample-collections-list" data-testid="sample-collections">
          <span className="field-label">In</span>
          {shown.map((c) => (
            <span key={c.id} className="chip collection-chip" title={c.name}>
              <span className="collection-chip-name">{c.name}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Take it out of collection ${c.name}`}
                title={`Take it out of “${c.name}”; the library keeps it`}
                onClick={() => void edits.remove(c.id, [row.id])}
              >
                ×
              </button>
            </span>
          ))}
          {hidden > 0 && (
            <button type="button" className="link-button" onClick={() => setShowAllOf(row.id)}>
              +{hidden} more
            </button>
          )}
          {showAllOf === row.id && memberOf.length > SHOWN_CHIPS + 1 && (
            <button type="button" className="link-button" onClick={() => setShowAllOf(null)}>
              fewer
            </button>
          )}
        </div>
      )}
    </div>
  );
}
