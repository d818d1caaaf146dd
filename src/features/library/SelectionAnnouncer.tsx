import { formatBpm, formatCategory, formatCount, formatKeyOrRoot } from '../../domain/format';
import { useLibraryStore } from '../../state/libraryStore';

/**
 * What ↑ ↓ moved to, for screen readers: the list keeps the focus and its rows cannot take it, so
 * only their selected state changed and nothing was heard.
 */
export function SelectionAnnouncer() {
  const row = useLibraryStore((s) => (s.selectedId === null ? null : (s.rows.get(s.selectedId) ?? null)));
  const selected = useLibraryStore((s) => s.selection.size);
  const a = row?.analysis;
  const text = !row
    ? ''
    : selected > 1
      ? `${formatCount(selected)} samples selected`
      : [row.name, formatCategory(a?.category), a?.kind === 'loop' && a.bpm ? `${formatBpm(a.bpm)} BPM` : null, formatKeyOrRoot(a)]
          .filter(Boolean)
          .join(', ');
  return (
    <div className="visually-hidden" role="status" data-testid="selection-announcement">
      {text}
    </div>
  );
}
