import { useMemo } from 'react';
import { categoryAnchors, type LabelAnchor } from '../../domain/map/mapLabels';
import type { MapLayout } from '../../domain/map/mapLayout';
import { selectVisibleRows, useLibraryStore } from '../../state/libraryStore';

/** A label on the map, faded where the filters leave none of its category's sounds. */
export type MapLabel = LabelAnchor & { faded: boolean };

/** The last anchors found per layout, with the categories they were found from. */
const found = new WeakMap<MapLayout, { categories: (string | null)[]; anchors: LabelAnchor[] }>();

const sameCategories = (a: readonly (string | null)[], b: readonly (string | null)[]): boolean =>
  a.length === b.length && a.every((category, i) => category === b[i]);

/**
 * Where each category's name goes on the map. Rows change with every analysis batch, edit and
 * play; the anchors are found again only when a point's category did change.
 */
export function useMapLabels(layout: MapLayout | null): readonly MapLabel[] {
  const rows = useLibraryStore((s) => s.rows);
  const visible = useLibraryStore(selectVisibleRows);
  const anchors = useMemo(() => {
    if (!layout) return [];
    const categories = Array.from(layout.ids, (id) => rows.get(id)?.analysis?.category ?? null);
    const previous = found.get(layout);
    if (previous && sameCategories(previous.categories, categories)) return previous.anchors;
    const anchors = categoryAnchors(layout.xy, categories);
    found.set(layout, { categories, anchors });
    return anchors;
  }, [layout, rows]);
  return useMemo(() => {
    const all = visible.length === rows.size;
    const matched = new Set(all ? [] : visible.map((row) => row.analysis?.category));
    return anchors.map((anchor) => ({ ...anchor, faded: !all && !matched.has(anchor.category) }));
  }, [anchors, visible, rows]);
}
