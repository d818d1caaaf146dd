import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties } from 'react';
import { useLibraryStore } from '../../state/libraryStore';
import { columnClass, COLUMNS, COMPACT_GRID_TEMPLATE, GRID_TEMPLATE, MEDIUM_GRID_TEMPLATE, NARROW_GRID_TEMPLATE } from './columns';
import { NoResults } from './NoResults';
import { useAudition } from './useAudition';
import { useDragOut } from './useDragOut';
import { useVisibleRows } from './useVisibleRows';

const ROW_HEIGHT = 32;

/** The whole library as one virtualised grid: only the rows on screen are in the DOM. */
export function LibraryTable() {
  const rows = useVisibleRows();
  const sortKey = useLibraryStore((s) => s.sortKey);
  const sortDirection = useLibraryStore((s) => s.sortDirection);
  // "More like this" lists by similarity: no column is the order then; sorting by one leaves it.
  const bySimilarity = useLibraryStore((s) => s.similar !== null);
  const selectedId = useLibraryStore((s) => s.selectedId);
  const selection = useLibraryStore((s) => s.selection);
  const total = useLibraryStore((s) => s.rows.size);
  const playingId = useLibraryStore((s) => s.playingId);
  const { sortBy, clickRow, showSimilar } = useLibraryStore.getState();
  const { play, preload } = useAudition();
  const dragOut = useDragOut();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // Sounds found by similarity are listed best first: show the best, not where the list was
  // scrolled before (or where the selected sample ranks). After the effect above, so it wins.
  const similarResults = useLibraryStore((s) => s.similar?.results ?? null);
  useEffect(() => {
    if (similarResults) virtualizer.scrollToOffset(0);
  }, [similarResults, virtualizer]);

  return (
    <div
      className="library"
      role="grid"
      style={
        {
          '--grid': GRID_TEMPLATE,
          '--grid-medium': MEDIUM_GRID_TEMPLATE,
          '--grid-narrow': NARROW_GRID_TEMPLATE,
          '--grid-compact': COMPACT_GRID_TEMPLATE,
        } as CSSProperties
      }
      aria-label="Samples"
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
    >
      <div className="library-header" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            aria-sort={sortKey === column.key && !bySimilarity ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
            className={columnClass(column)}
          >
            <button
              type="button"
              className="sort-button"
              onClick={() => {
                if (bySimilarity) showSimilar(null);
                else sortBy(column.key);
              }}
            >
              {column.label}
              <span className="sort-mark" aria-hidden="true">
                {sortKey === column.key && !bySimilarity ? (sortDirection === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div className="library-body" role="rowgroup" ref={scroller} tabIndex={0} aria-label="Sample list">
        {rows.length === 0 && total > 0 && <NoResults />}
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const selected = selection.has(row.id);
            const classes = [
              'library-row',
              selected ? 'selected' : '',
              row.id === selectedId ? 'current' : '',
              row.id === playingId ? 'playing' : '',
            ].join(' ');
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-sample-id={row.id}
                className={classes}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                draggable
                onMouseEnter={() => preload(row)}
                onMouseDown={() => dragOut.prepare(row)}
                onDragStart={(event) => dragOut.start(event, row)}
                onClick={(event) => {
                  const modifiers = { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
                  clickRow(row.id, modifiers);
                  // A plain click auditions; extending a selection should not start sounds.
                  if (!modifiers.shift && !modifiers.toggle) play(row);
                }}
              >
                {COLUMNS.map((column) => (
                  <div key={column.key} role="gridcell" className={columnClass(column)}>
                    {column.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
