/**
 * Tempo and length expressions of the query grammar: "125 bpm", "around 125", "170-175bpm",
 * "between 1 and 2 seconds", "over 140", "less than 500 ms", "140+ bpm", "128-ish".
 */
import type { Comparator } from './queryVocabulary';
import { BARE_BPM_RANGE, BPM_TOLERANCE, COMPARATORS, CUED_BPM_RANGE, DURATION_TOLERANCE, FOREIGN_UNITS, UNITS } from './queryVocabulary';
import type { QueryToken } from './queryTokens';
import { isNumber } from './queryTokens';

export interface NumberRange {
  min: number | null;
  max: number | null;
}

export interface NumberExpression {
  /** Tokens it spans. */
  length: number;
  unit: 'bpm' | 'seconds';
  range: NumberRange;
}

const RANGE_JOINERS: ReadonlySet<string> = new Set(['-', '–', '—', 'to']);
/** "beats per minute" is a unit of three words. */
const UNIT_PHRASES: readonly (readonly string[])[] = [
  ['beats', 'per', 'minute'],
  ['beats', 'per', 'min'],
  ['beat', 'per', 'minute'],
];

/** Milliseconds are the finest a length filter needs; also hides 0.30000000000000004. */
const roundSeconds = (n: number): number => Math.round(n * 1000) / 1000;
const roundBpm = (n: number): number => Math.round(n * 100) / 100;

function wordsAt(tokens: readonly QueryToken[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.word === w);
}

function comparatorAt(tokens: readonly QueryToken[], i: number): Comparator | null {
  return COMPARATORS.find((c) => wordsAt(tokens, i, c.words)) ?? null;
}

/** A unit at i and how many tokens it spans. */
function unitAt(tokens: readonly QueryToken[], i: number): { unit: 'bpm' | 'seconds'; factor: number; length: number } | null {
  const phrase = UNIT_PHRASES.find((words) => wordsAt(tokens, i, words));
  if (phrase) return { unit: 'bpm', factor: 1, length: phrase.length };
  const single = tokens[i] ? UNITS[tokens[i].word] : undefined;
  return single ? { ...single, length: 1 } : null;
}

const inside = (n: number, range: { min: number; max: number }): boolean => n >= range.min && n <= range.max;

/**
 * The tempo or length expression starting at token i, or null. A number without a unit is a
 * tempo when it could be one (docs/QUERY-PARSER.md), so "dnb 174" is 174 BPM while "kick 10",
 * "909" and "4 bars" stay words.
 */
export function matchNumberExpression(tokens: readonly QueryToken[], i: number): NumberExpression | null {
  let j = i;
  const comparator = comparatorAt(tokens, j);
  if (comparator) j += comparator.words.length;
  const rangeStart = tokens[j]?.word === 'between' || tokens[j]?.word === 'from';
  if (rangeStart) j++;
  if (!tokens[j] || !isNumber(tokens[j]!.word)) return null;
  const values = [Number(tokens[j]!.word)];
  const firstNumber = tokens[j]!;
  j++;
  const joiner = tokens[j]?.word;
  if (joiner && (RANGE_JOINERS.has(joiner) || (rangeStart && joiner === 'and')) && tokens[j + 1] && isNumber(tokens[j + 1]!.word)) {
    values.push(Number(tokens[j + 1]!.word));
    j += 2;
  }
  // Suffixes in any order: "140+ bpm", "140 bpm+", "128-ish bpm", "125bpm-ish".
  let plus = false;
  let ish = false;
  let unit: ReturnType<typeof unitAt> = null;
  let unitToken: QueryToken | undefined;
  for (;;) {
    const suffix = tokens[j]?.word;
    const unitHere: ReturnType<typeof unitAt> = unit ? null : unitAt(tokens, j);
    if (suffix === '+' && !plus) plus = true;
    else if (suffix === 'ish' && !ish) ish = true;
    else if (unitHere) {
      unit = unitHere;
      unitToken = tokens[j];
      j += unitHere.length - 1;
    } else break;
    j++;
  }
  if (!unit && tokens[j] && FOREIGN_UNITS.has(tokens[j]!.word)) return null;

  const cued = comparator !== null || rangeStart || values.length > 1 || plus || ish;
  // "90s", "808s": a glued "s" after a big number without a cue is a plural or a decade, not seconds.
  if (!cued && unit?.unit === 'seconds' && unitToken?.word === 's' && unitToken.glue === 'none' && values[0]! >= 50) return null;

  let kind: 'bpm' | 'seconds';
  if (unit) kind = unit.unit;
  else if (comparator?.unit) kind = comparator.unit;
  else if (cued && values.every((v) => inside(v, CUED_BPM_RANGE))) kind = 'bpm';
  else if (cued && values.every((v) => v < CUED_BPM_RANGE.min)) kind = 'seconds';
  else if (
    !cued &&
    values.length === 1 &&
    Number.isInteger(values[0]) &&
    inside(values[0]!, BARE_BPM_RANGE) &&
    firstNumber.glue !== 'hyphen'
  )
    kind = 'bpm';
  else return null;

  const scaled = values.map((v) => (kind === 'seconds' ? roundSeconds(v * (unit?.factor ?? 1)) : v));
  return { length: j - i, unit: kind, range: rangeOf(scaled, kind, comparator, plus, ish) };
}

function rangeOf(values: number[], unit: 'bpm' | 'seconds', comparator: Comparator | null, plus: boolean, ish: boolean): NumberRange {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (values.length > 1) return { min: low, max: high };
  const value = values[0]!;
  if (plus || comparator?.bound === 'min') return { min: value, max: null };
  if (comparator?.bound === 'max') return { min: null, max: value };
  const around = ish || comparator?.bound === 'around';
  if (unit === 'bpm')
    return around ? { min: roundBpm(value - BPM_TOLERANCE), max: roundBpm(value + BPM_TOLERANCE) } : { min: value, max: value };
  // A length is never exact to the millisecond, so a bare "2 seconds" means about 2 seconds.
  return { min: roundSeconds(value * (1 - DURATION_TOLERANCE)), max: roundSeconds(value * (1 + DURATION_TOLERANCE)) };
}
