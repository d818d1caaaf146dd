import type { ChatOptions } from '../../domain/ai/chat';
import { postWithRetry } from '../http';
import { streamFailure } from '../httpErrors';
import type { ProviderClientConfig } from './clientConfig';
import { emptyAnswer, emptyStreamError, isRecord, parseEventJson, type JsonObject, type StreamedAnswer } from './wire';

/** How one wire format's stream reads: its events differ, the loop around them does not. */
export interface StreamReader {
  /** An event whose raw data ends the stream (OpenAI's `[DONE]`). */
  isEnd?(data: string): boolean;
  /** A failure the server reports after the stream began. */
  isError(data: JsonObject, eventName: string | undefined): boolean;
  /** Reads one event into `answer`; true when the stream is complete. */
  read(data: JsonObject, answer: StreamedAnswer): boolean;
}

/**
 * Posts a streaming chat request (with the retries, timeouts and cancellation of postWithRetry)
 * and reads its server-sent events into an answer; a stream with no event is an error.
 */
export async function streamChat(
  config: ProviderClientConfig,
  post: { url: string; headers: Record<string, string>; body: string },
  options: ChatOptions,
  reader: StreamReader,
): Promise<StreamedAnswer> {
  const reply = await postWithRetry({ ...post, providerLabel: config.label, apiKey: config.apiKey }, options, config.deps);
  const answer = emptyAnswer();
  let sawEvent = false;
  for await (const event of reply.events()) {
    if (reader.isEnd?.(event.data)) break;
    const data = parseEventJson(event.data, config.label);
    if (!isRecord(data)) continue;
    if (reader.isError(data, event.event)) throw streamFailure(event.data, config.label, config.apiKey);
    sawEvent = true;
    if (reader.read(data, answer)) break;
  }
  if (!sawEvent) throw emptyStreamError(config.label, reply.response);
  return answer;
}
