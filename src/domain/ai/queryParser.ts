/**
 * Offline, rule-based reading of a typed search ("punchy kick around 125 bpm, short", "dark pads
 * in F minor", "loops between 170 and 175 bpm without vocals") into a structured query. No
 * model and no network: a vocabulary (queryVocabulary.ts) and a small grammar. What it accepts,
 * and why, is in docs/QUERY-PARSER.md.
 */
import type { SampleKind } from '../analysis';
import { CATEGORIES } from '../corrections';
import type { LibraryQuery } from '../library/libraryQuery';
import { EMPTY_QUERY, queryChips } from '../library/libraryQuery';
import type { ParsedKey } from './queryKeys';
import { matchKeyExpression } from './queryKeys';
import type { NumberRange } from './queryNumbers';
import { matchNumberExpression } from './queryNumbers';
import type { QueryToken } from './queryTokens';
import { correctTypos, tokenizeQuery } from './queryTokens';
import type { Category } from './queryVocabulary';
import * as vocabulary from './queryVocabulary';
import { KNOWN_WORDS, matchPhrase, TYPO_TARGETS } from './queryVocabulary';

export type { Category } from './queryVocabulary';
export type { ParsedKey } from './queryKeys';
export type { NumberRange } from './queryNumbers';

export interface ParsedQuery {
  /** The descriptive words left over ("punchy", "dusty vinyl"), lower-case; "" when none. */
  text: string;
  kind: SampleKind | null;
  /** Any of these (OR), in the order the text names them. */
  categories: Category[];
  /** None of these: "without vocals", "no kicks", "-snare". */
  excludeCategories: Category[];
  /** Beats per minute; null when the text says nothing about tempo. */
  bpm: NumberRange | null;
  key: ParsedKey | null;
  /** Seconds. */
  duration: NumberRange | null;
  /**
   * Negated words that name no category ("no reverb"). Kept out of `text`, which every result
   * must contain, so that "without reverb" does not search for "reverb".
   */
  excludeWords: string[];
}

const isCategoryAt = (tokens: readonly QueryToken[], i: number): boolean => matchPhrase(tokens, i)?.entry.meaning.type === 'categories';
const otherKind = (kind: SampleKind): SampleKind => (kind === 'loop' ? 'one-shot' : 'loop');
/** Words that end a negation's reach: "no loops, just one-shots". */
const NEGATION_ENDS: ReadonlySet<string> = new Set(['just', 'only', 'but', 'instead', 'rather']);

/** Everything the grammar has found so far, while reading the tokens left to right. */
class Reading {
  readonly textTokens: number[] = [];
  readonly excludeWords: string[] = [];
  readonly kinds = new Set<SampleKind>();
  readonly categories: Category[] = [];
  readonly excludeCategories: Category[] = [];
  /** How drum-loop got into `categories`: through "drums", or by name ("drum loops"). */
  drumLoopFromFamily = false;
  drumLoopNamed = false;
  bpm: NumberRange | null = null;
  tempoWord: NumberRange | null = null;
  duration: NumberRange | null = null;
  lengthWord: { word: string; negated: boolean } | null = null;
  key: ParsedKey | null = null;
  said808 = false;
  /** Inside "no ...": what follows is excluded. */
  negating = false;
  /** "non-vocal", "-snare": the negation reaches only the word glued to it. */
  negatingOneWord = false;
  /** How many things the current negation has excluded so far. */
  negatedCount = 0;
  /** A comma ends a negation's reach over plain words ("no reverb, dark"); categories still list on ("no kicks, snares"). */
  negationPastComma = false;

  constructor(readonly tokens: readonly QueryToken[]) {}

  addCategories(entry: { categories: readonly Category[]; family: boolean }): void {
    const into = this.negating ? this.excludeCategories : this.categories;
    for (const c of entry.categories) if (!into.includes(c)) into.push(c);
    if (this.negating || !entry.categories.includes('drum-loop')) return;
    if (entry.family) this.drumLoopFromFamily = true;
    else this.drumLoopNamed = true;
  }
}

