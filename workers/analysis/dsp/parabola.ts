/**
 * Where the vertex of the parabola through three equally spaced values lies, in steps from the
 * middle one (-1..1): a peak or a dip found on a grid, placed between its points. 0 where the
 * three are in a straight line.
 */
export function parabolicVertexOffset(before: number, at: number, after: number): number {
  const curvature = before - 2 * at + after;
  if (curvature === 0) return 0;
  return Math.max(-1, Math.min(1, (0.5 * (before - after)) / curvature));
}
