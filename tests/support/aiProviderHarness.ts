/**
 * Shared set-up for the AI provider tests: mock servers closed after each test, providers pointed
 * at them with a recording sleep, a helper that expects a SampleMindError, and the tool and
 * conversation fixtures the request tests share.
 */
import { afterEach } from 'vitest';
import type { ChatMessage, ChatRequest, ProviderId } from '../../src/domain/ai/chat';
import type { HttpDeps } from '../../src/ai/http';
import { createHttpProvider } from '../../src/ai/providers/index';
import { startAiServer, type AiServer, type AiServerOptions, type AiWireFormat } from './aiServers';

export { failureOf } from './failures';

export const FORMATS: AiWireFormat[] = ['openai', 'anthropic', 'gemini'];
export const PROVIDER_FOR: Record<AiWireFormat, ProviderId> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini' };
export const KEYS: Record<AiWireFormat, string> = {
  openai: 'sk-proj-TESTKEY-openai-0123456789',
  anthropic: 'sk-ant-api03-TESTKEY-0123456789',
  gemini: 'AIzaSy-TESTKEY-gemini-0123456789',
};
/** The header each format carries its key in (lower case, as node:http reports it). */
export const KEY_HEADER: Record<AiWireFormat, string> = { openai: 'authorization', anthropic: 'x-api-key', gemini: 'x-goog-api-key' };

const running: AiServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A mock server that is closed after the test. */
export async function serve(format: AiWireFormat, options?: AiServerOptions): Promise<AiServer> {
  const server = await startAiServer(format, options);
  running.push(server);
  return server;
}

export interface TestProvider {
  chat: ReturnType<typeof createHttpProvider>['chat'];
  /** Every wait the client asked for between retries, in ms (the tests never really wait). */
  sleeps: number[];
}

export function providerAt(
  format: AiWireFormat,
  baseUrl: string,
  apiKey: string | undefined = KEYS[format],
  deps: HttpDeps = {},
): TestProvider {
  const sleeps: number[] = [];
  const provider = createHttpProvider(
    { id: PROVIDER_FOR[format], baseUrl, apiKey },
    { sleep: async (ms) => void sleeps.push(ms), ...deps },
  );
  return { chat: (request, options) => provider.chat(request, options), sleeps };
}

export function providerFor(server: AiServer, apiKey?: string, deps?: HttpDeps): TestProvider {
  return providerAt(server.format, server.baseUrl, apiKey ?? KEYS[server.format], deps);
}

export function simpleRequest(format: AiWireFormat, text = 'Name a kick drum sample.'): ChatRequest {
  const model = { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest', gemini: 'gemini-2.0-flash' }[format];
  return { model, messages: [{ role: 'user', content: text }] };
}

export const SEARCH_TOOL = {
  name: 'search_library',
  description: 'Find samples by words',
  parameters: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      query: { type: 'string' },
      filters: { type: 'object', properties: { bpm: { type: 'number' } }, additionalProperties: false },
    },
    required: ['query'],
    additionalProperties: false,
  },
};
/** A conversation after one round of two parallel tool calls. */
export const TOOL_ROUND: ChatMessage[] = [
  { role: 'system', content: 'You are SampleMind.' },
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Find kicks and snares.' },
  {
    role: 'assistant',
    content: 'Searching.',
    toolCalls: [
      { id: 'call_a', name: 'search_library', arguments: '{"query":"kick"}' },
      { id: 'call_b', name: 'search_library', arguments: '{"query":"snare"}' },
    ],
  },
  { role: 'tool', toolCallId: 'call_a', toolName: 'search_library', content: '{"count":3}' },
  { role: 'tool', toolCallId: 'call_b', content: 'no snares found' },
];
