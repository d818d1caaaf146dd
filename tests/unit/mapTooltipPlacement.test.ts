import { describe, expect, it } from 'vitest';
import { placeTooltip, TOOLTIP_INSET, TOOLTIP_OFFSET } from '../../src/domain/map/tooltipPlacement';

const stage = { width: 800, height: 500 };
const tip = { width: 120, height: 52 };

describe('map tooltip placement', () => {
  it('sits below and right of the pointer where there is room', () => {
    expect(placeTooltip({ x: 100, y: 100 }, tip, stage)).toEqual({ left: 100 + TOOLTIP_OFFSET.x, top: 100 + TOOLTIP_OFFSET.y });
  });

  it('flips to the left of the pointer near the right edge, and above it near the bottom', () => {
    const placed = placeTooltip({ x: 790, y: 490 }, tip, stage);
    expect(placed).toEqual({ left: 790 - TOOLTIP_OFFSET.x - tip.width, top: 490 - TOOLTIP_OFFSET.y - tip.height });
    expect(placed.left + tip.width).toBeLessThanOrEqual(stage.width - TOOLTIP_INSET);
    expect(placed.top + tip.height).toBeLessThanOrEqual(stage.height - TOOLTIP_INSET);
  });

  it('stays inside a stage too small to flip into', () => {
    const small = { width: 150, height: 70 };
    const placed = placeTooltip({ x: 75, y: 35 }, tip, small);
    expect(placed.left).toBeGreaterThanOrEqual(TOOLTIP_INSET);
    expect(placed.left + tip.width).toBeLessThanOrEqual(small.width - TOOLTIP_INSET);
    expect(placed.top).toBeGreaterThanOrEqual(TOOLTIP_INSET);
    // A tooltip longer than the stage starts at its edge: the name comes first.
    expect(placeTooltip({ x: 40, y: 20 }, { width: 400, height: 20 }, small).left).toBe(TOOLTIP_INSET);
  });
});
