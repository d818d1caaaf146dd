import { CATEGORIES } from '../corrections';
import { isRecord } from '../json';
import { PITCH_NAMES, type PitchName } from '../music/pitch';
import { EMPTY_QUERY, type LibraryQuery, type Range } from './libraryQuery';
import { projectFitOf, type ProjectFit } from './projectFit';

/**
 * A query read back from storage (a smart collection, a backup, the last session's filters):
 * each part that is not what LibraryQuery says it is falls back to "no filter", so a query saved
 * by another version, or edited by hand, never breaks the list. Unknown parts are dropped.
 */
export function queryFromSaved(value: unknown): LibraryQuery {
  if (!isRecord(value)) return EMPTY_QUERY;
  const categories: ReadonlySet<string> = new Set(CATEGORIES);
  const bpm = value.bpm;
  return {
    text: typeof value.text === 'string' ? value.text : '',
    kind: value.kind === 'one-shot' || value.kind === 'loop' ? value.kind : null,
    categories: strings(value.categories).filter((c) => categories.has(c)),
    bpm: { ...range(bpm), halfDouble: isRecord(bpm) && bpm.halfDouble === true },
    key: key(value.key),
    duration: range(value.duration),
    loudness: range(value.loudness),
    tags: strings(value.tags),
    withoutTags: strings(value.withoutTags),
    favourites: value.favourites === true,
    minRating:
      typeof value.minRating === 'number' && Number.isInteger(value.minRating) && value.minRating >= 0 && value.minRating <= 5
        ? value.minRating
        : 0,
    folder: typeof value.folder === 'string' && value.folder !== '' ? value.folder : null,
    fits: fits(value.fits),
    unreadable: value.unreadable === true,
  };
}

/** `text` as JSON, read by queryFromSaved; the empty query when it is not JSON. */
export function queryFromJson(text: string | null | undefined): LibraryQuery {
  if (!text) return EMPTY_QUERY;
  try {
    return queryFromSaved(JSON.parse(text));
  } catch {
    return EMPTY_QUERY;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const bound = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function range(value: unknown): Range {
  return isRecord(value) ? { min: bound(value.min), max: bound(value.max) } : { ...EMPTY_QUERY.duration };
}

function fits(value: unknown): ProjectFit | null {
  if (!isRecord(value)) return null;
  const bpm = bound(value.bpm);
  return projectFitOf(bpm !== null && bpm > 0 ? bpm : null, key(value.key));
}

function key(value: unknown): { tonic: PitchName; scale: 'major' | 'minor'; compatible: boolean } | null {
  if (!isRecord(value)) return null;
  const tonic = (PITCH_NAMES as readonly string[]).includes(value.tonic as string) ? (value.tonic as PitchName) : null;
  const scale = value.scale === 'major' || value.scale === 'minor' ? value.scale : null;
  return tonic && scale ? { tonic, scale, compatible: value.compatible === true } : null;
}
