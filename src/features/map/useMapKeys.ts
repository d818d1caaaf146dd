import { useEffect, useRef } from 'react';
import { handsArrowsToList, isTyping } from '../../components/keyTargets';
import type { MapLayout } from '../../domain/map/mapLayout';
import { nearestPoint, neighbourInDirection } from '../../domain/map/mapNavigation';
import { mapDirection, panToShow, toMap, type Viewport } from '../../domain/map/viewport';
import { selectVisibleRows, useLibraryStore } from '../../state/libraryStore';
import { useAudition } from '../library/useAudition';

/** A point the keyboard reaches is panned at least this far inside the canvas (less than Fit's margin: a fitted map never moves). */
const KEEP_IN_VIEW_PIXELS = 12;

interface MapKeysOptions {
  layout: MapLayout | null;
  viewport: Viewport | null;
  size: { width: number; height: number };
  onViewport(viewport: Viewport): void;
}

/** Where each arrow key goes on screen (x right, y down). */
const ARROW_STEPS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/**
 * The arrow keys on the map go to the nearest sound in their direction on the map (among those
 * the filters keep), not to the next row of the alphabetical list, nor seek (the map is read by
 * place); Shift adds it to the selection. Handled in the capture phase, ahead of the library's own
 * arrow keys, only while the map is open and the keys are not typing into a field or a dialog.
 */
export function useMapKeys({ layout, viewport, size, onViewport }: MapKeysOptions): void {
  const { play } = useAudition();
  const latest = useRef({ layout, viewport, size, onViewport, play });
  useEffect(() => {
    latest.current = { layout, viewport, size, onViewport, play };
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const step = ARROW_STEPS[event.key];
      if (!step) return;
      if (event.altKey || event.ctrlKey || event.metaKey || document.querySelector('[aria-modal="true"]')) return;
      const fromSearch = handsArrowsToList(event.target);
      if (isTyping(event.target) && !(fromSearch && event.key === 'ArrowDown')) return;
      const { layout, viewport, size, onViewport, play } = latest.current;
      if (!layout || !viewport || size.width === 0) return;
      event.preventDefault();
      event.stopPropagation();
      if (fromSearch) (event.target as HTMLElement).blur();
      const store = useLibraryStore.getState();
      const visible = new Set(selectVisibleRows(store).map((r) => r.id));
      const eligible = Uint8Array.from(layout.ids, (id) => (visible.has(id) ? 1 : 0));
      // A scan of the ids (a fraction of a millisecond for 100,000) rather than an index map kept for every layout.
      const found = store.selectedId === null ? -1 : layout.ids.indexOf(store.selectedId);
      const current = found >= 0 ? found : undefined;
      // From the selected sound, or with none on the map, from the middle of the view.
      const from =
        current !== undefined
          ? { x: layout.xy[2 * current]!, y: layout.xy[2 * current + 1]!, index: current }
          : toMap(viewport, size.width, size.height, size.width / 2, size.height / 2);
      const next =
        current === undefined
          ? nearestPoint(layout.xy, from, eligible)
          : neighbourInDirection(layout.xy, from, mapDirection(viewport, step[0], step[1]), eligible);
      const row = next >= 0 ? store.rows.get(layout.ids[next]!) : undefined;
      if (!row) return;
      if (event.shiftKey) store.selectMany([row.id, ...[...store.selection].filter((id) => id !== row.id)]);
      else store.select(row.id);
      play(row);
      const [x, y] = [layout.xy[2 * next]!, layout.xy[2 * next + 1]!];
      const shown = panToShow(viewport, size.width, size.height, x, y, KEEP_IN_VIEW_PIXELS);
      if (shown !== viewport) onViewport(shown);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
