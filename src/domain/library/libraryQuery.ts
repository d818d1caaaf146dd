import type { SampleKind, Scale } from '../analysis';
import { CATEGORIES, DRUM_CATEGORIES } from '../corrections';
import { formatCategory } from '../format';
import type { MusicalKey } from '../music/camelot';
import { compatibleKeys, formatCamelot, camelotOf, sameKey, scalePitchClasses } from '../music/camelot';
import type { PitchName } from '../music/pitch';
import { pitchClassOf, spellKeyTonic } from '../music/pitch';
import type { SampleRow } from './sampleQuery';
import { projectFitLabel, projectFitMatcher, type ProjectFit } from './projectFit';

export interface Range {
  min: number | null;
  max: number | null;
}

/** Everything the library can be filtered by; all parts combine (AND), lists within a part are OR (categories) or AND (tags). */
export interface LibraryQuery {
  text: string;
  kind: SampleKind | null;
  categories: string[];
  bpm: Range & { halfDouble: boolean };
  key: { tonic: PitchName; scale: Scale; compatible: boolean } | null;
  /** Seconds. */
  duration: Range;
  /** LUFS. */
  loudness: Range;
  /** Every one of these tags. */
  tags: string[];
  /** None of these tags (hidden near-duplicates, say). */
  withoutTags: string[];
  favourites: boolean;
  /** At least this many stars; 0 for any. */
  minRating: number;
  /** A folder path as the list shows it ("Drums/Kicks"): the folder and everything below it. */
  folder: string | null;
  /** Only what fits the project's tempo and key now (projectFit.ts: fitToProject keeps it in step with the top bar). */
  fits: ProjectFit | null;
  /** Only files the analysis could not read ("Show them" after an import). */
  unreadable: boolean;
}

export const EMPTY_QUERY: LibraryQuery = {
  text: '',
  kind: null,
  categories: [],
  bpm: { min: null, max: null, halfDouble: false },
  key: null,
  duration: { min: null, max: null },
  loudness: { min: null, max: null },
  tags: [],
  withoutTags: [],
  favourites: false,
  minRating: 0,
  folder: null,
  fits: null,
  unreadable: false,
};

/** A range typed the wrong way round (140 to 120) means what it would the right way round. */
export function orderedRange<R extends Range>(range: R): R {
  return range.min !== null && range.max !== null && range.min > range.max ? { ...range, min: range.max, max: range.min } : range;
}

/** `range` as rowMatcher passes it: put the right way round once per query, not once per row. */
const inRange = (value: number, range: Range): boolean =>
  (range.min === null || value >= range.min) && (range.max === null || value <= range.max);
export const isOpen = (range: Range): boolean => range.min === null && range.max === null;

function matchesBpm(bpm: number | null, range: LibraryQuery['bpm']): boolean {
  if (isOpen(range)) return true;
  if (bpm === null) return false;
  return inRange(bpm, range) || (range.halfDouble && (inRange(bpm * 2, range) || inRange(bpm / 2, range)));
}

/** Keys a key filter accepts, computed once per query rather than once per row. */
function keyMatcher(filter: NonNullable<LibraryQuery['key']>): (row: SampleRow) => boolean {
  const wanted: MusicalKey = { tonic: filter.tonic, scale: filter.scale };
  const keys = filter.compatible ? compatibleKeys(wanted) : [wanted];
  // A one-shot has a root note, not a key: it fits when the note is the tonic, or with
  // "compatible" on, any note of the scale.
  const rootClasses = filter.compatible ? scalePitchClasses(wanted) : new Set([pitchClassOf(wanted.tonic)]);
  return (row) => {
    const a = row.analysis;
    if (!a) return false;
    if (a.key && a.scale) {
      const key = { tonic: a.key, scale: a.scale };
      return keys.some((k) => sameKey(k, key));
    }
    return a.rootMidi !== null && rootClasses.has(a.rootMidi % 12);
  };
}

/**
 * The row test for a query, built once per query. Text is matched separately (see TextIndex):
 * `textHits` is the set of ids its words found, or null when the query has no text.
 */
export function rowMatcher(query: LibraryQuery, textHits: ReadonlySet<number> | null): (row: SampleRow) => boolean {
  const categories = query.categories.length > 0 ? new Set(query.categories) : null;
  const key = query.key ? keyMatcher(query.key) : null;
  const folder = query.folder;
  const bpm = orderedRange(query.bpm);
  const duration = orderedRange(query.duration);
  const loudness = orderedRange(query.loudness);
  const fits = query.fits ? projectFitMatcher(query.fits) : null;
  return (row) => {
    if (textHits && !textHits.has(row.id)) return false;
    const a = row.analysis;
    if (query.kind && a?.kind !== query.kind) return false;
    if (categories && !(a?.category && categories.has(a.category))) return false;
    if (!matchesBpm(a?.bpm ?? null, bpm)) return false;
    if (key && !key(row)) return false;
    if (!isOpen(duration) && !(a && inRange(a.duration, duration))) return false;
    if (!isOpen(loudness) && !(a?.loudnessLufs != null && inRange(a.loudnessLufs, loudness))) return false;
    if (query.favourites && !row.favourite) return false;
    if (query.minRating > 0 && row.rating < query.minRating) return false;
    if (query.tags.length > 0 && !query.tags.every((t) => row.tags.includes(t))) return false;
    if (query.withoutTags.length > 0 && query.withoutTags.some((t) => row.tags.includes(t))) return false;
    if (folder !== null && row.dir !== folder && !row.dir.startsWith(`${folder}/`)) return false;
    if (fits && !fits(row)) return false;
    if (query.unreadable && row.status !== 'failed') return false;
    return true;
  };
}

