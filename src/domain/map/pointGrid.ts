/**
 * A uniform grid over the map's points for hit testing: hover on every mousemove, rectangle and
 * lasso queries. Points are bucketed by cell with a counting sort into two flat arrays (cell
 * starts and point indices), so building takes O(n) and a query looks only at nearby cells.
 */

export class PointGrid {
  private constructor(
    private readonly xy: Float32Array,
    /** Cells per side. */
    private readonly cells: number,
    private readonly minX: number,
    private readonly minY: number,
    private readonly cellWidth: number,
    private readonly cellHeight: number,
    /** Points of cell c are order[cellStart[c] .. cellStart[c + 1]). */
    private readonly cellStart: Int32Array,
    private readonly order: Int32Array,
  ) {}

  /**
   * Indexes xy (n × 2, any range). `cells` per side defaults to about one cell per two points,
   * at most 1024 × 1024; clustered maps still work, only dense cells hold more.
   */
  static build(xy: Float32Array, cells?: number): PointGrid {
    const count = Math.floor(xy.length / 2);
    const side = Math.max(1, Math.min(1024, Math.floor(cells ?? Math.sqrt(count / 2))));
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < count; i++) {
      const [x, y] = [xy[2 * i]!, xy[2 * i + 1]!];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
    if (minX > maxX) [minX, minY, maxX, maxY] = [0, 0, 1, 1];
    // A zero-width extent (all points on one line) still needs cells of some size.
    const cellWidth = (maxX - minX || 1) / side;
    const cellHeight = (maxY - minY || 1) / side;
    const cellOf = new Int32Array(count);
    const cellStart = new Int32Array(side * side + 1);
    for (let i = 0; i < count; i++) {
      const [x, y] = [xy[2 * i]!, xy[2 * i + 1]!];
      const finite = Number.isFinite(x) && Number.isFinite(y);
      cellOf[i] = finite ? clampCell((y - minY) / cellHeight, side) * side + clampCell((x - minX) / cellWidth, side) : -1;
      if (finite) cellStart[cellOf[i]! + 1]!++;
    }
    for (let c = 0; c < side * side; c++) cellStart[c + 1]! += cellStart[c]!;
    const next = cellStart.slice(0, side * side);
    const order = new Int32Array(cellStart[side * side]!);
    for (let i = 0; i < count; i++) if (cellOf[i]! >= 0) order[next[cellOf[i]!]!++] = i;
    return new PointGrid(xy, side, minX, minY, cellWidth, cellHeight, cellStart, order);
  }

  /** How many points can be found (those with finite coordinates). */
  get size(): number {
    return this.order.length;
  }

  /** Index of the point nearest (x, y) within maxDistance (inclusive), or -1; ties go to the lower index. */
  nearest(x: number, y: number, maxDistance = Infinity): number {
    if (this.order.length === 0 || !(maxDistance >= 0)) return -1;
    const { cells, minX, minY, cellWidth, cellHeight } = this;
    const cx = clampCell((x - minX) / cellWidth, cells);
    const cy = clampCell((y - minY) / cellHeight, cells);
    let best = -1;
    let bestSquared = maxDistance * maxDistance;
    const visit = (column: number, row: number): void => {
      const cell = row * cells + column;
      for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
        const i = this.order[k]!;
        const squared = (this.xy[2 * i]! - x) ** 2 + (this.xy[2 * i + 1]! - y) ** 2;
        if (squared < bestSquared || (squared === bestSquared && (best === -1 || i < best))) [best, bestSquared] = [i, squared];
      }
    };
    // Rings of cells around (cx, cy), nearest first, until no unseen cell can hold anything closer.
    for (let ring = 0; ring < cells; ring++) {
      const [x0, x1, y0, y1] = [cx - ring, cx + ring, cy - ring, cy + ring];
      for (let row = Math.max(0, y0); row <= Math.min(cells - 1, y1); row++) {
        if (row === y0 || row === y1) {
          for (let column = Math.max(0, x0); column <= Math.min(cells - 1, x1); column++) visit(column, row);
        } else {
          if (x0 >= 0) visit(x0, row);
          if (x1 < cells) visit(x1, row);
        }
      }
      // Everything beyond this ring lies outside the box of cells [x0, x1] × [y0, y1].
      const gap = Math.min(
        x - (minX + x0 * cellWidth),
        minX + (x1 + 1) * cellWidth - x,
        y - (minY + y0 * cellHeight),
        minY + (y1 + 1) * cellHeight - y,
      );
      if (gap > 0 && gap * gap > bestSquared) break;
    }
    return best;
  }

  /** Indices of the points inside the rectangle (edges included, corners in any order), ascending. */
  inRect(x0: number, y0: number, x1: number, y1: number): number[] {
    const [left, right, bottom, top] = [Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)];
    const { cells, minX, minY, cellWidth, cellHeight } = this;
    const found: number[] = [];
    if (this.order.length === 0 || !(left <= right && bottom <= top)) return found;
    const [c0, c1] = [clampCell((left - minX) / cellWidth, cells), clampCell((right - minX) / cellWidth, cells)];
    const [r0, r1] = [clampCell((bottom - minY) / cellHeight, cells), clampCell((top - minY) / cellHeight, cells)];
    for (let row = r0; row <= r1; row++) {
      for (let cell = row * cells + c0; cell <= row * cells + c1; cell++) {
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
          const i = this.order[k]!;
          const [x, y] = [this.xy[2 * i]!, this.xy[2 * i + 1]!];
          if (x >= left && x <= right && y >= bottom && y <= top) found.push(i);
        }
      }
    }
    return found.sort((a, b) => a - b);
  }
}

/** The cell a scaled coordinate falls in, points on or past the far edge in the last cell. */
function clampCell(scaled: number, cells: number): number {
  return Math.min(cells - 1, Math.max(0, Math.floor(scaled)));
}
