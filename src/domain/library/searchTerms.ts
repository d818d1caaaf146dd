/**
 * The live text search with category words: while the user types, a word that names a category
 * ("kick", "snares", "hi-hat", "vox") finds the samples of that category as well as those whose
 * name, folder or tags contain it, as if the category were part of each sample's text. The
 * category is read from the row at search time rather than indexed, so a row's text index entry
 * stays its path and tags, and an analysis or a correction that changes the category changes
 * what matches as soon as the row does.
 */
import { isOneTypoAway } from '../ai/queryTokens';
import { NOT_TYPOS, PHRASE_CATEGORIES, PHRASE_KINDS, TYPO_TARGETS } from '../ai/queryVocabulary';
import { isAudioFileName } from '../audioFormats';
import { CATEGORIES } from '../corrections';
import { foldAccents, tokenize } from './textMatch';

/** Words of a search that rows must match together: all in their text, or, for a category phrase, instead a category it names. */
export interface SearchTerm {
  words: readonly string[];
  /** The categories the words name ("hi hat" → hihat), or null for plain words. */
  categories: ReadonlySet<string> | null;
}

/** How a kind stands among the categories a term names ("loops" finds the loops, whatever their names). */
const kindTerm = (kind: string): string => `kind:${kind}`;
/** The same, made once: the row loop below runs over 100k rows and must not build strings. */
const KIND_TERMS: Readonly<Record<string, string>> = { loop: kindTerm('loop'), 'one-shot': kindTerm('one-shot') };

/**
 * Phrases (text index words joined by spaces) that name categories: the query vocabulary's, each
 * category's own name ("fx"), and the kind words ("loop", "one shots"), which found nothing before.
 */
const CATEGORY_PHRASES: ReadonlyMap<string, readonly string[]> = (() => {
  const table = new Map<string, readonly string[]>(PHRASE_CATEGORIES);
  for (const [phrase, kind] of PHRASE_KINDS) if ((table.get(phrase) ?? []).length === 0) table.set(phrase, [kindTerm(kind)]);
  for (const category of CATEGORIES) {
    const name = tokenize(category).join(' ');
    if (!table.has(name)) table.set(name, [category]);
  }
  return table;
})();
const LONGEST_PHRASE = Math.max(...[...CATEGORY_PHRASES.keys()].map((key) => key.split(' ').length));

/** The shortest start of a word that finds a category while it is being typed ("kic", "sna", "cym"). */
const MIN_TYPED_PREFIX = 3;

/** The categories of the one-word category names that begin with `start` ("sna" → snare). */
function categoriesStartingWith(start: string): Set<string> {
  const found = new Set<string>();
  for (const [phrase, categories] of CATEGORY_PHRASES) {
    if (!phrase.includes(' ') && phrase.startsWith(start)) categories.forEach((c) => found.add(c));
  }
  return found;
}

/**
 * The typo forms the query parser corrects to, with the categories (or kind) each names: "snaer"
 * is one slip from "snare". Forms of other meanings (major, minor, short...) are left out.
 */
const TYPO_CATEGORY_FORMS: ReadonlyMap<string, string> = new Map(
  [...TYPO_TARGETS].filter(
    ([, meaning]) =>
      meaning === 'loop' || meaning === 'one-shot' || meaning.split(',').every((c) => (CATEGORIES as readonly string[]).includes(c)),
  ),
);

/**
 * The categories a mistyped category word names ("kcik" → kick, "hihta" → hihat), as Enter's
 * parser reads it (queryTokens.correctTypos): one slip from words of a single meaning, never an
 * ordinary word ("licks" is not "kicks"). Null for any other word.
 */
function categoriesOfTypo(word: string): Set<string> | null {
  if (!/^[a-z]+$/.test(word) || NOT_TYPOS.has(word) || NOT_TYPOS.has(word.replace(/s$/, ''))) return null;
  const meanings = new Set<string>();
  for (const [form, meaning] of TYPO_CATEGORY_FORMS) if (isOneTypoAway(word, form)) meanings.add(meaning);
  const [meaning] = meanings;
  if (meanings.size !== 1 || meaning === undefined) return null;
  return new Set(meaning === 'loop' || meaning === 'one-shot' ? [KIND_TERMS[meaning]!] : meaning.split(','));
}

/**
 * A search split into terms, words tokenized as the text index does. Category phrases are
 * matched whole, longest first, so that "kick drum" is one term and "drum and bass" stays three
 * plain words. The word being typed (the last, no space after it yet) also matches the categories
 * it begins, from three letters: "sna" lists the snares as the user types "snare", not nothing
 * until the word is whole.
 */
