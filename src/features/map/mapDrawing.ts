import { formatCategory } from '../../domain/format';
import type { LassoPoint } from '../../domain/map/lasso';
import { boxArea, discSpans, dotDiameter } from '../../domain/map/mapCloud';
import { packRgba } from '../../domain/map/mapColours';
import { litPixels, placeLabels } from '../../domain/map/mapLabels';
import type { MapLayout } from '../../domain/map/mapLayout';
import type { MapLabel } from './useMapLabels';
import { screenTransform, sizeOf, type MapBox, type ScreenTransform, type Viewport } from '../../domain/map/viewport';

export interface CanvasSize {
  width: number;
  height: number;
}

const BACKGROUND = packRgba('#0d1119');

export const dprOf = (): number => Math.min(2, window.devicePixelRatio || 1);

/** Where map coordinates land on the canvas, in device pixels, and the dot drawn there. */
interface Projection {
  dpr: number;
  t: ScreenTransform;
  /** Dot diameter in device pixels, and its row spans (see discSpans). */
  dot: number;
  spans: Int32Array;
}

const spansBySize = new Map<number, Int32Array>();

function projection(size: CanvasSize, viewport: Viewport, count: number, cloud: MapBox): Projection {
  const dpr = dprOf();
  const dot = Math.max(1, Math.round(dpr * dotDiameter(count, boxArea(cloud), sizeOf(viewport, size.width, size.height))));
  let spans = spansBySize.get(dot);
  if (!spans) spansBySize.set(dot, (spans = discSpans(dot)));
  return { dpr, t: screenTransform(viewport, size.width, size.height, dpr), dot, spans };
}

export function prepareCanvas(canvas: HTMLCanvasElement, size: CanvasSize): CanvasRenderingContext2D | null {
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
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  size: CanvasSize,
  layout: MapLayout,
  colours: Uint32Array,
  viewport: Viewport,
  cloud: MapBox,
  reuse: ImageData | undefined,
): ImageData {
  const { width, height } = ctx.canvas;
  const image = reuse && reuse.width === width && reuse.height === height ? reuse : ctx.createImageData(width, height);
  const pixels = new Uint32Array(image.data.buffer);
  pixels.fill(BACKGROUND);
  const { t, dot, spans } = projection(size, viewport, layout.ids.length, cloud);
  const { xy } = layout;
  // Centred on the point: the hover ring and hit-testing agree with the dot, however big it is.
  const x0 = t.x0 - dot / 2;
  const y0 = t.y0 - dot / 2;
  const { xx, yx, yy } = t;
  const xFromY = t.xy;
  const square = spans[0] === 0;
  // The hot loop: plain locals, no destructuring (100,000 points on every frame of a pan).
  for (let i = 0; i < layout.ids.length; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const px = Math.floor(x0 + xx * x + xFromY * y);
    const py = Math.floor(y0 + yx * x + yy * y);
    if (!(px >= 0 && py >= 0 && px + dot <= width && py + dot <= height)) continue;
    const colour = colours[i]!;
    for (let r = 0, row = py * width + px; r < dot; r++, row += width) {
      // Small dots are squares: a fixed run, without looking the row's span up.
      if (square) for (let c = row, end = row + dot; c < end; c++) pixels[c] = colour;
      else for (let c = row + spans[2 * r]!, end = row + spans[2 * r + 1]!; c < end; c++) pixels[c] = colour;
    }
  }
  return image;
}

export interface Overlay {
  selected: readonly number[];
  /** The sample the detail panel shows, or -1. */
  current: number;
  hovered: number;
  labels: readonly MapLabel[];
  lassoPath: LassoPoint[] | null;
}

