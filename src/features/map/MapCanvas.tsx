import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { pointsInPolygon, simplifyPath, type LassoPoint } from '../../domain/map/lasso';
import type { MapLayout } from '../../domain/map/mapLayout';
import type { PointGrid } from '../../domain/map/pointGrid';
import { mapDistance, panBy, toMap, wheelZoomFactor, zoomAt, type MapBox, type Viewport } from '../../domain/map/viewport';
import { drawOverlay, drawPoints, prepareCanvas } from './mapDrawing';
import type { MapLabel } from './useMapLabels';

export interface PickModifiers {
  shift: boolean;
  toggle: boolean;
}

interface MapCanvasProps {
  layout: MapLayout;
  grid: PointGrid;
  /** Packed RGBA per layout point (see packRgba), dimmed for points outside the filters. */
  colours: Uint32Array;
  /** Layout indices drawn with a ring. */
  selected: readonly number[];
  /** The layout index of the sample the detail panel shows (drawn so it stands out), or -1. */
  current: number;
  hovered: number;
  /** Where category names go (map coordinates, biggest cluster first); those that overlap are left out. */
  labels: readonly MapLabel[];
  /** The box the view fits, whose area sets the dot size. */
  cloud: MapBox;
  lasso: boolean;
  viewport: Viewport;
  onViewport(viewport: Viewport): void;
  onHover(index: number, at: { x: number; y: number } | null): void;
  onPick(index: number, modifiers: PickModifiers): void;
  onLasso(indices: number[]): void;
  onSize(size: { width: number; height: number }): void;
}

const HIT_PIXELS = 8;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;

type Gesture = { kind: 'pan'; x: number; y: number; moved: number } | { kind: 'lasso'; path: LassoPoint[] };

/**
 * The map's points, drawn straight into an ImageData (100,000 points in a few ms), with pan
 * (drag), zoom (wheel, round the pointer), hover, click and lasso (Shift-drag, or drag in lasso mode).
 */
export function MapCanvas(props: MapCanvasProps) {
  const { layout, colours, selected, current, hovered, labels, cloud, viewport } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [lassoPath, setLassoPath] = useState<LassoPoint[] | null>(null);
  const gesture = useRef<Gesture | null>(null);
  // The wheel and resize listeners are attached once; they read the latest props from here.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const canvas = canvasRef.current!;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      setSize({ width: Math.floor(width), height: Math.floor(height) });
      latest.current.onSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(canvas);
    // Wheel zoom needs a non-passive listener to keep the page from scrolling.
    const wheel = (event: WheelEvent): void => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const { viewport: v, onViewport } = latest.current;
      const factor = wheelZoomFactor(event.deltaY, event.deltaMode, event.ctrlKey);
      onViewport(zoomAt(v, rect.width, rect.height, event.clientX - rect.left, event.clientY - rect.top, factor));
    };
    canvas.addEventListener('wheel', wheel, { passive: false });
    return () => {
      observer.disconnect();
      canvas.removeEventListener('wheel', wheel);
    };
  }, []);

  // The points are drawn once per layout, colouring, view and size; hover, selection and the
  // lasso are drawn over that kept image (a hover costs well under a millisecond, not a full draw).
  const points = useRef<{ key: unknown[]; image: ImageData } | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0 || size.height === 0) return;
    const frame = requestAnimationFrame(() => {
      const ctx = prepareCanvas(canvas, size);
      if (!ctx) return;
      const key = [layout, colours, viewport, size, cloud];
      if (!points.current || points.current.key.some((k, i) => k !== key[i])) {
        points.current = { key, image: drawPoints(ctx, size, layout, colours, viewport, cloud, points.current?.image) };
      }
      ctx.putImageData(points.current.image, 0, 0);
      drawOverlay(ctx, size, layout, viewport, cloud, points.current.image, { selected, current, hovered, labels, lassoPath });
    });
    return () => cancelAnimationFrame(frame);
  }, [size, layout, colours, selected, current, hovered, labels, cloud, viewport, lassoPath]);

  const local = (event: ReactPointerEvent): { x: number; y: number } => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const pick = (at: { x: number; y: number }): number => {
    const m = toMap(viewport, size.width, size.height, at.x, at.y);
    return props.grid.nearest(m.x, m.y, mapDistance(viewport, size.width, size.height, HIT_PIXELS));
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = local(event);
    gesture.current = props.lasso || event.shiftKey ? { kind: 'lasso', path: [at] } : { kind: 'pan', ...at, moved: 0 };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    const at = local(event);
    const g = gesture.current;
    if (g?.kind === 'pan') {
      const dx = at.x - g.x;
      const dy = at.y - g.y;
      gesture.current = { kind: 'pan', ...at, moved: g.moved + Math.abs(dx) + Math.abs(dy) };
      if (g.moved + Math.abs(dx) + Math.abs(dy) > CLICK_SLOP) props.onViewport(panBy(viewport, dx, dy));
      return;
    }
    if (g?.kind === 'lasso') {
      g.path.push(at);
      setLassoPath([...g.path]);
      return;
    }
    const index = pick(at);
    props.onHover(index, index >= 0 ? at : null);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    const g = gesture.current;
    gesture.current = null;
    if (g?.kind === 'pan' && g.moved <= CLICK_SLOP) {
      const index = pick(local(event));
      if (index >= 0) props.onPick(index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    } else if (g?.kind === 'lasso') {
      setLassoPath(null);
      if (g.path.length >= 3) {
        const polygon = simplifyPath(g.path, 2).map((p) => toMap(viewport, size.width, size.height, p.x, p.y));
        props.onLasso(pointsInPolygon(layout.xy, polygon, props.grid));
      }
    }
  };

  return (
    <canvas
      ref={canvasRef}
      className={props.lasso ? 'map-canvas lasso' : 'map-canvas'}
      data-testid="map-canvas"
      aria-label={`Map of ${layout.ids.length} sounds: similar sounds lie close together. The arrow keys move to the nearest sound that way.`}
      aria-roledescription="sound map"
      // Focusable, so the keyboard can be seen to be on the map (its arrow keys are the map's: useMapKeys).
      role="application"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerLeave={() => gesture.current === null && props.onHover(-1, null)}
    />
  );
}
