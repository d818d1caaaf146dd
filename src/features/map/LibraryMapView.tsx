import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useServices } from '../../app/ServicesContext';
import { ProgressBar } from '../../components/ProgressBar';
import { cloudBox } from '../../domain/map/mapCloud';
import { fitViewport, UNIT_BOX, zoomAt, type Viewport } from '../../domain/map/viewport';
import { useLibraryStore } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';
import { useAudition } from '../library/useAudition';
import { MapCanvas, type PickModifiers } from './MapCanvas';
import { MapLegend } from './MapLegend';
import { MapTooltip } from './MapTooltip';
import { useMapColours } from './useMapColours';
import { useMapKeys } from './useMapKeys';
import { useMapLabels } from './useMapLabels';

const STAGE_LABELS = {
  prepare: 'Reading sound fingerprints',
  neighbours: 'Finding neighbours',
  layout: 'Laying out the map',
  place: 'Placing every sound',
};
/** The pointer rests this long on a point before it plays (a sweep across the map stays quiet). */
const HOVER_PLAY_MS = 90;

/** The library as a map: similar sounds lie close together; hover listens, click selects, lasso collects. */
export function LibraryMapView() {
  const { map } = useServices();
  const state = useSyncExternalStore(map.subscribe, map.getState);
  const rows = useLibraryStore((s) => s.rows);
  const playingId = useLibraryStore((s) => s.playingId);
  const colourBy = useSettingsStore((s) => s.mapColour);
  const [lasso, setLasso] = useState(false);
  const [hover, setHover] = useState<{ index: number; at: { x: number; y: number } } | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [lassoCount, setLassoCount] = useState<number | null>(null);
  const { play, stop } = useAudition();
  const ready = state.status === 'ready' ? state : null;
  const layout = ready?.layout ?? null;
  const { colours, selected, visibleCount } = useMapColours(layout, colourBy);
  const selectedId = useLibraryStore((s) => s.selectedId);
  // The library's samples without a place on the map: queued, unreadable, or with no sound to compare.
  const offMap = layout ? Math.max(0, rows.size - layout.ids.length) : 0;
  const current = useMemo(() => (layout && selectedId !== null ? layout.ids.indexOf(selectedId) : -1), [layout, selectedId]);
  // Deferred: the points draw first, the labels (a pass over every point) follow in a render of their own.
  const labels = useMapLabels(useDeferredValue(layout));
  // The view fits the cloud itself (1st to 99th percentile), not the whole unit square round it.
  const cloud = useMemo(() => (layout ? cloudBox(layout.xy) : UNIT_BOX), [layout]);

  // Bring the map up to date when it opens and as analyses arrive; a layout in progress stops when the view closes.
  useEffect(() => {
    void map.refresh();
    const timer = setInterval(() => void map.refresh(), 5000);
    return () => {
      clearInterval(timer);
      map.cancel();
    };
  }, [map]);

  // Memoised: the canvas redraws its points only when the view object changes, not on every hover.
  const fitted = useMemo(() => (size.width > 0 ? fitViewport(size.width, size.height, cloud) : null), [size.width, size.height, cloud]);
  const view = viewport ?? fitted;
  useMapKeys({ layout, viewport: view, size, onViewport: setViewport });
  const hoveredId = hover && layout ? layout.ids[hover.index] : undefined;
  const hoveredRow = hoveredId !== undefined ? rows.get(hoveredId) : undefined;

  // Keyed by id, not by row: rows arriving from the analysis while the pointer rests must not replay it.
  const hoveredPlayable = hoveredRow?.status === 'done' ? hoveredId : undefined;
  useEffect(() => {
    if (hoveredPlayable === undefined) return;
    const timer = setTimeout(() => {
      const row = useLibraryStore.getState().rows.get(hoveredPlayable);
      if (row) play(row);
    }, HOVER_PLAY_MS);
    return () => clearTimeout(timer);
  }, [hoveredPlayable, play]);

  const onHover = useCallback((index: number, at: { x: number; y: number } | null) => {
    setHover((current) => (index < 0 || !at ? null : current?.index === index ? current : { index, at }));
  }, []);
  const onPick = useCallback(
    (index: number, modifiers: PickModifiers) => {
      const id = layout?.ids[index];
      if (id === undefined) return;
      useLibraryStore.getState().clickRow(id, { shift: modifiers.shift, toggle: modifiers.toggle });
    },
    [layout],
  );
  const onLasso = useCallback(
    (indices: number[]) => {
      if (!layout) return;
      const ids = indices.map((i) => layout.ids[i]!).filter((id) => rows.has(id));
      useLibraryStore.getState().selectMany(ids);
      setLassoCount(ids.length);
      setLasso(false);
    },
    [layout, rows],
  );
  const zoom = (factor: number): void => {
    if (view) setViewport(zoomAt(view, size.width, size.height, size.width / 2, size.height / 2, factor));
  };

  return (
    <section className="map-view" aria-label="Map of the library">
      <div className="map-toolbar" role="toolbar" aria-label="Map tools">
        <label className="map-colour">
          Colour by{' '}
          <select
            className="select"
            aria-label="Colour by"
            value={colourBy}
            onChange={(e) => useSettingsStore.getState().set({ mapColour: e.target.value as 'category' | 'key' })}
          >
            <option value="category">Category</option>
            <option value="key">Key</option>
          </select>
        </label>
        <button
          type="button"
          className={lasso ? 'toggle on' : 'toggle'}
          aria-pressed={lasso}
          onClick={() => setLasso(!lasso)}
          title="Draw around sounds to select them (or Shift-drag)"
        >
          Lasso
        </button>
        <button type="button" className="icon-button" aria-label="Zoom in" onClick={() => zoom(1.5)}>
          +
        </button>
        <button type="button" className="icon-button" aria-label="Zoom out" onClick={() => zoom(1 / 1.5)}>
          −
        </button>
        <button type="button" className="toggle" title="Fit every sound in the view" onClick={() => setViewport(null)}>
          Fit
        </button>
        <span className="cell-muted map-status" role="status" data-testid="map-status">
          {layout
            ? lassoCount !== null
              ? `${lassoCount} selected by the lasso: add them to a collection in the panel`
              : `${layout.ids.length} sounds${visibleCount < layout.ids.length ? `, ${visibleCount} match the filters` : ''}${offMap > 0 ? ` (${offMap} more unreadable, silent or not analysed yet)` : ''} · drag to pan, wheel to zoom, hover to listen, arrow keys to step`
            : ''}
        </span>
      </div>
      <div className="map-stage" onPointerLeave={() => stop()}>
        {state.status === 'computing' && (
          <div className="map-progress">
            <span>
              {STAGE_LABELS[state.stage]}… ({state.done} of {state.total})
            </span>
            <ProgressBar value={state.done} max={state.total} label="Laying out the map" />
          </div>
        )}
        {state.status === 'error' && (
          <p className="map-message" role="alert">
            The map could not be drawn: {state.message}
          </p>
        )}
        {layout && layout.ids.length === 0 && (
          <p className="map-message">No sound fingerprints yet: the map fills in as your samples are analysed.</p>
        )}
        {ready && view && (
          <MapCanvas
            layout={ready.layout}
            grid={ready.grid}
            colours={colours}
            selected={selected}
            current={current}
            hovered={hover?.index ?? -1}
            labels={labels}
            cloud={cloud}
            lasso={lasso}
            viewport={view}
            onViewport={setViewport}
            onHover={onHover}
            onPick={onPick}
            onLasso={onLasso}
            onSize={setSize}
          />
        )}
        {layout && !view && <MapSizer onSize={setSize} />}
        {hover && hoveredRow && <MapTooltip row={hoveredRow} at={hover.at} stage={size} playing={playingId === hoveredId} />}
      </div>
      {/* Under the map, not over it: the legend never hides a point, wherever the map is panned. */}
      {layout && <MapLegend by={colourBy} ids={layout.ids} />}
    </section>
  );
}

/** Measures the stage before the first draw, so the canvas starts with the map fitted. */
function MapSizer({ onSize }: { onSize(size: { width: number; height: number }): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const rect = ref.current!.getBoundingClientRect();
    onSize({ width: Math.floor(rect.width), height: Math.floor(rect.height) });
  }, [onSize]);
  return <div ref={ref} className="map-canvas" />;
}
