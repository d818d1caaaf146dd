/**
 * The kit assistant's tools: the model searches the library through them and may only answer
 * with samples they returned (references like [#123] are checked against those results).
 */
import type { ChatMessage, ToolDefinition } from './chat';
import { CATEGORIES } from '../corrections';
import { EMPTY_QUERY, type LibraryQuery } from '../library/libraryQuery';
import { toPitchName } from '../music/pitch';
import { isRecord } from '../json';

export const SEARCH_SAMPLES_TOOL: ToolDefinition = {
  name: 'search_samples',
  description:
    "Search the user's sample library. Returns up to `limit` samples (id, kind, category, bpm, key, duration, loudness, tags). " +
    'Call it once per sound the kit needs (kick, snare, hats, a loop ...).',
  parameters: {
    type: 'object',
    properties: {
      categories: { type: 'array', items: { type: 'string', enum: [...CATEGORIES] }, description: 'Any of these categories.' },
      kind: { type: 'string', enum: ['one-shot', 'loop'] },
      bpmMin: { type: 'number' },
      bpmMax: { type: 'number' },
      key: { type: 'string', description: 'A key such as "A minor" or "F# major"; compatible keys match too.' },
      text: { type: 'string', description: 'Words to find in names and tags (e.g. "lofi", "vinyl").' },
      limit: { type: 'number', description: 'At most 10.' },
    },
  },
};

export const KIT_TOOLS: readonly ToolDefinition[] = [SEARCH_SAMPLES_TOOL];

export interface SearchSamplesArguments {
  query: LibraryQuery;
  limit: number;
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The tool's arguments (JSON text from the model) as a library query; a string saying what is wrong otherwise. */
export function readSearchArguments(json: string): SearchSamplesArguments | string {
  let value: unknown;
  try {
    value = json.trim() === '' ? {} : JSON.parse(json);
  } catch {
    return 'the arguments are not JSON';
  }
  if (!isRecord(value)) return 'the arguments are not an object';
  const categories = Array.isArray(value.categories)
    ? value.categories.filter((c): c is string => typeof c === 'string' && (CATEGORIES as readonly string[]).includes(c))
    : [];
  const kind = value.kind === 'one-shot' || value.kind === 'loop' ? value.kind : null;
  let key: LibraryQuery['key'] = null;
  if (typeof value.key === 'string') {
    const match = /^\s*([A-Ga-g][#b♯♭]?)\s*(major|minor|maj|min|m)?\s*$/i.exec(value.key);
    const tonic = match ? toPitchName(match[1]!) : null;
    if (tonic) key = { tonic, scale: /^(minor|min|m)$/i.test(match?.[2] ?? '') ? 'minor' : 'major', compatible: true };
  }
  const limit = Math.max(1, Math.min(10, Math.round(finite(value.limit) ?? 6)));
  return {
    query: {
      ...EMPTY_QUERY,
      text: typeof value.text === 'string' ? value.text.slice(0, 80) : '',
      kind,
      categories,
      bpm: { min: finite(value.bpmMin), max: finite(value.bpmMax), halfDouble: true },
      key,
    },
    limit,
  };
}

export function kitSystemMessage(): ChatMessage {
  return {
    role: 'system',
    content:
      'You help a music producer assemble a kit from their own sample library. Use the search_samples tool to find samples; never name a sample the tool did not return. ' +
      'Pick a few that fit together (tempo, key, character) and answer briefly, one line per sample, referring to each as [#id] with why it fits. ' +
      'If nothing fits, say so and suggest what to search for.',
  };
}

/** The sample ids an answer refers to ([#12], #12), in order, keeping only those the tools returned. */
export function referencedSampleIds(answer: string, returned: ReadonlySet<number>): { ids: number[]; invented: number[] } {
  const ids: number[] = [];
  const invented: number[] = [];
  for (const match of answer.matchAll(/#(\d+)\b/g)) {
    const id = Number(match[1]);
    const into = returned.has(id) ? ids : invented;
    if (!into.includes(id)) into.push(id);
  }
  return { ids, invented };
}
