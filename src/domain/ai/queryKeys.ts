/**
 * Key expressions of the query grammar: "F minor", "Fm", "F#m", "Gb major", "C# min", "in A",
 * "e flat minor", "key of G", Camelot codes ("8A"). Tonics come out spelled as PitchName
 * (sharps), so "Gb" and "F#" are the same key.
 */
import type { Scale } from '../analysis';
import { keyOfCamelot } from '../music/camelot';
import type { PitchName } from '../music/pitch';
import { pitchClassOf, pitchNameOf } from '../music/pitch';
import type { QueryToken } from './queryTokens';
import { CONNECTORS, KEY_CUES, SCALE_WORDS } from './queryVocabulary';

export interface ParsedKey {
  tonic: PitchName;
  /** null when the text names only the tonic ("in A"). */
  scale: Scale | null;
}

export interface KeyExpression {
  length: number;
  key: ParsedKey;
}

/** Letter, accidental, scale suffix: "F", "F#", "Bb", "F#m", "Ebmin", "Cmaj". */
const NOTE_RE = /^([a-g])(#|♯|b|♭)?(m|min|minor|maj|major)?$/i;
const CAMELOT_RE = /^(1[0-2]|[1-9])([ab])$/i;
const ACCIDENTAL_WORDS: Readonly<Record<string, number>> = { sharp: 1, flat: -1 };
/** Scale words as separate tokens; a lone "m" ("C m") is too likely to be something else. */
const SEPARATE_SCALE_WORDS = new Set(['major', 'maj', 'minor', 'min']);

function tonicOf(letter: string, semitones: number): PitchName {
  // Letters as pitch names, then the accidental as a shift: this also spells E#, Cb and Fb.
  return pitchNameOf(pitchClassOf(letter.toUpperCase() as PitchName) + semitones);
}

/**
 * The key named at token i, or null. A bare letter is a key unless it reads as a word: "a"
 * the article (unless cued: "in a", "a minor"), "A" opening a sentence ("A punchy kick"), a
 * letter hyphenated to a word ("g-funk"), "FM" (the synthesis) and "am" after "I".
 */
export function matchKeyExpression(tokens: readonly QueryToken[], i: number): KeyExpression | null {
  const token = tokens[i]!;
  const camelot = CAMELOT_RE.exec(token.word);
  if (camelot) {
    const key = keyOfCamelot({ number: Number(camelot[1]), letter: camelot[2]!.toUpperCase() as 'A' | 'B' });
    return { length: 1, key };
  }
  const note = NOTE_RE.exec(token.raw);
  if (!note) return null;
  const [, letter, typedAccidental, suffix] = note as unknown as [string, string, string | undefined, string | undefined];
  const accidental = typedAccidental?.toLowerCase();
  let length = 1;
  let semitones = accidental === undefined ? 0 : accidental === '#' || accidental === '♯' ? 1 : -1;
  const accidentalWord = accidental === undefined && !suffix ? ACCIDENTAL_WORDS[tokens[i + 1]?.word ?? ''] : undefined;
  if (accidentalWord !== undefined) {
    semitones = accidentalWord;
    length++;
  }
  let scale: Scale | null = suffix ? SCALE_WORDS[suffix.toLowerCase()]! : null;
  const scaleWord = tokens[i + length]?.word ?? '';
  if (!scale && SEPARATE_SCALE_WORDS.has(scaleWord)) {
    scale = SCALE_WORDS[scaleWord]!;
    length++;
  }
  if (tokens[i + length]?.word === 'key' || tokens[i + length]?.word === 'scale') length++;

  const previous = tokens[i - 1]?.word;
  const cued = previous !== undefined && KEY_CUES.has(previous);
  const next = tokens[i + length];
  const isArticleA = letter === 'a';
  // "FM", "AM", "EBM", "DB": capitals are an acronym, not a key, unless cued ("KEY OF EBM").
  if (token.raw.length > 1 && /^[A-Z]+$/.test(token.raw) && !cued) return null;
  if (token.word === 'am' && previous === 'i') return null;

  let accepted: boolean;
  if (scale || accidental === '#' || accidental === '♯' || accidental === '♭') accepted = true;
  else if (accidental === 'b')
    accepted = cued || letter === letter.toUpperCase(); // "Bb" but not "bb", "db" (decibels)
  else if (accidentalWord !== undefined) accepted = cued || !isArticleA;
  else if (token.glue === 'hyphen' || next?.glue === 'hyphen') accepted = false;
  else if (isArticleA) accepted = cued && (next === undefined || !/^[a-z]/.test(next.word) || CONNECTORS.has(next.word));
  else if (letter === 'A') accepted = cued || i > 0 || tokens.length === 1;
  else accepted = true;
  return accepted ? { length, key: { tonic: tonicOf(letter, semitones), scale } } : null;
}
