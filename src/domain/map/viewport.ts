/**
 * Where the map's unit square sits on screen: `size = min(width, height) * scale` pixels across,
 * its corner at (offsetX, offsetY). Map y grows upward, screen y downward. A turned view shows the
 * map a quarter turn round (map x down the screen, map y across it): a layout's axes mean nothing,
 * so a tall cloud is turned to fill a wide canvas instead of leaving two thirds of it empty.
 */
export interface Viewport {
  scale: number;
  offsetX: number;
  offsetY: number;
  turned: boolean;
}

/** A rectangle of map coordinates. */
export interface MapBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const UNIT_BOX: MapBox = { minX: 0, minY: 0, maxX: 1, maxY: 1 };

export const MIN_SCALE = 0.5;
export const MAX_SCALE = 64;

/** The margin "Fit" leaves round the cloud, as a share of the canvas's shorter side... */
export const FIT_MARGIN_SHARE = 0.04;
/** ...and at least this many pixels: a point's dot and its hover ring (7 px) stay clear of the edge. */
export const FIT_MARGIN_MIN_PIXELS = 16;
/** A box this thin (one point, a line) is widened to it: the fit never zooms into a single dot. */
const MIN_BOX_SIDE = 0.1;
/** Turned only when that shows the cloud this much bigger: a near tie keeps the layout's own orientation. */
const TURN_GAIN = 1.1;

/**
 * The box (default the whole unit square) centred in a width × height canvas as large as it fits
 * with a margin all round, turned where that makes it clearly larger.
 */
export function fitViewport(width: number, height: number, box: MapBox = UNIT_BOX): Viewport {
  const side = Math.min(width, height);
  if (!(side > 0)) return { scale: 1, offsetX: 0, offsetY: 0, turned: false };
  // Never more than a quarter of the side: a tiny canvas still shows the map at half its size.
  const margin = Math.min(side / 4, Math.max(FIT_MARGIN_MIN_PIXELS, side * FIT_MARGIN_SHARE));
  const [cx, cy] = [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
  const [bw, bh] = [Math.max(MIN_BOX_SIDE, box.maxX - box.minX), Math.max(MIN_BOX_SIDE, box.maxY - box.minY)];
  const [roomX, roomY] = [width - 2 * margin, height - 2 * margin];
  const straight = Math.min(roomX / bw, roomY / bh);
  const turnedSize = Math.min(roomX / bh, roomY / bw);
  const turned = turnedSize > straight * TURN_GAIN;
  const size = turned ? turnedSize : straight;
  // The box's centre lands on the canvas's centre (see toScreen for where map x and y go).
  return turned
    ? { scale: size / side, offsetX: width / 2 - cy * size, offsetY: height / 2 - cx * size, turned }
    : { scale: size / side, offsetX: width / 2 - cx * size, offsetY: height / 2 - (1 - cy) * size, turned };
}

/**
 * screen = (x0 + xx·mapX + xy·mapY, y0 + yx·mapX + yy·mapY), in pixels times `pixelRatio`: one
 * form for both orientations, cheap enough for the draw loop over every point.
 */
export interface ScreenTransform {
  x0: number;
  xx: number;
  xy: number;
  y0: number;
  yx: number;
  yy: number;
}

export function screenTransform(v: Viewport, width: number, height: number, pixelRatio = 1): ScreenTransform {
  const size = sizeOf(v, width, height) * pixelRatio;
  const [ox, oy] = [v.offsetX * pixelRatio, v.offsetY * pixelRatio];
  return v.turned ? { x0: ox, xx: 0, xy: size, y0: oy, yx: size, yy: 0 } : { x0: ox, xx: size, xy: 0, y0: oy + size, yx: 0, yy: -size };
}

/** Pixels per map unit. */
export const sizeOf = (v: Viewport, width: number, height: number): number => Math.min(width, height) * v.scale;

export function toScreen(v: Viewport, width: number, height: number, x: number, y: number): { x: number; y: number } {
  const t = screenTransform(v, width, height);
  return { x: t.x0 + t.xx * x + t.xy * y, y: t.y0 + t.yx * x + t.yy * y };
}

export function toMap(v: Viewport, width: number, height: number, sx: number, sy: number): { x: number; y: number } {
  const size = sizeOf(v, width, height);
  const [u, w] = [(sx - v.offsetX) / size, (sy - v.offsetY) / size];
  return v.turned ? { x: w, y: u } : { x: u, y: 1 - w };
}

/** A direction on screen (pixels, y down) as a direction in map coordinates. */
export function mapDirection(v: Viewport, dx: number, dy: number): { x: number; y: number } {
  return v.turned ? { x: dy, y: dx } : { x: dx, y: -dy };
}

/** Zooms by `factor` keeping the map point under (sx, sy) where it is. */
export function zoomAt(v: Viewport, width: number, height: number, sx: number, sy: number, factor: number): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const applied = scale / v.scale;
  return { ...v, scale, offsetX: sx - (sx - v.offsetX) * applied, offsetY: sy - (sy - v.offsetY) * applied };
}

/** Zoom per pixel of wheel travel: 100 px (one notch of most mice) is about 1.17×. */
const WHEEL_ZOOM_PER_PIXEL = 0.0016;
/**
 * One event zooms at most this much wheel travel: a fast spin arrives as a few large events, and
 * browsers differ (100 to 300 px a notch), so no single event jumps more than about 1.2×.
 */
const WHEEL_MAX_PIXELS = 120;
/** Pixels per line and per page, for wheels that report in those units (Firefox). */
const LINE_PIXELS = 40;
const PAGE_PIXELS = 800;

/**
 * The zoom factor of one wheel event (factor > 1 zooms in). A trackpad pinch arrives as small
 * deltas with ctrlKey set, so it counts more per pixel to feel direct.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0, ctrlKey = false): number {
  const pixels = deltaY * (deltaMode === 1 ? LINE_PIXELS : deltaMode === 2 ? PAGE_PIXELS : 1) * (ctrlKey ? 4 : 1);
  const travel = Math.max(-WHEEL_MAX_PIXELS, Math.min(WHEEL_MAX_PIXELS, pixels));
  return Number.isFinite(travel) ? Math.exp(-travel * WHEEL_ZOOM_PER_PIXEL) : 1;
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy };
}

/**
 * The view panned just enough that map point (x, y) lies at least `margin` px inside the canvas
 * (unchanged when it already does): keyboard moves across the map never select an unseen point.
 */
export function panToShow(v: Viewport, width: number, height: number, x: number, y: number, margin: number): Viewport {
  const at = toScreen(v, width, height, x, y);
  const shift = (p: number, extent: number): number => {
    const m = Math.min(margin, extent / 2);
    return p < m ? m - p : p > extent - m ? extent - m - p : 0;
  };
  const [dx, dy] = [shift(at.x, width), shift(at.y, height)];
  return dx === 0 && dy === 0 ? v : panBy(v, dx, dy);
}

/** A map distance of `pixels` on screen (hit-testing radius). */
export function mapDistance(v: Viewport, width: number, height: number, pixels: number): number {
  return pixels / sizeOf(v, width, height);
}
