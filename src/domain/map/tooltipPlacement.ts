export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** How far the tooltip sits from the pointer (clear of the hover ring), and from the stage's edges. */
export const TOOLTIP_OFFSET: Point = { x: 14, y: 10 };
export const TOOLTIP_INSET = 4;

/**
 * Where a tooltip of size `tip` goes for the pointer at `at` (stage pixels): below and right of
 * the pointer, flipped to its left or above it where it would cross the stage's right or bottom
 * edge, and kept inside the stage either way.
 */
export function placeTooltip(at: Point, tip: Size, stage: Size): { left: number; top: number } {
  return {
    left: placeAlong(at.x, tip.width, stage.width, TOOLTIP_OFFSET.x),
    top: placeAlong(at.y, tip.height, stage.height, TOOLTIP_OFFSET.y),
  };
}

function placeAlong(pointer: number, length: number, room: number, offset: number): number {
  const after = pointer + offset;
  const start = after + length <= room - TOOLTIP_INSET ? after : pointer - offset - length;
  // A tooltip longer than the stage starts at its edge (its start, the name, stays readable).
  return Math.max(TOOLTIP_INSET, Math.min(start, room - TOOLTIP_INSET - length));
}
