import type { ParsedQuery } from '../../domain/ai/queryParser';
import { parseQuery } from '../../domain/ai/queryParser';
import { PARSED_QUERY_SCHEMA, refineQueryMessages, validateRefinedQuery } from '../../domain/ai/queryRefine';
import type { ProviderId } from '../../domain/ai/chat';
import { toErrorInfo } from '../../domain/errors';
import type { AiService } from '../aiService';

export interface RefinedSearch {
  query: ParsedQuery;
  /** Who read it: the offline parser, or the provider whose answer passed validation. */
  source: 'parser' | ProviderId;
  /** Why the parser's reading was kept although a model was asked. */
  fallbackReason?: string;
}

/**
 * Reads a search with the offline parser, then lets a model refine it through a JSON schema. The
 * model's answer is validated; anything invalid (or any failure) leaves the parser's reading.
 */
export async function refineSearch(ai: AiService, text: string, signal?: AbortSignal): Promise<RefinedSearch> {
  const parsed = parseQuery(text);
  if (!ai.available()) return { query: parsed, source: 'parser' };
  try {
    const answer = await ai.chat(
      'search',
      {
        messages: refineQueryMessages(text, parsed),
        responseSchema: { name: 'library_query', schema: PARSED_QUERY_SCHEMA },
        maxTokens: 300,
        temperature: 0,
      },
      { signal, timeoutMs: 20_000, retries: 1 },
    );
    const checked = validateRefinedQuery(answer.response.text);
    if (checked.ok) return { query: checked.query, source: answer.provider };
    return { query: parsed, source: 'parser', fallbackReason: `The model's answer was not usable (${checked.reason}).` };
  } catch (error) {
    const info = toErrorInfo(error, 'ai_bad_response');
    if (info.code === 'cancelled') throw error;
    return { query: parsed, source: 'parser', fallbackReason: info.message };
  }
}
