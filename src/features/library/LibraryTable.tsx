import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useRef } from 'react';
import { selectVisibleRows, useLibraryStore } from '../../state/libraryStore';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import { useAudition } from './useAudition';

const ROW_HEIGHT = 32;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The whole library as one virtualised grid: only the rows on screen are in the DOM. */
export function LibraryTable() {
  const rows = useDeferredValue(useLibraryStore(selectVisibleRows)); // see App: results arrive as transitions
  const sortKey = useLibraryStore((s) => s.sortKey);
  const sortDirection = useLibraryStore((s) => s.sortDirection);
  const selectedId = useLibraryStore((s) => s.selectedId);
  const playingId = useLibraryStore((s) => s.playingId);
  const { sortBy, select } = useLibraryStore.getState();
  const { play, stop } = useAudition();
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

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const { selectedId: current, playingId: playing } = useLibraryStore.getState();
      const list = selectVisibleRows(useLibraryStore.getState());
      const index = current === null ? -1 : list.findIndex((r) => r.id === current);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = list[event.key === 'ArrowDown' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1)];
        if (next && next.id !== current) {
          select(next.id);
          play(next);
        }
      } else if (event.key === ' ' && (event.target as HTMLElement).tagName !== 'BUTTON') {
        event.preventDefault();
        const row = list[index];
        if (playing !== null) stop();
        else if (row) play(row);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [play, stop, select]);

  return (
    <div className="library" role="grid" aria-label="Samples" aria-rowcount={rows.length + 1} aria-multiselectable="false">
      <div className="library-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE }}>
        {COLUMNS.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            aria-sort={sortKey === column.key ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
            className={column.align === 'end' ? 'align-end' : undefined}
          >
            <button type="button" className="sort-button" onClick={() => sortBy(column.key)}>
              {column.label}
              <span className="sort-mark" aria-hidden="true">
                {sortKey === column.key ? (sortDirection === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div className="library-body" ref={scroller} tabIndex={0} aria-label="Sample list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const classes = ['library-row', row.id === selectedId ? 'selected' : '', row.id === playingId ? 'playing' : ''].join(' ');
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row.id === selectedId}
                data-sample-id={row.id}
                className={classes}
                style={{ gridTemplateColumns: GRID_TEMPLATE, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  select(row.id);
                  play(row);
                }}
              >
                {COLUMNS.map((column) => (
                  <div key={column.key} role="gridcell" className={column.align === 'end' ? 'align-end' : undefined}>
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
