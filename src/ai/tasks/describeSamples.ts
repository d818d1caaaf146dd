import { describeMessages, proposeFromValues, PROPOSALS_SCHEMA, readProposals, type SampleProposal } from '../../domain/ai/describe';
import type { SampleFacts } from '../../domain/ai/sampleFacts';
import { SampleMindError } from '../../domain/errors';
import type { AiService } from '../aiService';

export interface DescribeProgress {
  done: number;
  total: number;
}

export interface DescribeResult {
  proposals: SampleProposal[];
  /** Who proposed: 'values' when no model answered (proposals from the analysed values alone). */
  source: 'values' | 'model';
  /** Batches the model could not do (they fell back to the values), with why. */
  problems: string[];
}

/** The values' words (short, loud …) plus the model's: one more than either gives alone. */
const MAX_MERGED_TAGS = 6;

/** Samples per request: enough to share the instructions' cost, few enough that one bad answer loses little. */
const BATCH = 12;

/**
 * Proposes tags and a description for each sample: from a model in batches when one is
 * available (each batch checked; a batch that fails falls back to the values), else from the
 * analysed values alone. Cancellable between and during batches.
 */
export async function describeSamples(
  ai: AiService,
  samples: readonly { facts: SampleFacts; heard: readonly string[] }[],
  options: { signal?: AbortSignal; onProgress?: (progress: DescribeProgress) => void; useModel: boolean },
): Promise<DescribeResult> {
  const proposals: SampleProposal[] = [];
  const problems: string[] = [];
  const answered = { any: false };
  const useModel = options.useModel && ai.available();
  for (let start = 0; start < samples.length; start += BATCH) {
    if (options.signal?.aborted) throw new SampleMindError('cancelled', 'Cancelled.');
    const batch = samples.slice(start, start + BATCH);
    const fallback = batch.map(({ facts, heard }) => proposeFromValues(facts, heard));
    if (!useModel) {
      proposals.push(...fallback);
    } else {
      proposals.push(...(await modelBatch(ai, batch, fallback, problems, answered, options.signal)));
    }
    options.onProgress?.({ done: Math.min(samples.length, start + BATCH), total: samples.length });
  }
  return { proposals, source: answered.any ? 'model' : 'values', problems };
}

async function modelBatch(
  ai: AiService,
  batch: readonly { facts: SampleFacts; heard: readonly string[] }[],
  fallback: readonly SampleProposal[],
  problems: string[],
  answered: { any: boolean },
  signal: AbortSignal | undefined,
): Promise<SampleProposal[]> {
  try {
    const answer = await ai.chat(
      'describe',
      {
        messages: describeMessages(batch),
        responseSchema: { name: 'sample_tags', schema: PROPOSALS_SCHEMA },
        maxTokens: 120 * batch.length,
        temperature: 0.3,
      },
      { signal, timeoutMs: 60_000 },
    );
    const read = readProposals(answer.response.text, new Set(batch.map((b) => b.facts.id)));
    if (!read) {
      problems.push('An answer could not be read as proposals; those samples got proposals from their analysed values.');
      return [...fallback];
    }
    answered.any = true;
    // Samples the model skipped keep the values' proposal; the model's tags add to those the values give.
    return fallback.map((values) => {
      const model = read.find((p) => p.id === values.id);
      if (!model) return values;
      return {
        id: values.id,
        tags: [...new Set([...values.tags, ...model.tags])].slice(0, MAX_MERGED_TAGS),
        description: model.description || values.description,
      };
    });
  } catch (error) {
    if (error instanceof SampleMindError && error.code === 'cancelled') throw error;
    problems.push(error instanceof Error ? error.message : String(error));
    return [...fallback];
  }
}
