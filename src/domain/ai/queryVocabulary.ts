/**
 * The words the query parser knows (docs/QUERY-PARSER.md), and lookups over them; the grammar
 * that uses them is in queryParser.ts. Phrases are lower-case words; a phrase's last word also matches in the
 * plural ("kicks", "basses"), so plurals need no entry of their own.
 */
import type { SampleKind } from '../analysis';
import { CATEGORIES, DRUM_CATEGORIES } from '../corrections';
import type { QueryToken } from './queryTokens';

export type Category = (typeof CATEGORIES)[number];

/** The drum family in the order CATEGORIES lists it; "drums" means all of these. */
export const DRUM_FAMILY: readonly Category[] = CATEGORIES.filter((c) => DRUM_CATEGORIES.has(c));

/** Synonyms of each category, as the words a producer types. */
const CATEGORY_SYNONYMS: Readonly<Partial<Record<Category, readonly string[]>>> = {
  kick: ['kick', 'kik', 'kickdrum', 'kick drum', 'bass drum', 'bassdrum', 'bd'],
  snare: ['snare', 'snr', 'snare drum'],
  clap: ['clap', 'handclap', 'hand clap', 'snap', 'finger snap'],
  hihat: ['hat', 'hihat', 'hi hat', 'high hat', 'highhat', 'hh'],
  tom: ['tom'],
  cymbal: ['cymbal', 'crash', 'ride', 'splash', 'china'],
  percussion: [
    'perc',
    'percussion',
    'shaker',
    'tambourine',
    'tamb',
    'conga',
    'bongo',
    'cowbell',
    'clave',
    'woodblock',
    'triangle',
    'rim',
    'rimshot',
  ],
  'drum-loop': ['drum loop', 'drumloop', 'drums loop', 'break', 'breakbeat', 'drum break', 'beat', 'top loop'],
  // "bass guitar" is played as a bass line, so it files under bass rather than guitar.
  bass: ['bass', 'bassline', 'bass line', 'sub', 'subbass', 'sub bass', 'bass guitar'],
  keys: ['keys', 'piano', 'rhodes', 'e piano', 'epiano', 'electric piano', 'organ', 'wurli', 'wurlitzer', 'keyboard', 'clavinet', 'clav'],
  lead: ['lead'],
  pad: ['pad'],
  pluck: ['pluck'],
  strings: ['string', 'strings', 'violin', 'viola', 'cello', 'string section'],
  brass: ['brass', 'horn', 'trumpet', 'trombone', 'tuba', 'brass section'],
  guitar: ['guitar', 'gtr'],
  woodwind: ['woodwind', 'flute', 'clarinet', 'oboe', 'sax', 'saxophone', 'bassoon'],
  // "lead vocal" is a vocal, not a lead synth.
  vocal: ['vocal', 'vox', 'voice', 'acapella', 'acappella', 'a capella', 'a cappella', 'choir', 'adlib', 'ad lib', 'lead vocal'],
};

/** "drums" and "drum kit" name the whole drum family. */
const DRUM_FAMILY_WORDS = ['drum', 'drum kit', 'drumkit'];

export interface VocabularyEntry {
  words: readonly string[];
  /** What the phrase means: categories, a sample kind, or a genre kept verbatim as text. */
  meaning:
    { type: 'categories'; categories: readonly Category[]; family: boolean } | { type: 'kind'; kind: SampleKind } | { type: 'genre' };
}

const KIND_WORDS: Readonly<Record<SampleKind, readonly string[]>> = {
  'one-shot': ['one shot', 'oneshot', '1 shot', '1shot', 'hit', 'shot', 'single hit'],
  loop: ['loop', 'looped', 'looping'],
};

/**
 * Genres that contain a category word but name no category: "drum and bass loops" are not
 * drums plus basses. They stay in the text as written.
 */
const GENRES = ['drum and bass', 'drum n bass', 'drum & bass', 'bass house', 'bass music', 'future bass', 'uk bass'];

const phrase = (text: string): string[] => text.split(' ');

/** Every phrase, longest first so that "bass drum" wins over "bass". */
export const PHRASES: readonly VocabularyEntry[] = [
  ...GENRES.map((g): VocabularyEntry => ({ words: phrase(g), meaning: { type: 'genre' } })),
  ...Object.entries(CATEGORY_SYNONYMS).flatMap(([category, synonyms]) =>
    synonyms!.map((s): VocabularyEntry => ({
      words: phrase(s),
      meaning: { type: 'categories', categories: [category as Category], family: false },
    })),
  ),
  ...DRUM_FAMILY_WORDS.map((w): VocabularyEntry => ({
    words: phrase(w),
    meaning: { type: 'categories', categories: DRUM_FAMILY, family: true },
  })),
  ...Object.entries(KIND_WORDS).flatMap(([kind, words]) =>
    words.map((w): VocabularyEntry => ({ words: phrase(w), meaning: { type: 'kind', kind: kind as SampleKind } })),
  ),
].sort((a, b) => b.words.length - a.words.length);

