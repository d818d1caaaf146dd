import type { SampleKind, Scale } from './analysis';
import { keyOfCamelot } from './music/camelot';
import type { PitchName } from './music/pitch';
import { toPitchName } from './music/pitch';

/** Where a value embedded in the file came from: a chunk, a tag format or a comment block. */
export type MetadataSource = 'acid' | 'smpl' | 'inst' | 'bext' | 'info' | 'ixml' | 'id3' | 'aiff-text' | 'vorbis';

export interface Sourced<T> {
  value: T;
  source: MetadataSource;
}

export interface EmbeddedKey {
  tonic: PitchName;
  /** null where the file names only a tonic (an ACID root note, a bare "A"). */
  scale: Scale | null;
  source: MetadataSource;
}

export interface EmbeddedLoop {
  /** Sample frames from the start of the audio; `endFrame` is the last frame played, as the chunks store it. */
  startFrame: number;
  endFrame: number;
  direction: 'forward' | 'alternating' | 'backward';
  source: MetadataSource;
}

/** One raw entry as the file stores it, shown as-is under its source. */
export interface EmbeddedField {
  source: MetadataSource;
  /** The tag's own name where it has one (TBPM, INAM, TXXX:MOOD, BPM), else a short English label. */
  name: string;
  value: string;
}

/**
 * What producers' tools wrote into a file, separate from what the analysis measured. Where
 * several sources give the same value the most specific wins (ACID over ID3 over RIFF INFO),
 * and every value read is also listed in `fields`.
 */
export interface EmbeddedMetadata {
  bpm?: Sourced<number>;
  /** MIDI note, C4 = 60. */
  rootMidi?: Sourced<number>;
  key?: EmbeddedKey;
  kind?: Sourced<SampleKind>;
  beats?: Sourced<number>;
  meter?: Sourced<{ numerator: number; denominator: number }>;
  loop?: EmbeddedLoop;
  title?: Sourced<string>;
  artist?: Sourced<string>;
  album?: Sourced<string>;
  genre?: Sourced<string>;
  comment?: Sourced<string>;
  description?: Sourced<string>;
  originator?: Sourced<string>;
  date?: Sourced<string>;
  software?: Sourced<string>;
  copyright?: Sourced<string>;
  /** The iXML chunk's text, cut to a few kilobytes. */
  ixml?: string;
  fields: EmbeddedField[];
}

export type EmbeddedText =
  'title' | 'artist' | 'album' | 'genre' | 'comment' | 'description' | 'originator' | 'date' | 'software' | 'copyright';

/** Tempi outside this range in a tag are placeholders or typos, not tempi. */
export const MIN_TAGGED_BPM = 20;
export const MAX_TAGGED_BPM = 999;

/** A tempo written as text ("128", "127.5", "127,5", "128 BPM"); null when it is not a plausible one. */
export function parseTempoText(text: string): number | null {
  const match = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:bpm)?\s*$/i.exec(text);
  if (!match) return null;
  const bpm = Number(match[1]!.replace(',', '.'));
  return bpm >= MIN_TAGGED_BPM && bpm <= MAX_TAGGED_BPM ? bpm : null;
}

const MINOR_WORDS = new Set(['m', 'min', 'minor', 'moll', '-']);
const MAJOR_WORDS = new Set(['', 'maj', 'major', 'dur']);

/**
 * A musical key written as text: ID3's TKEY style ("Am", "Ebm", "F#"), words ("A minor",
 * "C maj") or a Camelot code as DJ tools write it ("8A"). A bare tonic counts as major, as
 * TKEY defines it; "o" (off key) and anything else give null.
 */
export function parseKeyText(text: string): { tonic: PitchName; scale: Scale } | null {
  const trimmed = text.trim();
  const camelot = /^0?(\d{1,2})\s*([AaBb])$/.exec(trimmed);
  if (camelot) {
    const number = Number(camelot[1]);
    if (number < 1 || number > 12) return null;
    return keyOfCamelot({ number, letter: camelot[2]!.toUpperCase() as 'A' | 'B' });
  }
  const match = /^([A-Ga-g])\s*(#|b|♯|♭|sharp|flat)?\s*(.*)$/i.exec(trimmed);
  if (!match) return null;
  const accidental = (match[2] ?? '').toLowerCase();
  const sign = accidental === 'sharp' || accidental === '♯' || accidental === '#' ? '#' : accidental === '' ? '' : 'b';
  const tonic = toPitchName(match[1]! + sign);
  if (!tonic) return null;
  const rest = match[3]!.trim();
  // "m" alone is minor, "M" alone major (a common spelling in sample packs).
  if (rest === 'M') return { tonic, scale: 'major' };
  const word = rest.toLowerCase();
  if (MINOR_WORDS.has(word)) return { tonic, scale: 'minor' };
  if (MAJOR_WORDS.has(word)) return { tonic, scale: 'major' };
  return null;
}
