import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { pointsInPolygon, simplifyPath, type LassoPoint } from '../../domain/map/lasso';
import type { MapLayout } from '../../domain/map/mapLayout';
import { packRgba } from '../../domain/map/mapColours';
import type { PointGrid } from '../../domain/map/pointGrid';
import { mapDistance, panBy, toMap, zoomAt, type Viewport } from '../../domain/map/viewport';

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
  hovered: number;
  lasso: boolean;
  viewport: Viewport;
  onViewport(viewport: Viewport): void;
  onHover(index: number, at: { x: number; y: number } | null): void;
  onPick(index: number, modifiers: PickModifiers): void;
  onLasso(indices: number[]): void;
  onSize(size: { width: number; height: number }): void;
}

const BACKGROUND = packRgba('#0d1119');
const HIT_PIXELS = 8;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;

type Gesture = { kind: 'pan'; x: number; y: number; moved: number } | { kind: 'lasso'; path: LassoPoint[] };

/**
 * The map's points, drawn straight into an ImageData (100,000 points in a few ms), with pan
 * (drag), zoom (wheel), hover, click and lasso (Shift-drag, or drag in lasso mode).
 */
export function MapCanvas(props: MapCanvasProps) {
  const { layout, colours, selected, hovered, viewport } = props;
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
      onViewport(zoomAt(v, rect.width, rect.height, event.clientX - rect.left, event.clientY - rect.top, Math.exp(-event.deltaY * 0.0015)));
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
      const key = [layout, colours, viewport, size];
      if (!points.current || points.current.key.some((k, i) => k !== key[i])) {
        points.current = { key, image: drawPoints(ctx, canvas, size, layout, colours, viewport, points.current?.image) };
      }
      ctx.putImageData(points.current.image, 0, 0);
      drawOverlay(ctx, size, layout, selected, hovered, viewport, lassoPath);
    });
    return () => cancelAnimationFrame(frame);
  }, [size, layout, colours, selected, hovered, viewport, lassoPath]);

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
      aria-label={`Map of ${layout.ids.length} sounds: similar sounds lie close together`}
      role="img"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerLeave={() => gesture.current === null && props.onHover(-1, null)}
    />
  );
}

const dprOf = (): number => Math.min(2, window.devicePixelRatio || 1);
const dotOf = (count: number, scale: number): number => {
  // Points grow a little as the user zooms in, so clusters open up into distinct sounds; a small
  // library gets bigger dots from the start.
  const base = count < 5000 ? 3 : count < 30000 ? 2 : 1.5;
  return Math.max(1, Math.round(dprOf() * base * (scale >= 6 ? 2 : scale >= 2 ? 1.4 : 1)));
};

/** Where map coordinates land on the canvas, in device pixels, and how big a point is drawn. */
function projection(size: { width: number; height: number }, viewport: Viewport, count: number) {
  const dpr = dprOf();
  return {
    dpr,
    span: Math.min(size.width, size.height) * viewport.scale * dpr,
    ox: viewport.offsetX * dpr,
    oy: viewport.offsetY * dpr,
    dot: dotOf(count, viewport.scale),
  };
}

function prepareCanvas(canvas: HTMLCanvasElement, size: { width: number; height: number }): CanvasRenderingContext2D | null {
  const dpr = dprOf();
  const width = Math.round(size.width * dpr);
  const height = Math.round(size.height * dpr);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return canvas.getContext('2d');
}

/** Every point into one ImageData (reused when the size is the same), with plain stores: ~2 ms for 100k points. */
function drawPoints(
  ctx: CanvasRenderingContext2D,
  canvas: HTMLCanvasElement,
  size: { width: number; height: number },
  layout: MapLayout,
  colours: Uint32Array,
  viewport: Viewport,
  reuse: ImageData | undefined,
): ImageData {
  const { width, height } = canvas;
  const image = reuse && reuse.width === width && reuse.height === height ? reuse : ctx.createImageData(width, height);
  const pixels = new Uint32Array(image.data.buffer);
  pixels.fill(BACKGROUND);
  const { span, ox, oy, dot } = projection(size, viewport, layout.ids.length);
  const { xy } = layout;
  for (let i = 0; i < layout.ids.length; i++) {
    const px = Math.floor(ox + xy[2 * i]! * span);
    const py = Math.floor(oy + (1 - xy[2 * i + 1]!) * span);
    if (px < 0 || py < 0 || px + dot > width || py + dot > height) continue;
    const colour = colours[i]!;
    for (let dy = 0, row = py * width + px; dy < dot; dy++, row += width) for (let dx = 0; dx < dot; dx++) pixels[row + dx] = colour;
  }
  return image;
}

function drawOverlay(
  ctx: CanvasRenderingContext2D,
  size: { width: number; height: number },
  layout: MapLayout,
  selected: readonly number[],
  hovered: number,
  viewport: Viewport,
  lassoPath: LassoPoint[] | null,
): void {
  const { dpr, span, ox, oy, dot } = projection(size, viewport, layout.ids.length);
  const { xy } = layout;
  const ring = (index: number, radius: number, colour: string): void => {
    const x = ox + xy[2 * index]! * span + dot / 2;
    const y = oy + (1 - xy[2 * index + 1]!) * span + dot / 2;
    ctx.beginPath();
    ctx.arc(x, y, radius * dpr, 0, Math.PI * 2);
    ctx.strokeStyle = colour;
    ctx.stroke();
  };
  ctx.lineWidth = 1.5 * dpr;
  // Rings for a few thousand selected points at most: beyond that they would hide the map.
  for (const index of selected.slice(0, 2000)) ring(index, 4, '#ffffff');
  if (hovered >= 0) {
    ctx.lineWidth = 2 * dpr;
    ring(hovered, 7, '#7cc4ff');
  }
  if (lassoPath && lassoPath.length > 1) {
    ctx.beginPath();
    ctx.moveTo(lassoPath[0]!.x * dpr, lassoPath[0]!.y * dpr);
    for (const p of lassoPath) ctx.lineTo(p.x * dpr, p.y * dpr);
    ctx.closePath();
    ctx.setLineDash([6 * dpr, 4 * dpr]);
    ctx.strokeStyle = '#9f7bff';
    ctx.lineWidth = 1.5 * dpr;
    ctx.stroke();
    ctx.fillStyle = 'rgba(159, 123, 255, 0.08)';
    ctx.fill();
    ctx.setLineDash([]);
  }
}
