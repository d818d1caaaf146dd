import { useMemo } from 'react';
import { formatCategory } from '../../domain/format';
import { CATEGORY_LEGEND, KEY_COLOURS } from '../../domain/map/mapColours';
import { spellKeyTonic } from '../../domain/music/pitch';
import { useLibraryStore } from '../../state/libraryStore';

/** What the colours mean: the categories of the sounds on the map (`ids`), or the Camelot wheel's keys. */
export function MapLegend({ by, ids }: { by: 'category' | 'key'; ids: Int32Array }) {
  const rows = useLibraryStore((s) => s.rows);
  // The map's own sounds, not the library's: unreadable files have no place on it, and listed
  // "not analysed" with no such point.
  const present = useMemo(() => {
    const seen = new Set<string | null>();
    for (const id of ids) seen.add(rows.get(id)?.analysis?.category ?? null);
    return seen;
  }, [rows, ids]);
  if (by === 'key') {
    return (
      <ul className="map-legend keys" aria-label="Key colours (Camelot)">
        {KEY_COLOURS.map((k) => (
          <li key={k.code} title={`${spellKeyTonic(k.key.tonic, k.key.scale)} ${k.key.scale}`}>
            <span className="swatch" style={{ background: k.colour }} />
            {k.code}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="map-legend" aria-label="Category colours">
      {CATEGORY_LEGEND.filter((entry) => present.has(entry.category)).map((entry) => (
        <li key={entry.category ?? 'unknown'}>
          <span className="swatch" style={{ background: entry.colour }} />
          {/* Written as the list writes it ("hi-hat", "drum loop"), not as the id. */}
          {entry.category ? formatCategory(entry.category) : 'not analysed'}
        </li>
      ))}
    </ul>
  );
}
