import { useLayoutEffect, useRef } from 'react';
import { formatCategory, formatKey } from '../../domain/format';
import { placeTooltip, type Point, type Size } from '../../domain/map/tooltipPlacement';
import type { LibraryRow } from '../../state/libraryStore';

/** The name and main values of the sound under the pointer, kept inside the map (flipped near its right and bottom edges). */
export function MapTooltip({ row, at, stage, playing }: { row: LibraryRow; at: Point; stage: Size; playing: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // Placed once its size is known, before the browser paints it: no frame at the wrong place.
  useLayoutEffect(() => {
    const tip = ref.current;
    if (!tip) return;
    const { left, top } = placeTooltip(at, { width: tip.offsetWidth, height: tip.offsetHeight }, stage);
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  });
  const a = row.analysis;
  return (
    <div ref={ref} className="map-tooltip" data-testid="map-tooltip">
      <strong>{row.name}</strong>
      <span>{[formatCategory(a?.category), formatKey(a), a?.bpm && `${Math.round(a.bpm)} BPM`].filter(Boolean).join(' · ')}</span>
      {playing && <span className="map-playing">▶ playing</span>}
    </div>
  );
}