/** One removable chip per active part of a query. */
export interface QueryChip {
  id: string;
  label: string;
  /**
   * What the filter bar shows, where it differs from `label`: a category as the category list
   * names it ("hi-hat"), or the label less what the checkbox beside the chip says (½×/2×, compatible).
   */
  shown?: string;
}

const formatNumber = (n: number): string => String(Math.round(n * 100) / 100);

/** "120–130 BPM", "≥ 2 s", "120 BPM" (low end first however it was typed); '' for an open range. */
export function rangeLabel(range: Range, unit: string): string {
  const { min, max } = orderedRange(range);
  if (min !== null && max !== null)
    return min === max ? `${formatNumber(min)} ${unit}` : `${formatNumber(min)}–${formatNumber(max)} ${unit}`;
  if (min !== null) return `≥ ${formatNumber(min)} ${unit}`;
  if (max !== null) return `≤ ${formatNumber(max)} ${unit}`;
  return '';
}

/**
 * A chip per category asked for; but most of them, as "no drums" asks, read as what is left out:
 * one chip "no drums" (or "no drums, FX", "no vocal, FX") instead of eleven. Removing it lifts
 * the category filter.
 */
function categoryChips(categories: readonly string[]): QueryChip[] {
  const chosen = new Set(categories);
  const left = CATEGORIES.filter((c) => !chosen.has(c));
  if (left.length === 0 || left.length >= chosen.size) {
    return categories.map((c) =>
      formatCategory(c) === c ? { id: `category:${c}`, label: c } : { id: `category:${c}`, label: c, shown: formatCategory(c) },
    );
  }
  // All the drums left out read as "drums", the rest by the names the category list shows.
  const leftOut: ReadonlySet<string> = new Set(left);
  const noDrums = [...DRUM_CATEGORIES].every((c) => leftOut.has(c));
  const named = [...(noDrums ? ['drums'] : []), ...left.filter((c) => !(noDrums && DRUM_CATEGORIES.has(c))).map(formatCategory)];
  return [{ id: 'categories', label: `no ${named.join(', ')}` }];
}

export function queryChips(query: LibraryQuery): QueryChip[] {
  const chips: QueryChip[] = [];
  if (query.text.trim()) chips.push({ id: 'text', label: `“${query.text.trim()}”` });
  if (query.kind) chips.push({ id: 'kind', label: query.kind === 'loop' ? 'Loops' : 'One-shots' });
  chips.push(...categoryChips(query.categories));
  if (!isOpen(query.bpm)) {
    const range = rangeLabel(query.bpm, 'BPM');
    chips.push(query.bpm.halfDouble ? { id: 'bpm', label: `${range} (½×, 2×)`, shown: range } : { id: 'bpm', label: range });
  }
  if (query.key) {
    const name = `${spellKeyTonic(query.key.tonic, query.key.scale)} ${query.key.scale === 'major' ? 'major' : 'minor'}`;
    const code = formatCamelot(camelotOf(query.key));
    const plain = `${name} (${code})`;
    chips.push(query.key.compatible ? { id: 'key', label: `${name} + compatible (${code})`, shown: plain } : { id: 'key', label: plain });
  }
  if (!isOpen(query.duration)) chips.push({ id: 'duration', label: rangeLabel(query.duration, 's') });
  if (!isOpen(query.loudness)) chips.push({ id: 'loudness', label: rangeLabel(query.loudness, 'LUFS') });
  for (const t of query.tags) chips.push({ id: `tag:${t}`, label: `#${t}` });
  for (const t of query.withoutTags) chips.push({ id: `not-tag:${t}`, label: `hiding #${t}` });
  if (query.favourites) chips.push({ id: 'favourites', label: '♥ Favourites' });
  if (query.minRating > 0) chips.push({ id: 'rating', label: `${'★'.repeat(query.minRating)} or more` });
  if (query.folder !== null) chips.push({ id: 'folder', label: `in ${query.folder}` });
  if (query.fits) chips.push({ id: 'fits', label: `fits project (${projectFitLabel(query.fits)})` });
  if (query.unreadable) chips.push({ id: 'unreadable', label: 'could not be read' });
  return chips;
}

/** The query without the part a chip stands for. */
export function withoutChip(query: LibraryQuery, chipId: string): LibraryQuery {
  const [part, value] = chipId.split(/:(.*)/s) as [string, string | undefined];
  switch (part) {
    case 'text':
      return { ...query, text: '' };
    case 'kind':
      return { ...query, kind: null };
    case 'category':
      return { ...query, categories: query.categories.filter((c) => c !== value) };
    case 'categories':
      return { ...query, categories: [] };
    case 'bpm':
      return { ...query, bpm: EMPTY_QUERY.bpm };
    case 'key':
      return { ...query, key: null };
    case 'duration':
      return { ...query, duration: EMPTY_QUERY.duration };
    case 'loudness':
      return { ...query, loudness: EMPTY_QUERY.loudness };
    case 'tag':
      return { ...query, tags: query.tags.filter((t) => t !== value) };
    case 'not-tag':
      return { ...query, withoutTags: query.withoutTags.filter((t) => t !== value) };
    case 'favourites':
      return { ...query, favourites: false };
    case 'rating':
      return { ...query, minRating: 0 };
    case 'folder':
      return { ...query, folder: null };
    case 'fits':
      return { ...query, fits: null };
    case 'unreadable':
      return { ...query, unreadable: false };
    default:
      return query;
  }
}

export const isEmptyQuery = (query: LibraryQuery): boolean => queryChips(query).length === 0;
