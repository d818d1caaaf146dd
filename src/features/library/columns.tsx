import type { ReactNode } from 'react';
import type { SortKey } from '../../domain/library/sampleQuery';
import { failureLabel, formatBpm, formatCategory, formatDuration, formatKeyOrRoot, formatLufs, isUncertain } from '../../domain/format';
import type { LibraryRow } from '../../state/libraryStore';
import { WaveThumb } from './WaveThumb';

export interface Column {
  key: SortKey;
  label: string;
  /** CSS grid track. */
  width: string;
  align?: 'end';
  render(row: LibraryRow): ReactNode;
}

function Uncertain({ children, confidence }: { children: string; confidence: number | null | undefined }) {
  if (!children) return null;
  if (!isUncertain(confidence)) return <>{children}</>;
  return (
    <span className="uncertain" title={`Low confidence (${Math.round((confidence ?? 0) * 100)} %)`}>
      {children}?
    </span>
  );
}

const STATUS_TEXT: Record<LibraryRow['status'], string> = {
  queued: 'Queued',
  done: 'Analysed',
  failed: 'Error',
  skipped: 'Not analysed',
};

export const COLUMNS: Column[] = [
  {
    key: 'name',
    label: 'Name',
    width: 'minmax(160px, 2.6fr)',
    render: (r) => (
      <span className="name-cell">
        <WaveThumb id={r.id} analysed={r.status === 'done'} />
        {/* The full name on hover: long names are cut to fit beside the waveform. A file that could
            not be read shows so in its name too: phones hide the Status column. */}
        <span
          className={r.status === 'failed' ? 'cell-name cell-name-failed' : 'cell-name'}
          title={r.status === 'failed' && r.error ? `${r.name}: could not be read (${r.error.message})` : r.name}
        >
          {r.name}
        </span>
      </span>
    ),
  },
  {
    key: 'dir',
    label: 'Folder',
    width: 'minmax(80px, 1fr)',
    render: (r) => (
      <span className="cell-muted" title={r.dir}>
        <bdi>{r.dir}</bdi>
      </span>
    ),
  },
  {
    key: 'category',
    label: 'Category',
    width: '88px',
    render: (r) =>
      // An analysed file with no kind is silent (nothing above -90 dBFS): said so, or it looked like a row missing its values.
      r.status === 'done' && r.analysis && r.analysis.kind === null && r.analysis.category === null ? (
        <span className="cell-muted" title="The file holds only silence: nothing to measure or classify">
          silent
        </span>
      ) : (
        <Uncertain confidence={r.analysis?.categoryConfidence}>{formatCategory(r.analysis?.category)}</Uncertain>
      ),
  },
  { key: 'duration', label: 'Length', width: '64px', align: 'end', render: (r) => formatDuration(r.analysis?.duration) },
  {
    key: 'bpm',
    label: 'BPM',
    width: '48px',
    align: 'end',
    render: (r) => <Uncertain confidence={r.analysis?.bpmConfidence}>{formatBpm(r.analysis?.bpm)}</Uncertain>,
  },
  {
    key: 'key',
    label: 'Key',
    width: '60px',
    render: (r) => (
      <Uncertain confidence={r.analysis?.key ? r.analysis.keyConfidence : r.analysis?.rootConfidence}>
        {formatKeyOrRoot(r.analysis)}
      </Uncertain>
    ),
  },
  { key: 'loudness', label: 'Loudness', width: '86px', align: 'end', render: (r) => formatLufs(r.analysis?.loudnessLufs) },
  {
    // What the producer gave a sample, seen and sorted by in the list (it could only be filtered by).
    key: 'rating',
    label: 'Rating',
    width: '56px',
    render: (r) =>
      r.favourite || r.rating > 0 ? (
        <span className="cell-rating" title={`${r.favourite ? 'Favourite' : 'Not a favourite'}, ${r.rating} of 5 stars`}>
          {r.favourite && <span className="cell-favourite">♥</span>}
          {'★'.repeat(r.rating)}
        </span>
      ) : null,
  },
  {
    key: 'status',
    label: 'Status',
    width: '92px',
    render: (r) => (
      <span className={`status status-${r.status}`} title={r.error ? r.error.message : undefined}>
        {r.status === 'failed' ? failureLabel(r.error) : STATUS_TEXT[r.status]}
      </span>
    ),
  },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
/** From 1,340 to 1,419 px the folder column gives way (the folder tree and the detail panel show it). */
export const MEDIUM_GRID_TEMPLATE = COLUMNS.filter((c) => c.key !== 'dir')
  .map((c) => (c.key === 'name' ? 'minmax(140px, 1fr)' : c.width))
  .join(' ');
/** Below 1,340 px the rating goes too (the detail panel shows it), so that names keep their room. */
export const NARROW_GRID_TEMPLATE = COLUMNS.filter((c) => c.key !== 'dir' && c.key !== 'rating')
  .map((c) => (c.key === 'name' ? 'minmax(100px, 1fr)' : c.width))
  .join(' ');

/** At phone width (max-width 760px in narrowLayout.css) only what a producer picks by; the others are hidden there. */
export const COMPACT_COLUMN_KEYS: readonly SortKey[] = ['name', 'category', 'bpm', 'key'];
export const COMPACT_GRID_TEMPLATE = COLUMNS.filter((c) => COMPACT_COLUMN_KEYS.includes(c.key))
  .map((c) => (c.key === 'name' ? 'minmax(0, 1fr)' : c.width))
  .join(' ');

/** The class of a column's header and cells: its key, its alignment, and whether phone width hides it. */
export function columnClass(column: Column): string {
  const align = column.align === 'end' ? ' align-end' : '';
  const secondary = COMPACT_COLUMN_KEYS.includes(column.key) ? '' : ' col-secondary';
  return `col-${column.key}${align}${secondary}`;
}