/** Words that carry no meaning of their own in a search. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the in with some any of for me i im i'm am my please pls find show give get want need looking look search searching like " +
    'that which are is be and or but only just sample samples sound sounds type style kinda very really super quite too ' +
    'key scale tempo at to on something stuff everything anything ish approx one kind sort bpm camelot'
  ).split(' '),
);

/** Words that join a list: "kicks, snares and claps", "no kicks or snares". A negation reaches across them. */
export const CONNECTORS: ReadonlySet<string> = new Set(['and', 'or', 'nor', ',', ';', '&', '/', '+', 'but', 'plus']);

/** Words that negate what follows ("-snare" is tokenised as "-" "snare"). */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'w/o',
  'excluding',
  'exclude',
  'except',
  'minus',
  'non',
  '-',
  'sans',
]);

/** Tempo words and the range they mean (BPM). */
export const TEMPO_WORDS: Readonly<Record<string, { min: number | null; max: number | null }>> = {
  slow: { min: null, max: 90 },
  fast: { min: 140, max: null },
  uptempo: { min: 140, max: null },
};
/** "slow attack", "fast release": the word describes the envelope, not the tempo. */
export const ENVELOPE_WORDS: ReadonlySet<string> = new Set([
  'attack',
  'release',
  'decay',
  'swell',
  'fade',
  'sweep',
  'filter',
  'lfo',
  'vibrato',
  'arp',
  'strum',
]);

/**
 * What "short" and "long" mean, in seconds. A short one-shot and a short loop are different
 * lengths, so the loop thresholds apply when the query is about loops.
 */
export const LENGTH_THRESHOLDS = {
  oneShot: { short: 0.5, long: 2 },
  loop: { short: 4, long: 8 },
} as const;
export const LENGTH_WORDS: ReadonlySet<string> = new Set(['short', 'long']);

/** "around 125": plus or minus this many BPM. */
export const BPM_TOLERANCE = 3;
/** "around 2 seconds" or a bare "2 seconds": plus or minus this share of the value. */
export const DURATION_TOLERANCE = 0.2;
/** A number with no unit and no cue ("dnb 174") is a tempo only inside this range, so "kick 10" and "909" stay text. */
export const BARE_BPM_RANGE = { min: 60, max: 200 } as const;
/** A number with a cue ("over 140", "around 90") but no unit is a tempo inside this range, else seconds. */
export const CUED_BPM_RANGE = { min: 40, max: 300 } as const;

/** Words before a number and the bound they set; `unit` when the word implies one ("faster than" is a tempo). */
export interface Comparator {
  words: readonly string[];
  bound: 'min' | 'max' | 'around' | 'exact';
  unit: 'bpm' | 'seconds' | null;
}
const comparators = (bound: Comparator['bound'], unit: Comparator['unit'], words: readonly string[]): Comparator[] =>
  words.map((w) => ({ words: phrase(w), bound, unit }));
export const COMPARATORS: readonly Comparator[] = [
  ...comparators('min', null, ['over', 'above', 'more than', 'greater than', 'at least', 'min', 'minimum', '>', '>=']),
  ...comparators('max', null, ['under', 'below', 'less than', 'at most', 'max', 'maximum', 'up to', 'within', '<', '<=']),
  ...comparators('min', 'bpm', ['faster than']),
  ...comparators('max', 'bpm', ['slower than']),
  ...comparators('min', 'seconds', ['longer than']),
  ...comparators('max', 'seconds', ['shorter than']),
  ...comparators('around', null, ['around', 'about', 'approx', 'approximately', 'roughly', 'near', 'close to', 'circa', 'ca', '~']),
  // "at 90", "bpm 90", "tempo 120": a tempo, exactly.
  ...comparators('exact', 'bpm', ['at', '@', 'tempo', 'bpm']),
].sort((a, b) => b.words.length - a.words.length);

/** Unit words after a number; the factor turns the value into BPM or seconds. */
export const UNITS: Readonly<Record<string, { unit: 'bpm' | 'seconds'; factor: number }>> = {
  bpm: { unit: 'bpm', factor: 1 },
  bpms: { unit: 'bpm', factor: 1 },
  bmp: { unit: 'bpm', factor: 1 },
  s: { unit: 'seconds', factor: 1 },
  sec: { unit: 'seconds', factor: 1 },
  secs: { unit: 'seconds', factor: 1 },
  second: { unit: 'seconds', factor: 1 },
  seconds: { unit: 'seconds', factor: 1 },
  ms: { unit: 'seconds', factor: 0.001 },
  msec: { unit: 'seconds', factor: 0.001 },
  millisecond: { unit: 'seconds', factor: 0.001 },
  milliseconds: { unit: 'seconds', factor: 0.001 },
  min: { unit: 'seconds', factor: 60 },
  mins: { unit: 'seconds', factor: 60 },
  minute: { unit: 'seconds', factor: 60 },
  minutes: { unit: 'seconds', factor: 60 },
};
/** Words after a number that make it something else than a tempo or a length ("4 bars", "2 step", "-6 db"). */
export const FOREIGN_UNITS: ReadonlySet<string> = new Set('bar bars step steps db hz khz k % x st cents shot shots'.split(' '));

