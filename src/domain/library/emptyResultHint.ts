import { DRUM_CATEGORIES } from '../corrections';
import { isOpen, type LibraryQuery } from './libraryQuery';

/**
 * Why filters that look sensible find nothing, where the reason is how samples are described
 * rather than the library's content: drums have no key, one-shots no tempo. Null otherwise.
 */
export function emptyResultHint(query: LibraryQuery): string | null {
  if (query.unreadable) return 'Only files that could not be read are listed (the “could not be read” chip), and none of them matches.';
  const drumsOnly = query.categories.length > 0 && query.categories.every((c) => DRUM_CATEGORIES.has(c));
  if (query.key && drumsOnly) return 'Drums have no key, so the key filter leaves them all out.';
  const drumHitsOnly = drumsOnly && !query.categories.includes('drum-loop');
  if (!isOpen(query.bpm) && (query.kind === 'one-shot' || drumHitsOnly))
    return 'One-shots have no tempo, so the BPM filter leaves them all out.';
  return null;
}
