import { describe, expect, it } from 'vitest';
import { estimateTokens, type ChatMessage } from '../../src/domain/ai/chat';
import { FORMATS, KEY_HEADER, KEYS, SEARCH_TOOL, failureOf, providerFor, serve, simpleRequest } from '../support/aiProviderHarness';
import { streamErrorReply, textReply, toolCallsReply } from '../support/aiServers';

const ANSWER = 'A punchy 808 kick with a long tail. 🥁';

describe.each(FORMATS)('the %s wire format', (format) => {
  it('streams the answer in pieces through onText and returns it whole, with the usage the server counted', async () => {
    const server = await serve(format, { apiKey: KEYS[format] });
    server.reply(textReply(ANSWER, { chunks: 4, usage: { inputTokens: 21, outputTokens: 9 } }));
    const pieces: string[] = [];
    const response = await providerFor(server).chat(simpleRequest(format), { onText: (piece) => pieces.push(piece) });
    expect(pieces.length).toBe(4);
    expect(pieces.join('')).toBe(ANSWER);
    expect(response.text).toBe(ANSWER);
    expect(response.usage).toEqual({ inputTokens: 21, outputTokens: 9, estimated: false });
    expect(response.finishReason).toBe('stop');
    expect(response.toolCalls).toEqual([]);
    expect(response.model).toBe(simpleRequest(format).model);
  });

  it('estimates the usage when the server reports none', async () => {
    const server = await serve(format);
    server.reply(textReply(ANSWER, { usage: false }));
    const response = await providerFor(server).chat(simpleRequest(format));
    expect(response.usage).toEqual({
      inputTokens: estimateTokens('Name a kick drum sample.'),
      outputTokens: estimateTokens(ANSWER),
      estimated: true,
    });
  });

  it('parses several tool calls with arguments streamed in pieces', async () => {
    const server = await serve(format);
    const calls = [
      { name: 'search_library', arguments: { query: 'dusty kick', filters: { bpm: 92 } } },
      { name: 'play_sample', arguments: { id: 'smp_7' } },
    ];
    server.reply(toolCallsReply(calls, { text: 'Let me look.', argumentPieces: 5 }));
    const response = await providerFor(server).chat({ ...simpleRequest(format), tools: [SEARCH_TOOL] });
    expect(response.finishReason).toBe('tool_calls');
    expect(response.text).toBe('Let me look.');
    expect(response.toolCalls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown }))).toEqual(calls);
    const expectedIds = {
      openai: ['call_mock_0', 'call_mock_1'],
      anthropic: ['toolu_mock_0', 'toolu_mock_1'],
      gemini: ['call_0', 'call_1'],
    }[format];
    expect(response.toolCalls.map((call) => call.id)).toEqual(expectedIds);
  });

  it('sends the key only in its header, never in the URL or the body', async () => {
    const server = await serve(format, { apiKey: KEYS[format] });
    const sent: string[] = [];
    await providerFor(server).chat(simpleRequest(format), { onSend: ({ url, body }) => sent.push(url, body) });
    const [request] = server.requests;
    expect(request!.headers[KEY_HEADER[format]]).toBe(format === 'openai' ? `Bearer ${KEYS[format]}` : KEYS[format]);
    const otherHeaders = Object.entries(request!.headers).filter(([name]) => name !== KEY_HEADER[format]);
    expect(JSON.stringify([request!.url, request!.body, otherHeaders, sent])).not.toContain('TESTKEY');
    expect(sent[1]).toBe(request!.body); // onSend saw exactly the body that went out
  });

  it('turns a refused key into ai_unauthorized naming the provider and status, without the key', async () => {
    const server = await serve(format, { apiKey: 'the-right-key-000' });
    const error = await failureOf(providerFor(server).chat(simpleRequest(format)));
    expect(error.code).toBe('ai_unauthorized');
    const expected = {
      openai: 'OpenAI refused the key (401): Incorrect API key provided',
      anthropic: 'Anthropic refused the key (401): invalid x-api-key',
      gemini: 'Google Gemini refused the key (400): API key not valid',
    }[format];
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(KEYS[format]);
    expect(server.requests.length).toBe(1); // a refused key is not retried
  });

  it('reports an error the server sends mid-stream with its code, after the text that came first', async () => {
    const server = await serve(format);
    const errorType = { openai: 'server_error', anthropic: 'overloaded_error', gemini: 'UNAVAILABLE' }[format];
    server.reply(streamErrorReply({ text: 'Partial answ', errorType, message: 'Overloaded' }));
    const pieces: string[] = [];
    const error = await failureOf(providerFor(server).chat(simpleRequest(format), { onText: (piece) => pieces.push(piece) }));
    expect(error.code).toBe('ai_unavailable');
    expect(error.message).toContain('Overloaded');
    expect(pieces.join('')).toBe('Partial answ');
    expect(server.requests.length).toBe(1);
  });
});

describe('mock servers for e2e tests', () => {
  it.each(FORMATS)('%s: a responder can call a tool first and answer once the tool result is in', async (format) => {
    const server = await serve(format);
    server.setDefault((request) =>
      request.toolResults.length === 0
        ? toolCallsReply([{ name: 'search_library', arguments: { query: request.lastUserText } }])
        : textReply(`Found ${request.toolResults[0]!.content} for "${request.lastUserText}".`),
    );
    const provider = providerFor(server);
    const messages: ChatMessage[] = [{ role: 'user', content: 'dusty kick' }];
    const first = await provider.chat({ ...simpleRequest(format), messages, tools: [SEARCH_TOOL] });
    const call = first.toolCalls[0]!;
    expect(JSON.parse(call.arguments)).toEqual({ query: 'dusty kick' });
    messages.push(
      { role: 'assistant', content: '', toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: call.id, toolName: call.name, content: '3 samples' },
    );
    const second = await provider.chat({ ...simpleRequest(format), messages, tools: [SEARCH_TOOL] });
    expect(second.text).toBe('Found 3 samples for "dusty kick".');
    expect(server.requests.map((request) => request.toolNames)).toEqual([['search_library'], ['search_library']]);
  });

  it('answers CORS preflights with the requested headers and marks every answer cross-origin readable', async () => {
    const server = await serve('anthropic');
    const preflight = await fetch(`${server.baseUrl}/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-api-key,content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(server.requests).toEqual([]);
    const answer = await fetch(`${server.baseUrl}/messages`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(400); // no anthropic-version header
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});
