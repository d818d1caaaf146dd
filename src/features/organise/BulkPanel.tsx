import { useMemo, useState } from 'react';
import { selectionExportName } from '../../domain/export/sidecar';
import { formatCount } from '../../domain/format';
import { tagCounts } from '../../domain/library/organise';
import { useExportStore } from '../../state/exportStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { DescribeButton } from '../ai/DescribeButton';
import { CollectionPicker } from './CollectionPicker';
import { RemoveFromCollection } from './RemoveFromCollection';
import { useTagSuggestions } from './OrganiseFields';
import { FavouriteButton, StarRating, TagEditor } from './TagEditor';
import { ExportDialog } from './ExportDialog';
import { useOrganise } from './useOrganise';

/** Actions on a multi-selection: tag, favourite, rate, collect. */
export function BulkPanel({ rows }: { rows: readonly LibraryRow[] }) {
  const organise = useOrganise();
  const [exporting, setExporting] = useState(false);
  const running = useExportStore((s) => s.running);
  const suggestions = useTagSuggestions();
  const shared = useMemo(
    () =>
      tagCounts(rows)
        .filter((t) => t.count === rows.length)
        .map((t) => t.tag),
    [rows],
  );
  const allFavourite = rows.every((r) => r.favourite);
  const commonRating = rows.every((r) => r.rating === rows[0]?.rating) ? (rows[0]?.rating ?? 0) : 0;
  return (
    <aside className="detail bulk" aria-label="Selected samples">
      <header className="detail-header">
        <div className="detail-title">
          <h2 data-testid="bulk-count">{formatCount(rows.length)} samples selected</h2>
          <span className="cell-muted">Shift-click to extend, Ctrl-click to add or remove, Esc to clear</span>
        </div>
      </header>
      <section className="organise">
        <div className="organise-line">
          <span className="field-label">Favourite</span>
          <FavouriteButton on={allFavourite} onToggle={() => void organise.toggleFavourite(rows)} />
        </div>
        <div className="organise-line">
          <span className="field-label">Rating</span>
          <StarRating rating={commonRating} label="Rate all selected" onRate={(r) => void organise.setField(rows, 'rating', r)} />
        </div>
        <div className="organise-line">
          <span className="field-label">Tags on all</span>
          <TagEditor
            label="Add tags to the selected samples"
            tags={shared}
            suggestions={suggestions}
            onAdd={(tags) => void organise.addTags(rows, tags)}
            onRemove={(tag) => void organise.removeTags(rows, [tag])}
          />
        </div>
        <div className="organise-line">
          <span className="field-label">Suggest</span>
          <DescribeButton rows={rows} label="Tags and descriptions…" />
        </div>
        <div className="organise-line">
          <span className="field-label">Collection</span>
          <div className="collection-actions">
            <CollectionPicker rows={rows} />
            <RemoveFromCollection rows={rows} />
          </div>
        </div>
        <div className="organise-line">
          <span className="field-label">Export</span>
          <button type="button" className="button" disabled={running !== null} onClick={() => setExporting(true)}>
            {running ? `Exporting ${formatCount(running.handled)} of ${formatCount(running.total)}…` : 'Export as ZIP…'}
          </button>
          {exporting && <ExportDialog rows={rows} name={selectionExportName(rows.map((r) => r.dir))} onClose={() => setExporting(false)} />}
        </div>
      </section>
      <UndoBar />
    </aside>
  );
}

/**
 * The last bulk edit with a button that reverts it (also Ctrl+Z), shown beside the samples it
 * changed: on another sample's panel "Tagged 1 sample #keeper · Undo" reads as if it were about it.
 */
export function UndoBar() {
  const lastEdit = useLibraryStore((s) => s.lastEdit);
  const selection = useLibraryStore((s) => s.selection);
  const organise = useOrganise();
  if (!lastEdit || !lastEdit.undo.some((edit) => selection.has(edit.id))) return null;
  return (
    <div className="undo-bar" role="status">
      <span>{lastEdit.label}</span>
      <button type="button" className="button" onClick={() => void organise.undo()}>
        Undo
      </button>
    </div>
  );
}
