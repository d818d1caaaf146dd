import type { MapLayout } from './mapLayout';

/**
 * The layout with only the points `keep` accepts, each where it was (the same object when it keeps
 * them all): samples removed from the library leave the map without moving the others.
 */
export function keepPoints(layout: MapLayout, keep: (id: number) => boolean): MapLayout {
  let kept = 0;
  for (const id of layout.ids) if (keep(id)) kept++;
  if (kept === layout.ids.length) return layout;
  const ids = new Int32Array(kept);
  const xy = new Float32Array(kept * 2);
  let row = 0;
  layout.ids.forEach((id, i) => {
    if (!keep(id)) return;
    ids[row] = id;
    xy[row * 2] = layout.xy[i * 2]!;
    xy[row * 2 + 1] = layout.xy[i * 2 + 1]!;
    row++;
  });
  return { ids, xy, landmarks: layout.landmarks };
}
