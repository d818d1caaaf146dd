/**
 * Tags and a one-line description per sample: first from the analysed values alone (offline, no
 * model), then refined by a model when one is available. Proposals are applied only when the
 * user accepts them.
 */
import type { ChatMessage, JsonSchema } from './chat';
import { normaliseTag } from '../library/organise';
import type { SampleFacts } from './sampleFacts';

export interface SampleProposal {
  id: number;
  tags: string[];
  description: string;
}

const MAX_TAGS = 5;
const MAX_DESCRIPTION = 140;

function loudnessWord(lufs: number | null): string | null {
  if (lufs === null) return null;
  if (lufs > -9) return 'loud';
  if (lufs < -24) return 'quiet';
  return null;
}

function lengthWord(facts: SampleFacts): string | null {
  if (facts.duration === null || facts.kind !== 'one-shot') return null;
  if (facts.duration < 0.25) return 'short';
  if (facts.duration > 2) return 'long';
  return null;
}

/** What the analysed values alone say: length, loudness, tempo and key, in words. */
export function proposeFromValues(facts: SampleFacts, heard: readonly string[] = []): SampleProposal {
  const words = [lengthWord(facts), loudnessWord(facts.loudness)].filter((w): w is string => w !== null);
  const tags = [...new Set([...words, ...heard].map(normaliseTag).filter((t): t is string => t !== null && !facts.tags.includes(t)))];
  const what = [words.join(', '), facts.category ?? 'sample', facts.kind === 'loop' ? 'loop' : facts.kind === 'one-shot' ? 'one-shot' : '']
    .filter(Boolean)
    .join(' ');
  const details = [
    facts.bpm !== null ? `${Math.round(facts.bpm)} BPM` : null,
    facts.key ?? (facts.rootNote ? `root ${facts.rootNote}` : null),
    facts.duration !== null ? `${facts.duration} s` : null,
  ].filter(Boolean);
  const description = `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}${details.length > 0 ? `, ${details.join(', ')}` : ''}.`;
  return { id: facts.id, tags: tags.slice(0, MAX_TAGS), description: description.slice(0, MAX_DESCRIPTION) };
}

export const PROPOSALS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    samples: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } }, description: { type: 'string' } },
        required: ['id', 'tags', 'description'],
        additionalProperties: false,
      },
    },
  },
  required: ['samples'],
  additionalProperties: false,
};

export function describeMessages(batch: readonly { facts: SampleFacts; heard: readonly string[] }[]): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You tag audio samples for a music producer from their analysed values. For each sample give up to 5 short lower-case tags ' +
        '(character such as punchy, warm, gritty; genre such as trap, house, lo-fi; mood such as dark, uplifting) and a one-line ' +
        'description under 120 characters. Do not repeat the category or existing tags as tags. "heard" lists words a sound model ' +
        'heard in the audio, when present. Answer with JSON only: {"samples":[{"id":…,"tags":[…],"description":"…"}]}.',
    },
    { role: 'user', content: JSON.stringify(batch.map(({ facts, heard }) => (heard.length > 0 ? { ...facts, heard } : facts))) },
  ];
}

/** A model's proposals, checked: only the batch's ids, tags normalised and capped, descriptions trimmed; null when unreadable. */
export function readProposals(answer: string, batchIds: ReadonlySet<number>): SampleProposal[] | null {
  let value: unknown;
  try {
    value = JSON.parse(answer.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return null;
  }
  const list = typeof value === 'object' && value !== null && 'samples' in value ? (value as { samples: unknown }).samples : value;
  if (!Array.isArray(list)) return null;
  const proposals: SampleProposal[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, tags, description } = item as Record<string, unknown>;
    if (typeof id !== 'number' || !batchIds.has(id) || proposals.some((p) => p.id === id)) continue;
    const cleanTags = Array.isArray(tags)
      ? [...new Set(tags.filter((t): t is string => typeof t === 'string').map(normaliseTag))].filter((t): t is string => t !== null)
      : [];
    proposals.push({
      id,
      tags: cleanTags.slice(0, MAX_TAGS),
      description: typeof description === 'string' ? description.trim().slice(0, MAX_DESCRIPTION) : '',
    });
  }
  return proposals;
}
