/**
 * Category names written on the map, one at the heart of each category's main cluster, so the
 * user sees where the kicks are without hovering. Anchors are found once per layout (map
 * coordinates); which of them fit is decided on every draw, on screen.
 */

export interface LabelAnchor {
  category: string;
  /** Map coordinates: the median of the points in the category's densest neighbourhood. */
  x: number;
  y: number;
  /** Points of the category in that neighbourhood (the label's priority). */
  count: number;
}

export interface AnchorOptions {
  /** Grid cells per side over the cloud for finding each category's densest spot (default 16). */
  cells?: number;
  /** Fewest points a cluster needs for a label (default 4, or 0.5 % of the points if more). */
  minPoints?: number;
}

/**
 * One anchor per category with a cluster of at least minPoints: the densest 3 × 3 block of grid
 * cells for that category (a category split in two clusters is labelled at the bigger one, not
 * in the empty space between them), at the median of its points there. Largest cluster first.
 */
export function categoryAnchors(xy: Float32Array, categoryOf: readonly (string | null)[], options: AnchorOptions = {}): LabelAnchor[] {
  const count = Math.min(categoryOf.length, Math.floor(xy.length / 2));
  const cells = Math.max(1, Math.floor(options.cells ?? 16));
  const minPoints = options.minPoints ?? Math.max(4, Math.ceil(count * 0.005));
  // Categories as small integers and the grid cell of every point, in flat typed arrays: this runs over 100,000 points.
  const names: string[] = [];
  const codes = new Map<string, number>();
  const codeOf = new Int32Array(count).fill(-1);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const category = categoryOf[i];
    if (category == null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    let code = codes.get(category);
    if (code === undefined) codes.set(category, (code = names.push(category) - 1));
    codeOf[i] = code;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (names.length === 0) return [];
  const [cellWidth, cellHeight] = [(maxX - minX || 1) / cells, (maxY - minY || 1) / cells];
  const cellOf = new Int32Array(count);
  const histogram = new Int32Array(names.length * cells * cells);
  for (let i = 0; i < count; i++) {
    if (codeOf[i]! < 0) continue;
    const column = Math.min(cells - 1, Math.floor((xy[2 * i]! - minX) / cellWidth));
    const row = Math.min(cells - 1, Math.floor((xy[2 * i + 1]! - minY) / cellHeight));
    cellOf[i] = row * cells + column;
    histogram[codeOf[i]! * cells * cells + cellOf[i]!]!++;
  }
  // Each category's densest 3 × 3 block of cells, by its centre cell (-1: too few points for a label).
  const blockOf = new Int32Array(names.length).fill(-1);
  names.forEach((_, code) => {
    const base = code * cells * cells;
    let best = 0;
    for (let row = 0; row < cells; row++)
      for (let column = 0; column < cells; column++) {
        if (histogram[base + row * cells + column] === 0) continue;
        let sum = 0;
        for (let r = Math.max(0, row - 1); r <= Math.min(cells - 1, row + 1); r++)
          for (let c = Math.max(0, column - 1); c <= Math.min(cells - 1, column + 1); c++) sum += histogram[base + r * cells + c]!;
        if (sum > best) [best, blockOf[code]] = [sum, row * cells + column];
      }
    if (best < minPoints) blockOf[code] = -1;
  });
  const members = names.map(() => ({ xs: [] as number[], ys: [] as number[] }));
  for (let i = 0; i < count; i++) {
    const code = codeOf[i]!;
    const block = code >= 0 ? blockOf[code]! : -1;
    if (block < 0) continue;
    const cell = cellOf[i]!;
    if (Math.abs((cell % cells) - (block % cells)) > 1 || Math.abs(Math.floor(cell / cells) - Math.floor(block / cells)) > 1) continue;
    members[code]!.xs.push(xy[2 * i]!);
    members[code]!.ys.push(xy[2 * i + 1]!);
  }
  return names
    .map((category, code) => ({ category, x: median(members[code]!.xs), y: median(members[code]!.ys), count: members[code]!.xs.length }))
    .filter((anchor) => anchor.count > 0)
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
}

function median(list: number[]): number {
  const values = Float64Array.from(list).sort();
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** A label on screen: centred on (x, y), width × height pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a label may go, tried in turn: on its anchor, just above it, just below it (in label heights). */
const SHIFTS = [0, -1, 1];

/**
 * The labels that can be drawn, in priority order: each lies wholly inside the canvas and at least
 * `gap` px from every label placed before it. Of its positions (on the anchor, just above, just
 * below) it takes the free one that covers least (`cover`, e.g. the dots under it; the first on a
 * tie); a label with no free position is left out, never moved farther from its cluster.
 */
export function placeLabels<T extends LabelBox>(
  candidates: readonly T[],
  width: number,
  height: number,
  gap = 4,
  cover: (left: number, top: number, width: number, height: number) => number = () => 0,
): T[] {
  const placed: T[] = [];
  for (const label of candidates) {
    let best: { label: T; covered: number } | null = null;
    for (const shift of SHIFTS) {
      const y = label.y + shift * label.height;
      const [left, top] = [label.x - label.width / 2, y - label.height / 2];
      if (left < 0 || top < 0 || left + label.width > width || top + label.height > height) continue;
      const clear = placed.every(
        (other) =>
          Math.abs(other.x - label.x) >= (other.width + label.width) / 2 + gap ||
          Math.abs(other.y - y) >= (other.height + label.height) / 2 + gap,
      );
      if (!clear) continue;
      const covered = cover(left, top, label.width, label.height);
      if (!best || covered < best.covered) best = { label: { ...label, y }, covered };
      if (covered === 0) break;
    }
    if (best) placed.push(best.label);
  }
  return placed;
}

/** How many pixels of a box (clipped to the image) differ from the background: the dots a label would cover. */
export function litPixels(
  image: { pixels: Uint32Array; width: number; background: number },
  left: number,
  top: number,
  width: number,
  height: number,
): number {
  const { pixels, background } = image;
  const rows = Math.floor(pixels.length / image.width);
  const [x0, y0] = [Math.max(0, Math.floor(left)), Math.max(0, Math.floor(top))];
  const [x1, y1] = [Math.min(image.width, Math.ceil(left + width)), Math.min(rows, Math.ceil(top + height))];
  let lit = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (pixels[y * image.width + x] !== background) lit++;
  return lit;
}