export const SCALE_WORDS: Readonly<Record<string, 'major' | 'minor'>> = {
  major: 'major',
  maj: 'major',
  minor: 'minor',
  min: 'minor',
  m: 'minor',
};

/** Words that put the next note name in key position: "in A", "key of G", "key: F#". */
export const KEY_CUES: ReadonlySet<string> = new Set(['in', 'key', 'of', 'tonic', 'root']);

/**
 * Ordinary words one typo away from a vocabulary word ("strong" / "string", "licks" / "kicks"):
 * never corrected.
 */
export const NOT_TYPOS: ReadonlySet<string> = new Set(
  (
    'strong licks ticks picks kinks rises sides tides hides rider clips clasp slaps crush trash clash brash grass ' +
    'share spare stare scare snore shout shirt sport local focal plucky beta heads reads loads leaks lends shaper bingo bongs shoot voiced'
  ).split(' '),
);

// Lookups derived from the vocabulary above.

/** A word and its plural ("kick", "kicks"; "bass", "basses"). */
const formsOf = (word: string): string[] => [word, /(s|x|z|sh|ch)$/.test(word) ? `${word}es` : `${word}s`];
const phraseWords = PHRASES.flatMap((p) => p.words.flatMap(formsOf));
/** Every word the grammar gives a meaning to: never "corrected" as a typo. */
export const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...phraseWords,
  ...STOP_WORDS,
  ...CONNECTORS,
  ...NEGATIONS,
  ...Object.keys(TEMPO_WORDS),
  ...ENVELOPE_WORDS,
  ...LENGTH_WORDS,
  ...COMPARATORS.flatMap((c) => c.words),
  ...Object.keys(UNITS),
  ...Object.keys(SCALE_WORDS),
  ...KEY_CUES,
  ...['sharp', 'flat', 'between', 'from', 'beats', 'per', 'minute', 'ish'],
]);
/**
 * Words a typo is corrected to, long enough that a one-letter slip is clearly a slip, each with
 * what it means: "snars" is one slip from "snare", "snares" and "snrs", which all mean snare.
 */
const meaningOf = (entry: VocabularyEntry): string =>
  entry.meaning.type === 'categories'
    ? entry.meaning.categories.join()
    : entry.meaning.type === 'kind'
      ? entry.meaning.kind
      : entry.words.join(' ');
export const TYPO_TARGETS: ReadonlyMap<string, string> = new Map(
  [
    ...PHRASES.filter((p) => p.words.length === 1).flatMap((p) =>
      formsOf(p.words[0]!).map((form): [string, string] => [form, meaningOf(p)]),
    ),
    ...['major', 'minor', 'short', 'second', 'seconds', 'without', 'excluding'].map((word): [string, string] => [word, word]),
  ].filter(([form]) => form.length >= 4 && /^[a-z]+$/.test(form)),
);

/** The vocabulary phrase starting at token i; a phrase's last word may be plural. */
export function matchPhrase(tokens: readonly QueryToken[], i: number): { length: number; entry: VocabularyEntry } | null {
  for (const entry of PHRASES) {
    const last = entry.words.length - 1;
    const matches = entry.words.every((w, k) => {
      const word = tokens[i + k]?.word;
      return word === w || (k === last && word !== undefined && formsOf(w).includes(word));
    });
    if (matches) return { length: entry.words.length, entry };
  }
  return null;
}

/**
 * The categories each vocabulary phrase names, keyed by its words joined by spaces, its last word
 * also in the plural ("hi hats", "kick drums"): for the live text search, which reads the words
 * of a search as they are typed. A genre or a kind names no category ([]), so that "drum and
 * bass" stays plain words rather than drums and basses.
 */
/** The sample kind each kind phrase names, in every form ("loops", "one shots"): for the live search. */
export const PHRASE_KINDS: ReadonlyMap<string, SampleKind> = (() => {
  const table = new Map<string, SampleKind>();
  for (const entry of PHRASES) {
    if (entry.meaning.type !== 'kind') continue;
    const head = entry.words.slice(0, -1);
    for (const last of formsOf(entry.words[entry.words.length - 1]!)) {
      const key = [...head, last].join(' ');
      if (!table.has(key)) table.set(key, entry.meaning.kind);
    }
  }
  return table;
})();

export const PHRASE_CATEGORIES: ReadonlyMap<string, readonly Category[]> = (() => {
  const table = new Map<string, readonly Category[]>();
  for (const entry of PHRASES) {
    const categories = entry.meaning.type === 'categories' ? entry.meaning.categories : [];
    const head = entry.words.slice(0, -1);
    // PHRASES is longest first, like matchPhrase: the first entry to claim a phrase keeps it.
    for (const last of formsOf(entry.words[entry.words.length - 1]!)) {
      const key = [...head, last].join(' ');
      if (!table.has(key)) table.set(key, categories);
    }
  }
  return table;
})();