export function searchTerms(query: string): SearchTerm[] {
  const words = tokenize(query);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < words.length;) {
    let length = Math.min(LONGEST_PHRASE, words.length - i);
    for (; length > 0; length--) {
      const categories = CATEGORY_PHRASES.get(words.slice(i, i + length).join(' '));
      if (categories === undefined) continue;
      terms.push({ words: words.slice(i, i + length), categories: categories.length > 0 ? new Set(categories) : null });
      break;
    }
    if (length === 0) terms.push({ words: [words[i]!], categories: null });
    i += Math.max(length, 1);
  }
  const last = terms[terms.length - 1];
  const typing = last && !last.categories && last.words.length === 1 && last.words[0]!.length >= MIN_TYPED_PREFIX && !/\s$/.test(query);
  if (typing) {
    const begun = categoriesStartingWith(last.words[0]!);
    if (begun.size > 0) terms[terms.length - 1] = { words: last.words, categories: begun };
  }
  // Typos forgiven as Enter forgives them: "kcik" listed nothing while typed, and the kicks after Enter.
  return terms.map((term) => {
    if (term.categories || term.words.length !== 1) return term;
    const corrected = categoriesOfTypo(term.words[0]!);
    return corrected ? { words: term.words, categories: corrected } : term;
  });
}

/** What searchText needs of a row: its id and, once analysed, its (corrected) category and kind. */
export interface CategorisedRow {
  id: number;
  analysis: { category: string | null; kind?: string | null } | null;
}

/**
 * Ids of the rows that match every term of a search, or null when it has no words (everything
 * matches). `searchWords` answers for plain words, all required (the text index's search); it
 * must return a new set each time, which this adds to. Rows are only read when a word names a
 * category: one pass over them, a millisecond or two at 100k rows.
 */
export function searchText(
  query: string,
  searchWords: (words: string) => Set<number> | null,
  rows: Iterable<CategorisedRow>,
): Set<number> | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  const plainWords = terms.filter((term) => !term.categories).flatMap((term) => term.words);
  const categoryTerms = terms.filter((term) => term.categories);
  let hits = plainWords.length > 0 ? (searchWords(plainWords.join(' ')) ?? new Set<number>()) : null;
  if (categoryTerms.length === 0 || hits?.size === 0) return hits;

  const termHits = categoryTerms.map((term) => searchWords(term.words.join(' ')) ?? new Set<number>());
  const byKind = categoryTerms.some((term) => [...term.categories!].some((c) => c.startsWith('kind:')));
  for (const row of rows) {
    const analysis = row.analysis;
    if (!analysis) continue;
    const category = analysis.category;
    const kind = byKind && analysis.kind ? KIND_TERMS[analysis.kind] : undefined;
    for (let k = 0; k < categoryTerms.length; k++) {
      const named = categoryTerms[k]!.categories!;
      if ((category && named.has(category)) || (kind && named.has(kind))) termHits[k]!.add(row.id);
    }
  }
  for (const found of termHits) hits = hits ? intersection(hits, found) : found;
  return hits;
}

/** A word typed whole that the search splits into several: letters against digits ("e02", "Pack05") or a file name. */
const isVerbatimPart = (part: string): boolean => /[a-z]\d|\d[a-z]/.test(part) || (part.includes('.') && isAudioFileName(part));

/**
 * Narrows a search's hits to the rows whose name or folder holds a word typed whole, verbatim,
 * where any does: "e02.wav" is split into e, 02 and wav (as names are indexed), which every name
 * with an "e", a "02" and ".wav" matched (27 of 113 samples); now it finds e02.wav. Where no row
 * holds the word as typed ("kick02" for "Kick_02"), the split words' hits stay.
 */
export function preferVerbatim(hits: Set<number> | null, query: string, rows: Iterable<{ id: number; path: string }>): Set<number> | null {
  if (!hits || hits.size <= 1) return hits;
  const parts = foldAccents(query).toLowerCase().split(/\s+/).filter(isVerbatimPart);
  if (parts.length === 0) return hits;
  const verbatim = new Set<number>();
  for (const row of rows) {
    if (!hits.has(row.id)) continue;
    const text = foldAccents(row.path).toLowerCase();
    if (parts.every((part) => text.includes(part))) verbatim.add(row.id);
  }
  return verbatim.size > 0 ? verbatim : hits;
}

function intersection(a: Set<number>, b: Set<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const both = new Set<number>();
  for (const id of small) if (large.has(id)) both.add(id);
  return both;
}
