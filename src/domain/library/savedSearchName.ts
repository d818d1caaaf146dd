import { capitalised, formatCategory } from '../format';
import { spellKeyTonic } from '../music/pitch';
import type { LibraryQuery } from './libraryQuery';
import { rangeLabel } from './libraryQuery';

/** What a saved search is called when its query says nothing (it cannot be saved empty, but a name is always due). */
export const FALLBACK_SAVED_SEARCH_NAME = 'Smart collection';
/** Longer names are cut: the sidebar shows about 20 characters, its hover the rest. */
export const MAX_SAVED_SEARCH_NAME = 40;

/** The last folder of a path ("Drums/Kicks" → "Kicks"): enough to recognise it. */
const lastFolder = (path: string): string => path.split('/').filter(Boolean).pop() ?? path;

/** The parts of a name, most telling first: what kind of sound, then tempo and key, then the rest; the typed words last. */
function nameParts(query: LibraryQuery): string[] {
  const categories = query.categories.map(formatCategory);
  const kind = query.kind === 'loop' ? 'Loops' : query.kind === 'one-shot' ? 'One-shots' : null;
  const parts: string[] = [];
  // "Kick loops" reads better than "Loops · kick"; two or more categories stay a list.
  if (kind && categories.length === 1) parts.push(`${capitalised(categories[0]!)} ${kind.toLowerCase()}`);
  else {
    if (kind) parts.push(kind);
    if (categories.length > 0) parts.push(capitalised(categories.join(', ')));
  }
  const bpm = rangeLabel(query.bpm, 'BPM');
  if (bpm) parts.push(query.bpm.halfDouble ? `${bpm} (½×, 2×)` : bpm);
  if (query.key)
    parts.push(`${spellKeyTonic(query.key.tonic, query.key.scale)} ${query.key.scale}${query.key.compatible ? ' + compatible' : ''}`);
  const duration = rangeLabel(query.duration, 's');
  if (duration) parts.push(duration);
  const loudness = rangeLabel(query.loudness, 'LUFS');
  if (loudness) parts.push(loudness);
  for (const tag of query.tags) parts.push(`#${tag}`);
  if (query.favourites) parts.push('♥');
  if (query.minRating > 0) parts.push(`${'★'.repeat(query.minRating)}+`);
  if (query.folder) parts.push(`in ${lastFolder(query.folder)}`);
  // The filter follows the project, so the name says "project", not the tempo and key of today.
  if (query.fits) parts.push('fits project');
  if (query.unreadable) parts.push('unreadable');
  const text = query.text.trim().replace(/\s+/g, ' ');
  if (text) parts.push(text);
  // Hidden near-duplicates say nothing about what the search finds: named only when nothing else is.
  if (parts.length === 0) for (const tag of query.withoutTags) parts.push(`without #${tag}`);
  return parts;
}

/** Cut at a word (or a part) with an ellipsis: "Loops · 120–130 BPM · A minor · #dark…". */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const head = name.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const cut = space > max / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s·,+]+$/u, '')}…`;
}

/**
 * The default name of a saved search, from what it searches for: "Loops · 120–130 BPM · kick",
 * "Snare one-shots · ★★★★+", at most `max` characters (MAX_SAVED_SEARCH_NAME).
 */
export function savedSearchName(query: LibraryQuery, max = MAX_SAVED_SEARCH_NAME): string {
  const name = nameParts(query).join(' · ');
  return name ? shorten(name, max) : FALLBACK_SAVED_SEARCH_NAME;
}