/** Category labels, selection and hover rings and the lasso, over the points (`points`, the image drawPoints made). */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  size: CanvasSize,
  layout: MapLayout,
  viewport: Viewport,
  cloud: MapBox,
  points: ImageData,
  { selected, current, hovered, labels, lassoPath }: Overlay,
): void {
  const { dpr, t } = projection(size, viewport, layout.ids.length, cloud);
  const { xy } = layout;
  const ring = (index: number, radius: number, colour: string): void => {
    const [x, y] = [xy[2 * index]!, xy[2 * index + 1]!];
    ctx.beginPath();
    ctx.arc(t.x0 + t.xx * x + t.xy * y, t.y0 + t.yx * x + t.yy * y, radius * dpr, 0, Math.PI * 2);
    ctx.strokeStyle = colour;
    ctx.stroke();
  };
  ctx.lineWidth = 1.5 * dpr;
  // Rings for a few thousand selected points at most: beyond that they would hide the map.
  for (const index of selected.slice(0, 2000)) ring(index, 5.5, '#ffffff');
  if (current >= 0) {
    // The sound the panel shows and the keyboard moves from: a thick ring on a dark halo, seen on
    // any colour and through a label (a thin white ring was lost among the points).
    ctx.lineWidth = 5 * dpr;
    ring(current, 10, 'rgba(13, 17, 25, 0.85)');
    ctx.lineWidth = 2.5 * dpr;
    ring(current, 10, '#ffffff');
    ctx.lineWidth = 1.5 * dpr;
  }
  // Labels over the selection rings: a ring drawn over "snare" made it read "s◎are".
  drawLabels(ctx, dpr, t, labels, points);
  if (hovered >= 0) {
    ctx.lineWidth = 2 * dpr;
    ring(hovered, 8, '#7cc4ff');
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

const LABEL_FONT_PX = 11.5;

/** A label drawn once into a small canvas of its own: stroking text costs far more than copying it, on every frame of a pan. */
interface LabelSprite {
  canvas: HTMLCanvasElement;
  width: number;
  height: number;
}

const sprites = new Map<string, LabelSprite>();

function labelSprite(text: string, dpr: number, faded: boolean): LabelSprite {
  const key = `${text}|${dpr}|${faded}`;
  const cached = sprites.get(key);
  if (cached) return cached;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  const font = `600 ${LABEL_FONT_PX * dpr}px system-ui, -apple-system, 'Segoe UI', sans-serif`;
  ctx.font = font;
  const sprite = { canvas, width: Math.ceil(ctx.measureText(text).width + 6 * dpr), height: Math.ceil((LABEL_FONT_PX + 5) * dpr) };
  [canvas.width, canvas.height] = [sprite.width, sprite.height];
  // Resizing the canvas reset its state.
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * dpr;
  ctx.strokeStyle = 'rgba(13, 17, 25, 0.8)';
  // A category the filters leave out fades with its points.
  ctx.fillStyle = faded ? 'rgba(226, 232, 240, 0.3)' : 'rgba(226, 232, 240, 0.82)';
  ctx.strokeText(text, sprite.width / 2, sprite.height / 2);
  ctx.fillText(text, sprite.width / 2, sprite.height / 2);
  sprites.set(key, sprite);
  return sprite;
}

/** Each cluster's name where it fits on screen, biggest clusters first; quiet text on a dark halo so the dots stay the figure. */
function drawLabels(ctx: CanvasRenderingContext2D, dpr: number, t: ScreenTransform, anchors: readonly MapLabel[], points: ImageData): void {
  const candidates = anchors.map((anchor) => {
    const sprite = labelSprite(formatCategory(anchor.category), dpr, anchor.faded);
    const [x, y] = [t.x0 + t.xx * anchor.x + t.xy * anchor.y, t.y0 + t.yx * anchor.x + t.yy * anchor.y];
    return { sprite, x, y, width: sprite.width, height: sprite.height };
  });
  const image = { pixels: new Uint32Array(points.data.buffer), width: points.width, background: BACKGROUND };
  const cover = (left: number, top: number, width: number, height: number): number => litPixels(image, left, top, width, height);
  for (const label of placeLabels(candidates, ctx.canvas.width, ctx.canvas.height, 4 * dpr, cover)) {
    ctx.drawImage(label.sprite.canvas, Math.round(label.x - label.width / 2), Math.round(label.y - label.height / 2));
  }
}
