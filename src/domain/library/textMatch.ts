/**
 * How search text is split into words and how a query word matches an indexed one (typos
 * included): the rules TextIndex indexes and searches by.
 */

/** Lower-case words of a text: accents folded, split at punctuation, letter/digit and camelCase boundaries. */
export function tokenize(text: string): string[] {
  const folded = foldAccents(text);
  if (!NON_ASCII.test(folded)) return tokenizeAscii(folded);
  const words = folded
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, '$1$3 $2$4')
    .toLowerCase()
    // Marks belong to their word: a Devanagari vowel sign or a Japanese sound mark must not split it.
    .split(/[^\p{L}\p{M}\p{N}#]+/u)
    .filter(Boolean);
  return [...new Set(words)];
}
export const NON_ASCII = /[\u0080-\uffff]/;

/** Latin letters that no Unicode decomposition turns into plain letters, as they are typed on an English keyboard. */
const LATIN_SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};
const SPELLED_OUT_PATTERN = new RegExp(`[${Object.keys(LATIN_SPELLED_OUT).join('')}]`, 'g');

/**
 * A text as it is typed without accents, case kept: "Grüße" → "Grusse", "Café" → "Cafe",
 * "ﬁlter" → "filter", full-width "ＡＢＣ" → "ABC". Only marks on Latin letters are removed
 * (then the rest is recomposed), so other scripts keep their letters: "й" stays "й", "が" stays "が".
 */
export function foldAccents(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/([A-Za-z])\p{Mn}+/gu, '$1')
    .replace(SPELLED_OUT_PATTERN, (letter) => LATIN_SPELLED_OUT[letter]!)
    .normalize('NFC');
}

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const HASH = 4;
/** 0 for a separator, else what kind of word character an ASCII code is. */
function charClass(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return code === 35 ? HASH : 0;
}

/**
 * tokenize for ASCII text in one pass, without the regular expressions' intermediate strings
 * (indexing 100k paths spent most of its time allocating them). Same words: a break between a
 * lower-case and an upper-case letter, and between a letter and a digit, pairs taken left to
 * right as the global regular expression does ("x1y" splits as "x", "1y").
 */
function tokenizeAscii(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  let pairedUntil = -1;
  let previous = 0;
  for (let i = 0; i <= text.length; i++) {
    const current = i < text.length ? charClass(text.charCodeAt(i)) : 0;
    let split = current === 0;
    if (!split && previous !== 0) {
      const letters = (previous === LOWER || previous === UPPER) && current === DIGIT;
      const digits = previous === DIGIT && (current === LOWER || current === UPPER);
      if ((letters || digits) && pairedUntil < i - 1) {
        split = true;
        pairedUntil = i;
      } else if (previous === LOWER && current === UPPER) split = true;
    }
    if (split && start >= 0) {
      const word = lower.slice(start, i);
      if (!words.includes(word)) words.push(word);
      start = -1;
    }
    if (current !== 0 && start < 0) start = i;
    previous = current;
  }
  return words;
}

/** Edits allowed for a query word: none for short words (too many false hits), more for long ones. */
export function allowedEdits(word: string): number {
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance between a and b, or limit + 1 as soon as it must exceed
 * `limit` (so most comparisons stop after a row or two).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows of the table, reused across calls: a search compares against every word of the vocabulary.
  const width = b.length + 1;
  if (rowsBuffer.length < 3 * width) rowsBuffer = new Int32Array(3 * width * 2);
  let previous2 = 0;
  let previous = width;
  let current = 2 * width;
  const table = rowsBuffer;
  for (let j = 0; j < width; j++) table[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    table[current] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(table[previous + j]! + 1, table[current + j - 1]! + 1, table[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, table[previous2 + j - 2]! + 1);
      table[current + j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return table[previous + b.length]!;
}
let rowsBuffer = new Int32Array(3 * 64);

/** Whether an indexed word satisfies a query word: contains it, or is (or starts with) a near miss. */
export function wordMatches(queryWord: string, word: string): boolean {
  if (word.includes(queryWord)) return true;
  const limit = allowedEdits(queryWord);
  if (limit === 0) return false;
  if (boundedEditDistance(queryWord, word, limit) <= limit) return true;
  // "snre" finds "snares": compare with the word's beginning of about the query's length.
  return word.length > queryWord.length && boundedEditDistance(queryWord, word.slice(0, queryWord.length), limit) <= limit;
}
