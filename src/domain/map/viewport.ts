/**
 * Where the map's unit square sits on screen: `size = min(width, height) * scale` pixels across,
 * its corner at (offsetX, offsetY). Map y grows upward, screen y downward.
 */
export interface Viewport {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export const MIN_SCALE = 0.5;
export const MAX_SCALE = 64;

/** The margin "Fit" leaves round the map, as a share of the canvas's shorter side... */
export const FIT_MARGIN_SHARE = 0.07;
/** ...and at least this many pixels: a point's dot and its hover ring (7 px) stay clear of the edge. */
export const FIT_MARGIN_MIN_PIXELS = 12;

/** The whole map centred in a width × height canvas, a margin all round it. */
export function fitViewport(width: number, height: number): Viewport {
  const side = Math.min(width, height);
  // Never more than a quarter of the side: a tiny canvas still shows the map at half its size.
  const margin = Math.min(side / 4, Math.max(FIT_MARGIN_MIN_PIXELS, side * FIT_MARGIN_SHARE));
  const size = side - 2 * margin;
  return { scale: side > 0 ? size / side : 1, offsetX: (width - size) / 2, offsetY: (height - size) / 2 };
}

const sizeOf = (v: Viewport, width: number, height: number): number => Math.min(width, height) * v.scale;

export function toScreen(v: Viewport, width: number, height: number, x: number, y: number): { x: number; y: number } {
  const size = sizeOf(v, width, height);
  return { x: v.offsetX + x * size, y: v.offsetY + (1 - y) * size };
}

export function toMap(v: Viewport, width: number, height: number, sx: number, sy: number): { x: number; y: number } {
  const size = sizeOf(v, width, height);
  return { x: (sx - v.offsetX) / size, y: 1 - (sy - v.offsetY) / size };
}

/** Zooms by `factor` keeping the map point under (sx, sy) where it is. */
export function zoomAt(v: Viewport, width: number, height: number, sx: number, sy: number, factor: number): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const applied = scale / v.scale;
  return { scale, offsetX: sx - (sx - v.offsetX) * applied, offsetY: sy - (sy - v.offsetY) * applied };
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy };
}

/** A map distance of `pixels` on screen (hit-testing radius). */
export function mapDistance(v: Viewport, width: number, height: number, pixels: number): number {
  return pixels / sizeOf(v, width, height);
}