/** Reads the token at i; returns how many tokens it used. */
function readAt(r: Reading, i: number): number {
  const tokens = r.tokens;
  const token = tokens[i]!;
  const word = token.word;
  // "everything but vocals" is "except vocals"; elsewhere "but" ends a negation ("no loops but one-shots").
  const exceptBut = word === 'but' && ['everything', 'anything', 'all'].includes(tokens[i - 1]?.word ?? '');
  if (exceptBut || (vocabulary.NEGATIONS.has(word) && (word !== '-' || tokens[i + 1]?.glue === 'none'))) {
    r.negating = true;
    r.negatingOneWord = tokens[i + 1]?.glue === 'none' || tokens[i + 1]?.glue === 'hyphen';
    r.negatedCount = 0;
    r.negationPastComma = false;
    return 1;
  }
  if (r.negatingOneWord && r.negatedCount > 0) r.negating = r.negatingOneWord = false;
  if (NEGATION_ENDS.has(word)) r.negating = false;
  if (word === ',' || word === ';') r.negationPastComma = true;
  if (vocabulary.CONNECTORS.has(word) || word === '-') return 1;

  // "808" is a drum machine in "808 kick" and a bass on its own ("808s in F minor").
  if (word === '808') {
    if (r.negating) {
      r.excludeWords.push(word);
      r.negatedCount++;
    } else {
      r.said808 = true;
      r.textTokens.push(i);
    }
    return tokens[i + 1]?.word === 's' && tokens[i + 1]?.glue === 'none' ? 2 : 1;
  }

  // A tempo, length or key after a negated list ("no vocals, in F# minor") is asked for; right
  // after the negation ("not over 2 seconds") it is dropped, as the filter cannot negate it.
  const negatedItself = r.negating && r.negatedCount === 0;
  const number = matchNumberExpression(tokens, i);
  if (number) {
    if (!negatedItself) {
      if (number.unit === 'bpm') r.bpm ??= number.range;
      else r.duration ??= number.range;
    }
    r.negating = false;
    return number.length;
  }

  const phrase = matchPhrase(tokens, i);
  if (phrase) {
    const meaning = phrase.entry.meaning;
    if (meaning.type === 'genre') {
      r.negating = false;
      for (let k = 0; k < phrase.length; k++) r.textTokens.push(i + k);
    } else {
      if (meaning.type === 'kind') r.kinds.add(r.negating ? otherKind(meaning.kind) : meaning.kind);
      else r.addCategories(meaning);
      r.negatedCount++;
    }
    return phrase.length;
  }

  const key = matchKeyExpression(tokens, i);
  if (key) {
    if (!negatedItself) r.key ??= key.key;
    r.negating = false;
    return key.length;
  }

  const tempo = vocabulary.TEMPO_WORDS[word];
  if (tempo && !vocabulary.ENVELOPE_WORDS.has(tokens[i + 1]?.word ?? '')) {
    // "not fast" is at most the "fast" threshold, "not slow" at least the "slow" one.
    const flipped = { min: tempo.max, max: tempo.min };
    r.tempoWord ??= r.negating ? flipped : tempo;
    r.negating = false;
    return 1;
  }
  if (vocabulary.LENGTH_WORDS.has(word)) {
    r.lengthWord ??= { word, negated: r.negating };
    r.negating = false;
    return 1;
  }

  if (vocabulary.STOP_WORDS.has(word) || !/[\p{L}\p{N}]/u.test(word)) return 1;
  // A word after "no" is excluded ("no reverb", "except vocals and fx") unless it describes the
  // next category once the negation has already excluded something ("no vocals and dark pads").
  if (r.negating && !r.negationPastComma && !(r.negatedCount > 0 && isCategoryAt(tokens, i + 1))) {
    r.excludeWords.push(word);
    r.negatedCount++;
    return 1;
  }
  r.negating = false;
  r.textTokens.push(i);
  return 1;
}

/** The leftover words as typed, lower-case, hyphenated and glued words kept together ("lo-fi", "90s"). */
function leftoverText(tokens: readonly QueryToken[], indices: readonly number[]): string {
  let text = '';
  indices.forEach((index, n) => {
    const token = tokens[index]!;
    const follows = n > 0 && indices[n - 1] === index - 1;
    const separator = n === 0 ? '' : follows && token.glue === 'hyphen' ? '-' : follows && token.glue === 'none' ? '' : ' ';
    text += separator + token.raw.toLowerCase();
  });
  return text;
}

function lengthRange(lengthWord: { word: string; negated: boolean }, aboutLoops: boolean): NumberRange {
  const thresholds = aboutLoops ? vocabulary.LENGTH_THRESHOLDS.loop : vocabulary.LENGTH_THRESHOLDS.oneShot;
  const short = lengthWord.word === 'short';
  // "not long" is at most the "long" threshold; "not short" at least the "short" one.
  if (short !== lengthWord.negated) return { min: null, max: short ? thresholds.short : thresholds.long };
  return { min: short ? thresholds.short : thresholds.long, max: null };
}

