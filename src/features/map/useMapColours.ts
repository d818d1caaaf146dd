import { useMemo } from 'react';
import type { MapLayout } from '../../domain/map/mapLayout';
import { categoryColourRgba, keyColourRgba } from '../../domain/map/mapColours';
import { PITCH_NAMES } from '../../domain/music/pitch';
import { selectVisibleRows, useLibraryStore, type LibraryRow } from '../../state/libraryStore';

const BACKGROUND = [0x0d, 0x11, 0x19];
/** How much of its colour a point outside the filters keeps. */
const DIMMED = 0.18;

function dim(rgba: number): number {
  const mix = (channel: number, shift: number): number => Math.round(((rgba >>> shift) & 0xff) * DIMMED + channel * (1 - DIMMED));
  return ((0xff << 24) | (mix(BACKGROUND[2]!, 16) << 16) | (mix(BACKGROUND[1]!, 8) << 8) | mix(BACKGROUND[0]!, 0)) >>> 0;
}

function colourOf(row: LibraryRow | undefined, by: 'category' | 'key'): number {
  const analysis = row?.analysis;
  if (by === 'category') return categoryColourRgba(analysis?.category ?? null);
  // A one-shot has no key but a root note: coloured as that note's major key (same hue as its minor).
  const tonic = analysis?.key ?? (analysis?.rootMidi != null ? PITCH_NAMES[analysis.rootMidi % 12]! : null);
  return keyColourRgba(tonic, analysis?.scale ?? null);
}

/**
 * One packed colour per map point: by category or by key, faded for samples the current filters,
 * search, collection or "more like this" leave out, so the map shows where the matches lie.
 * Also the layout indices of the selected samples.
 */
export function useMapColours(
  layout: MapLayout | null,
  by: 'category' | 'key',
): { colours: Uint32Array; selected: number[]; visibleCount: number } {
  const rows = useLibraryStore((s) => s.rows);
  const visible = useLibraryStore(selectVisibleRows);
  const selection = useLibraryStore((s) => s.selection);
  const visibleIds = useMemo(() => new Set(visible.map((r) => r.id)), [visible]);
  const colours = useMemo(() => {
    if (!layout) return new Uint32Array(0);
    const out = new Uint32Array(layout.ids.length);
    const all = visibleIds.size === rows.size;
    layout.ids.forEach((id, i) => {
      const colour = colourOf(rows.get(id), by);
      out[i] = all || visibleIds.has(id) ? colour : dim(colour);
    });
    return out;
  }, [layout, rows, visibleIds, by]);
  const selected = useMemo(() => {
    if (!layout || selection.size === 0) return [];
    const out: number[] = [];
    layout.ids.forEach((id, i) => selection.has(id) && out.push(i));
    return out;
  }, [layout, selection]);
  const visibleCount = useMemo(
    () => (layout ? layout.ids.reduce((n, id) => n + (visibleIds.has(id) ? 1 : 0), 0) : 0),
    [layout, visibleIds],
  );
  return { colours, selected, visibleCount };
}
