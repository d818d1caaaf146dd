/**
 * A model's refinement of the offline parser's reading of a search. The model sees the text and
 * the parser's JSON, answers JSON in this schema, and the answer is checked field by field: if
 * anything is off, the parser's reading stands.
 */
import type { ChatMessage, JsonSchema } from './chat';
import { CATEGORIES } from '../corrections';
import { toPitchName } from '../music/pitch';
import type { Category, ParsedQuery } from './queryParser';
import { isRecord } from '../json';

const range = (description: string): JsonSchema => ({
  type: ['object', 'null'],
  description,
  properties: { min: { type: ['number', 'null'] }, max: { type: ['number', 'null'] } },
  required: ['min', 'max'],
  additionalProperties: false,
});

export const PARSED_QUERY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    text: { type: 'string', description: 'Descriptive words left over (timbre, mood), lower-case; "" when none.' },
    kind: { type: ['string', 'null'], enum: ['one-shot', 'loop', null] },
    categories: { type: 'array', items: { type: 'string', enum: [...CATEGORIES] } },
    excludeCategories: { type: 'array', items: { type: 'string', enum: [...CATEGORIES] } },
    bpm: range('Tempo range in beats per minute; an exact tempo has min = max.'),
    key: {
      type: ['object', 'null'],
      properties: {
        tonic: { type: 'string', description: 'C, C#, D … B' },
        scale: { type: ['string', 'null'], enum: ['major', 'minor', null] },
      },
      required: ['tonic', 'scale'],
      additionalProperties: false,
    },
    duration: range('Length range in seconds.'),
    excludeWords: { type: 'array', items: { type: 'string' } },
  },
  required: ['text', 'kind', 'categories', 'excludeCategories', 'bpm', 'key', 'duration', 'excludeWords'],
  additionalProperties: false,
};

/** The messages that ask a model to refine the parser's reading. */
export function refineQueryMessages(text: string, parsed: ParsedQuery): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        "You turn a music producer's search for samples into a structured query. Categories: " +
        `${CATEGORIES.join(', ')}. kind is "one-shot" (single hits) or "loop". Tempo words: slow is under 90 bpm, fast over 140. ` +
        'Keep descriptive words (punchy, dark, dusty) in text. Use null where the search says nothing. ' +
        'A rule-based parser already read the search; correct it only where it misread. Answer with the JSON object only.',
    },
    { role: 'user', content: `Search: ${JSON.stringify(text)}\nParser's reading: ${JSON.stringify(parsed)}` },
  ];
}

export type RefineResult = { ok: true; query: ParsedQuery } | { ok: false; reason: string };

const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORIES);

function readRange(value: unknown, field: string, low: number, high: number): { min: number | null; max: number | null } | null | string {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return `${field} is not a range`;
  const ends: (number | null)[] = [];
  for (const end of [value.min, value.max]) {
    if (end === null || end === undefined) ends.push(null);
    else if (typeof end === 'number' && Number.isFinite(end) && end >= low && end <= high) ends.push(end);
    else return `${field} has ${JSON.stringify(end)}, outside ${low}–${high}`;
  }
  const [min, max] = ends as [number | null, number | null];
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min > max) return `${field} runs backwards`;
  return { min, max };
}

function readCategories(value: unknown, field: string): Category[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return `${field} is not a list`;
  const out: Category[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !CATEGORY_SET.has(item)) return `${field} names an unknown category ${JSON.stringify(item)}`;
    if (!out.includes(item as Category)) out.push(item as Category);
  }
  return out;
}

/** Checks a model's answer (JSON text) against the schema and the app's vocabulary. */
export function validateRefinedQuery(answer: string): RefineResult {
  let value: unknown;
  try {
    value = JSON.parse(answer.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { ok: false, reason: 'the answer is not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'the answer is not an object' };
  if (typeof value.text !== 'string') return { ok: false, reason: 'text is missing' };
  const kind = value.kind ?? null;
  if (kind !== null && kind !== 'one-shot' && kind !== 'loop') return { ok: false, reason: `kind ${JSON.stringify(kind)} is unknown` };
  const categories = readCategories(value.categories, 'categories');
  const excludeCategories = readCategories(value.excludeCategories, 'excludeCategories');
  const bpm = readRange(value.bpm, 'bpm', 20, 400);
  const duration = readRange(value.duration, 'duration', 0, 3600);
  for (const checked of [categories, excludeCategories, bpm, duration])
    if (typeof checked === 'string') return { ok: false, reason: checked };
  let key: ParsedQuery['key'] = null;
  if (value.key !== null && value.key !== undefined) {
    if (!isRecord(value.key) || typeof value.key.tonic !== 'string') return { ok: false, reason: 'key has no tonic' };
    const tonic = toPitchName(value.key.tonic);
    const scale = value.key.scale ?? null;
    if (!tonic) return { ok: false, reason: `key tonic ${JSON.stringify(value.key.tonic)} is not a note` };
    if (scale !== null && scale !== 'major' && scale !== 'minor') return { ok: false, reason: `scale ${JSON.stringify(scale)} is unknown` };
    key = { tonic, scale };
  }
  const excludeWords = Array.isArray(value.excludeWords) ? value.excludeWords.filter((w): w is string => typeof w === 'string') : [];
  return {
    ok: true,
    query: {
      text: value.text.trim().toLowerCase(),
      kind,
      categories: categories as Category[],
      excludeCategories: excludeCategories as Category[],
      bpm: bpm as ParsedQuery['bpm'],
      key,
      duration: duration as ParsedQuery['duration'],
      excludeWords: excludeWords.map((w) => w.toLowerCase()),
    },
  };
}