/** Reads a typed search into a structured query. Never throws: what it does not understand is left as text. */
export function parseQuery(text: string): ParsedQuery {
  const tokens = correctTypos(tokenizeQuery(text), KNOWN_WORDS, TYPO_TARGETS, vocabulary.NOT_TYPOS);
  const r = new Reading(tokens);
  for (let i = 0; i < tokens.length;) i += readAt(r, i);

  // Asking for both kinds ("one-shots and loops") is asking for either.
  const kind = r.kinds.size === 1 ? [...r.kinds][0]! : null;
  let categories = r.categories;
  // "drum hits": the drum family without drum loops, which are never one-shots.
  if (kind === 'one-shot' && r.drumLoopFromFamily && !r.drumLoopNamed) categories = categories.filter((c) => c !== 'drum-loop');
  if (r.said808 && categories.length === 0) categories = ['bass'];
  const aboutLoops = kind === 'loop' || (kind === null && categories.length > 0 && categories.every((c) => c === 'drum-loop'));
  return {
    text: leftoverText(tokens, r.textTokens),
    kind,
    categories,
    excludeCategories: r.excludeCategories,
    // A number says more than a word: "slow loops around 70 bpm" is 67-73.
    bpm: r.bpm ?? r.tempoWord,
    key: r.key,
    duration: r.duration ?? (r.lengthWord ? lengthRange(r.lengthWord, aboutLoops) : null),
    excludeWords: r.excludeWords,
  };
}

/**
 * How far a tempo given as one number ("at 120", "120bpm") reaches each way, as a share of it: a
 * loop at 118 or 122 is one a producer plays at 120, since a time-stretch of 2 % is inaudible.
 * Never wider than "around" (±BPM_TOLERANCE), which asks for more slack than "at".
 */
export const EXACT_BPM_SHARE = 0.02;

/**
 * The parsed query as the library filters it. LibraryQuery has no exclusions, so:
 * - excludeCategories are taken out of `categories`; with no category asked for, `categories`
 *   becomes every category but the excluded ones (samples without a category then drop out).
 *   When the exclusions would remove every category asked for, the asked-for ones are kept.
 * - excludeWords are dropped (the text filter can only require words).
 * - A key without a scale ("in A") becomes major, the reading of a bare key name in music
 *   ("Symphony in A", the chord symbol "A"); one-shots match on their root note either way.
 * - A single tempo ("at 120") becomes a range of ±EXACT_BPM_SHARE, widened to whole BPM (117–123,
 *   which a chip reads as typed: not 117.6–122.4); ranges stay as typed.
 */
export function toLibraryQuery(parsed: ParsedQuery): LibraryQuery {
  const excluded = new Set(parsed.excludeCategories);
  const wanted: readonly Category[] = parsed.categories.length > 0 || excluded.size === 0 ? parsed.categories : CATEGORIES;
  const remaining = wanted.filter((c) => !excluded.has(c));
  const bpm = parsed.bpm;
  const exact = bpm !== null && bpm.min !== null && bpm.min === bpm.max;
  const slack = exact ? Math.min(bpm.min! * EXACT_BPM_SHARE, vocabulary.BPM_TOLERANCE) : 0;
  return {
    ...EMPTY_QUERY,
    text: parsed.text,
    kind: parsed.kind,
    categories: remaining.length > 0 ? remaining : [...parsed.categories],
    bpm: {
      min: exact ? Math.floor(bpm.min! - slack) : (bpm?.min ?? null),
      max: exact ? Math.ceil(bpm.max! + slack) : (bpm?.max ?? null),
      halfDouble: false,
    },
    key: parsed.key ? { tonic: parsed.key.tonic, scale: parsed.key.scale ?? 'major', compatible: false } : null,
    duration: parsed.duration ?? { ...EMPTY_QUERY.duration },
  };
}

/**
 * The leftover words of a search split by whether the library has them. Without the sound
 * search (CLAP), leftover words are a text filter that requires each of them, so one that no
 * sample's name, folder or tags contain ("dark" in "dark pads in F minor") would empty the
 * result on its own: the search box leaves it out and says so. A word some sample has still
 * filters, so exact name searches work. Words are whitespace-separated pieces as typed, so that
 * "lo-fi" is kept or left out whole.
 */
export function splitLeftoverText(text: string, found: (word: string) => boolean): { kept: string; missing: string[] } {
  const kept: string[] = [];
  const missing: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) (found(word) ? kept : missing).push(word);
  return { kept: kept.join(' '), missing };
}

/** Enter on words that no sample has and that name no filter ("dark"): what would find them. */
export function unreadWordsHint(missing: readonly string[]): string {
  const words = missing.map((word) => `“${word}”`).join(' or ');
  return `No sample’s name, folder or tags have ${words}, and no category, tempo or key is named. To find samples by how they sound, add the optional model under ⚙ (sound search by words).`;
}

/** `No sample’s name, folder or tags match “dark”: showing pad, F minor (4A)`: the words left out, and what is shown instead. */
export function leftOutWordsHint(missing: readonly string[], shown: LibraryQuery): string {
  const words = missing.map((word) => `“${word}”`).join(' or ');
  const filters = queryChips(shown).map((chip) => chip.label);
  return `No sample’s name, folder or tags match ${words}: showing ${filters.length > 0 ? filters.join(', ') : 'all samples'}`;
}
