/**
 * Splits a typed search into tokens for the query parser, and corrects typos of vocabulary
 * words ("kcik", "percusion"). Numbers are split from glued units ("125bpm", "0.5s") and ranges
 * ("170-175"), so the grammar sees one thing per token.
 */

export interface QueryToken {
  /** As typed, for the cases where letter case means something ("A" the key, "a" the article). */
  raw: string;
  /** Lower-case, typo-corrected. */
  word: string;
  /** What stood between this token and the one before: a space, a hyphen ("lo-fi"), or nothing ("125bpm"). */
  glue: 'space' | 'hyphen' | 'none';
}

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const NUMBER_RE = new RegExp(`^${NUMBER}$`);
const RANGE_RE = new RegExp(`^(${NUMBER})[-–—](${NUMBER})([a-z]*)$`, 'i');
const GLUED_UNIT_RE = new RegExp(`^(${NUMBER})(bpm|bpms|bmp|ms|msec|s|sec|secs|seconds?|mins?|minutes?|ish)$`, 'i');
const PREFIX_SYMBOL_RE = /^(<=|>=|~|<|>|@)(.+)$/;
/** Punctuation around a word that carries no meaning ("Loops.", "(dark)", "vocals!"). */
const EDGE_PUNCTUATION_RE = /^(?:[,;!?"'()[\]{}…]|\.(?!\d))+|[.,;!?"'()[\]{}…]+$/g;

export const isNumber = (word: string): boolean => NUMBER_RE.test(word);

function token(raw: string, glue: QueryToken['glue']): QueryToken {
  return { raw, word: raw.toLowerCase(), glue };
}

/** Splits one hyphen-free piece: prefix symbols, glued units, a trailing "+" ("140+", "bpm+"). */
function splitPiece(piece: string, glue: QueryToken['glue'], out: QueryToken[]): void {
  const prefix = PREFIX_SYMBOL_RE.exec(piece);
  if (prefix) {
    out.push(token(prefix[1]!, glue));
    splitPiece(prefix[2]!, 'none', out);
    return;
  }
  if (piece.length > 1 && piece.endsWith('+')) {
    splitPiece(piece.slice(0, -1), glue, out);
    out.push(token('+', 'none'));
    return;
  }
  const glued = GLUED_UNIT_RE.exec(piece);
  if (glued) {
    out.push(token(glued[1]!, glue), token(glued[2]!, 'none'));
    return;
  }
  if (piece) out.push(token(piece, glue));
}

/** Splits one whitespace-free chunk of the text. */
function splitChunk(chunk: string, out: QueryToken[]): void {
  const trailingComma = /[,;]$/.test(chunk);
  const text = chunk.replace(EDGE_PUNCTUATION_RE, '');
  if (text.toLowerCase() === 'w/o' || /^[a-z]&[a-z]$/i.test(text) || /^\d+\/\d+$/.test(text)) out.push(token(text, 'space'));
  else if (/[a-z][/&+,;][a-z]/i.test(text)) {
    // "hats/percs", "kicks+snares", "kick,snare": a list without spaces.
    const parts = text.split(/([/&+,;])/);
    parts.forEach((part) => (/^[/&+,;]$/.test(part) ? out.push(token(part, 'space')) : splitChunk(part, out)));
  } else if (RANGE_RE.test(text)) {
    const [, low, high, unit] = RANGE_RE.exec(text)!;
    out.push(token(low!, 'space'), token('-', 'none'), token(high!, 'none'));
    if (unit) out.push(token(unit, 'none'));
  } else if (/^-[a-z]/i.test(text)) {
    // "-snare": the search-engine way of saying "without". The word after it is glued to the
    // "-", which tells it from a free-standing dash ("kick - snare").
    out.push(token('-', 'space'));
    const first = out.length;
    splitChunk(text.slice(1), out);
    if (out[first]) out[first].glue = 'none';
  } else {
    text.split(/(?<=[^-–—])[-–—](?=.)/).forEach((piece, i) => splitPiece(piece, i === 0 ? 'space' : 'hyphen', out));
  }
  if (trailingComma) out.push(token(',', 'none'));
}

/** The tokens of a typed search, typos not yet corrected. */
export function tokenizeQuery(text: string): QueryToken[] {
  const out: QueryToken[] = [];
  for (const chunk of text.trim().split(/[\s:=]+/)) if (chunk) splitChunk(chunk, out);
  return out.filter((t) => t.word !== '');
}

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const VOWELS = 'aeiouy';
/** Typing the neighbouring key, or the wrong vowel ("cymbol"), are the substitutions people make. */
function plausibleSubstitution(a: string, b: string): boolean {
  if (VOWELS.includes(a) && VOWELS.includes(b)) return true;
  for (let row = 0; row < QWERTY_ROWS.length; row++) {
    const i = QWERTY_ROWS[row]!.indexOf(a);
    if (i < 0) continue;
    for (let other = Math.max(0, row - 1); other <= Math.min(QWERTY_ROWS.length - 1, row + 1); other++) {
      const j = QWERTY_ROWS[other]!.indexOf(b);
      if (j >= 0 && Math.abs(i - j) <= 1) return true;
    }
  }
  return false;
}

/**
 * Whether `typed` is one typo away from `known`. Short words need a swap of two neighbouring
 * letters ("kcik"); from five letters up a dropped, doubled or mistyped letter also counts.
 */
export function isOneTypoAway(typed: string, known: string): boolean {
  if (typed === known || typed.length < 4 || Math.abs(typed.length - known.length) > 1) return false;
  if (typed.length === known.length) {
    const diffs: number[] = [];
    for (let i = 0; i < typed.length && diffs.length <= 2; i++) if (typed[i] !== known[i]) diffs.push(i);
    if (diffs.length === 2) {
      const [i, j] = diffs as [number, number];
      return j === i + 1 && typed[i] === known[j] && typed[j] === known[i];
    }
    return diffs.length === 1 && typed.length >= 5 && plausibleSubstitution(typed[diffs[0]!]!, known[diffs[0]!]!);
  }
  if (Math.min(typed.length, known.length) < 4 || typed.length < 5) return false;
  // A letter added at the end makes a new word, not a slip: "bassy", "loopy", "voiced".
  if (typed.startsWith(known)) return false;
  const [longer, shorter] = typed.length > known.length ? [typed, known] : [known, typed];
  for (let i = 0; i < longer.length; i++) if (longer.slice(0, i) + longer.slice(i + 1) === shorter) return true;
  return false;
}

/**
 * Replaces each unknown word that is one typo away from words of a single meaning (`targets`
 * maps each vocabulary word to what it means) by the first of them. Known words, and ordinary words in
 * `notTypos` ("strong" is not "string"), are never touched.
 */
export function correctTypos(
  tokens: QueryToken[],
  known: ReadonlySet<string>,
  targets: ReadonlyMap<string, string>,
  notTypos: ReadonlySet<string>,
): QueryToken[] {
  return tokens.map((t) => {
    if (known.has(t.word) || notTypos.has(t.word) || notTypos.has(t.word.replace(/s$/, '')) || !/^[a-z]+$/.test(t.word)) return t;
    const forms = [...targets.keys()].filter((form) => isOneTypoAway(t.word, form));
    const meanings = new Set(forms.map((form) => targets.get(form)));
    return meanings.size === 1 ? { ...t, word: forms[0]! } : t;
  });
}
