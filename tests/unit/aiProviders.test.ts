import { describe, expect, it } from 'vitest';
import { estimateTokens, type ChatMessage, type ChatRequest, type ProviderId } from '../../src/domain/ai/chat';
import { PARSED_QUERY_SCHEMA } from '../../src/domain/ai/queryRefine';
import { createHttpProvider } from '../../src/ai/providers/index';
import { geminiSchema } from '../../src/ai/providers/gemini';
import { jsonOnlyInstruction } from '../../src/ai/providers/anthropic';
import { FORMATS, KEY_HEADER, KEYS, failureOf, providerFor, serve, simpleRequest } from '../support/aiProviderHarness';
import { jsonReply, streamErrorReply, textReply, toolCallsReply } from '../support/aiServers';

const ANSWER = 'A punchy 808 kick with a long tail. 🥁';
const SEARCH_TOOL = {
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
const TOOL_ROUND: ChatMessage[] = [
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

describe('OpenAI-compatible request', () => {
  it('maps messages, tool calls, tool results, tools and the response schema to the documented body', async () => {
    const server = await serve('openai');
    const request: ChatRequest = {
      model: 'gpt-4o-mini',
      messages: TOOL_ROUND,
      tools: [SEARCH_TOOL],
      responseSchema: { name: 'answer', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      maxTokens: 300,
      temperature: 0.2,
    };
    await providerFor(server).chat(request);
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(server.requests[0]!.json).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are SampleMind.' },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Find kicks and snares.' },
        {
          role: 'assistant',
          content: 'Searching.',
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'search_library', arguments: '{"query":"kick"}' } },
            { id: 'call_b', type: 'function', function: { name: 'search_library', arguments: '{"query":"snare"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"count":3}' },
        { role: 'tool', tool_call_id: 'call_b', content: 'no snares found' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 300, // OpenAI's own API: the parameter every current model accepts
      temperature: 0.2,
      tools: [{ type: 'function', function: SEARCH_TOOL }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: request.responseSchema!.schema } },
    });
  });

  it('omits the temperature for OpenAI reasoning models, while other OpenAI-compatible providers keep max_tokens', async () => {
    const server = await serve('openai');
    const ask = async (id: ProviderId, model: string): Promise<Record<string, unknown>> => {
      await createHttpProvider({ id, baseUrl: server.baseUrl }).chat({
        ...simpleRequest('openai'),
        model,
        maxTokens: 50,
        temperature: 0.3,
      });
      return server.requests.at(-1)!.json as Record<string, unknown>;
    };
    for (const model of ['o3-mini', 'o1', 'O4-mini', 'gpt-5', 'gpt-5-mini']) {
      const body = await ask('openai', model);
      expect([body.max_completion_tokens, body.max_tokens, body.temperature], model).toEqual([50, undefined, undefined]);
    }
    const chatModel = await ask('openai', 'gpt-4o-mini');
    expect([chatModel.max_completion_tokens, chatModel.max_tokens, chatModel.temperature]).toEqual([50, undefined, 0.3]);
    for (const id of ['groq', 'deepseek', 'ollama', 'custom'] as const) {
      const body = await ask(id, 'o3-mini');
      expect([body.max_completion_tokens, body.max_tokens, body.temperature], id).toEqual([undefined, 50, 0.3]);
    }
  });

  it('uses JSON mode with the schema in the system prompt where the provider has no json_schema support', async () => {
    const server = await serve('openai');
    const responseSchema = { name: 'tags', schema: { type: 'object', properties: { tags: { type: 'array' } } } };
    const instruction = `Answer with a JSON object only, matching this JSON schema: ${JSON.stringify(responseSchema.schema)}`;
    const ask = async (id: ProviderId, messages: ChatMessage[]) => {
      await createHttpProvider({ id, baseUrl: server.baseUrl }).chat({ model: 'm', messages, responseSchema });
      return server.requests.at(-1)!.json as { messages: unknown[]; response_format: unknown };
    };
    const withSystem: ChatMessage[] = [
      { role: 'system', content: 'You tag samples.' },
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tag it.' },
    ];
    for (const id of ['custom', 'groq', 'deepseek'] as const) {
      const body = await ask(id, withSystem);
      expect(body.response_format, id).toEqual({ type: 'json_object' });
      expect(body.messages, id).toEqual([
        { role: 'system', content: `You tag samples.\n\n${instruction}` },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Tag it.' },
      ]);
    }
    expect(withSystem[0]!.content).toBe('You tag samples.'); // the caller's messages are not changed
    const bare = await ask('deepseek', [{ role: 'user', content: 'Tag it.' }]);
    expect(bare.messages).toEqual([
      { role: 'system', content: instruction },
      { role: 'user', content: 'Tag it.' },
    ]);
    for (const id of ['openai', 'ollama'] as const) {
      const body = await ask(id, withSystem);
      expect(body.response_format, id).toEqual({ type: 'json_schema', json_schema: responseSchema });
      expect(body.messages[0], id).toEqual({ role: 'system', content: 'You tag samples.' });
    }
  });

  it('talks to a keyless local server (Ollama) without an Authorization header, and strips a trailing slash', async () => {
    const server = await serve('openai');
    const provider = createHttpProvider({ id: 'ollama', baseUrl: `${server.baseUrl}/`, apiKey: '' });
    const response = await provider.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.text).toBe('Mock openai answer.');
    expect(provider.id).toBe('ollama');
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses to build the in-browser provider', () => {
    expect(() => createHttpProvider({ id: 'webllm', baseUrl: '' })).toThrow(/not an HTTP provider/);
  });
});

describe('Anthropic request', () => {
  it('puts system text at the top level, tool calls in tool_use blocks and merges the tool results into one user turn', async () => {
    const server = await serve('anthropic');
    await providerFor(server).chat({
      model: 'claude-3-5-haiku-latest',
      messages: [...TOOL_ROUND, { role: 'user', content: 'Thanks, and hats?' }],
      tools: [SEARCH_TOOL],
    });
    const [request] = server.requests;
    expect(request!.path).toBe('/v1/messages');
    expect(request!.headers['anthropic-version']).toBe('2023-06-01');
    expect(request!.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(request!.json).toEqual({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 1024,
      stream: true,
      system: 'You are SampleMind.\n\nBe brief.',
      messages: [
        { role: 'user', content: 'Find kicks and snares.' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Searching.' },
            { type: 'tool_use', id: 'call_a', name: 'search_library', input: { query: 'kick' } },
            { type: 'tool_use', id: 'call_b', name: 'search_library', input: { query: 'snare' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_a', content: '{"count":3}' },
            { type: 'tool_result', tool_use_id: 'call_b', content: 'no snares found' },
            { type: 'text', text: 'Thanks, and hats?' },
          ],
        },
      ],
      tools: [{ name: SEARCH_TOOL.name, description: SEARCH_TOOL.description, input_schema: SEARCH_TOOL.parameters }],
    });
    expect(request!.toolResults.map((result) => result.name)).toEqual(['search_library', 'search_library']);
  });

  it('asks for JSON through the system prompt (no schema parameter) and returns the text as it came', async () => {
    const server = await serve('anthropic');
    server.reply(jsonReply({ tags: ['kick', 'dusty'] }));
    const responseSchema = { name: 'tags', schema: { type: 'object', properties: { tags: { type: 'array' } } } };
    const response = await providerFor(server).chat({ ...simpleRequest('anthropic'), responseSchema, maxTokens: 64 });
    expect(response.text).toBe('{"tags":["kick","dusty"]}');
    const body = server.requests[0]!.json as { system: string; max_tokens: number };
    expect(body.system).toBe(jsonOnlyInstruction(responseSchema));
    expect(body.system).toContain(JSON.stringify(responseSchema.schema));
    expect(body.max_tokens).toBe(64);
  });
});

describe('Gemini request', () => {
  it('posts to :streamGenerateContent?alt=sse with contents, functionCall/functionResponse parts and a cleaned schema', async () => {
    const server = await serve('gemini');
    const responseSchema = {
      name: 'answer',
      schema: { type: 'object', properties: { ok: { type: 'boolean' } }, additionalProperties: false },
    };
    await providerFor(server).chat({
      model: 'gemini-2.0-flash',
      messages: TOOL_ROUND,
      tools: [SEARCH_TOOL],
      responseSchema,
      maxTokens: 200,
      temperature: 0,
    });
    const [request] = server.requests;
    expect(request!.url).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(request!.json).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Find kicks and snares.' }] },
        {
          role: 'model',
          parts: [
            { text: 'Searching.' },
            { functionCall: { name: 'search_library', args: { query: 'kick' } } },
            { functionCall: { name: 'search_library', args: { query: 'snare' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'search_library', response: { result: { count: 3 } } } },
            { functionResponse: { name: 'search_library', response: { result: 'no snares found' } } }, // name found from the call id
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'You are SampleMind.\n\nBe brief.' }] },
      tools: [
        {
          functionDeclarations: [
            {
              name: 'search_library',
              description: 'Find samples by words',
              parameters: {
                type: 'object',
                properties: { query: { type: 'string' }, filters: { type: 'object', properties: { bpm: { type: 'number' } } } },
                required: ['query'],
              },
            },
          ],
        },
      ],
      generationConfig: {
        maxOutputTokens: 200,
        temperature: 0,
        responseMimeType: 'application/json',
        responseSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      },
    });
  });

  it("turns JSON Schema's nullable types and null enum members into Gemini's nullable flag, in answers and tool parameters", async () => {
    const server = await serve('gemini');
    const tool = { name: 'refine', description: 'Refine a query', parameters: PARSED_QUERY_SCHEMA };
    const responseSchema = { name: 'query', schema: PARSED_QUERY_SCHEMA };
    await providerFor(server).chat({ ...simpleRequest('gemini'), tools: [tool], responseSchema });
    const body = server.requests[0]!.json as {
      generationConfig: { responseSchema: Record<string, unknown> };
      tools: [{ functionDeclarations: [{ parameters: Record<string, unknown> }] }];
    };
    const offending: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`));
      if (typeof value !== 'object' || value === null) return;
      const node = value as Record<string, unknown>;
      if (Array.isArray(node.type)) offending.push(`${path}.type`);
      if (Array.isArray(node.enum) && node.enum.includes(null)) offending.push(`${path}.enum`);
      if ('additionalProperties' in node || '$schema' in node) offending.push(path);
      for (const [key, inner] of Object.entries(node)) if (key !== 'enum') walk(inner, `${path}.${key}`);
    };
    for (const schema of [body.generationConfig.responseSchema, body.tools[0].functionDeclarations[0].parameters]) {
      walk(schema, '');
      expect(offending).toEqual([]);
      const properties = schema.properties as Record<string, Record<string, unknown>>;
      expect(schema.type).toBe('object');
      expect(schema.nullable).toBeUndefined();
      expect(properties.text).toEqual({ type: 'string', description: expect.any(String) });
      expect(properties.kind).toEqual({ type: 'string', nullable: true, enum: ['one-shot', 'loop'] });
      expect(properties.bpm).toMatchObject({
        type: 'object',
        nullable: true,
        properties: { min: { type: 'number', nullable: true }, max: { type: 'number', nullable: true } },
        required: ['min', 'max'],
      });
      expect(properties.key).toMatchObject({ type: 'object', nullable: true });
      expect((properties.key!.properties as Record<string, unknown>).scale).toEqual({
        type: 'string',
        nullable: true,
        enum: ['major', 'minor'],
      });
      expect((properties.categories!.items as Record<string, unknown>).nullable).toBeUndefined();
    }
  });

  it('reads a type array without null as its first type, and a lone null enum member as nullable', () => {
    expect(geminiSchema({ type: ['integer', 'string'] })).toEqual({ type: 'integer' });
    expect(geminiSchema({ type: 'string', enum: ['a', null] })).toEqual({ type: 'string', nullable: true, enum: ['a'] });
    expect(geminiSchema({ type: 'array', items: { type: ['null', 'number'] } })).toEqual({
      type: 'array',
      items: { type: 'number', nullable: true },
    });
  });

  it('strips the schema keys Gemini rejects at any depth, but keeps properties that happen to share their names', () => {
    const schema = {
      $schema: 'x',
      type: 'object',
      additionalProperties: false,
      properties: {
        additionalProperties: { type: 'string', $schema: 'y' },
        list: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      anyOf: [{ additionalProperties: true, type: 'object' }],
    };
    expect(geminiSchema(schema)).toEqual({
      type: 'object',
      properties: { additionalProperties: { type: 'string' }, list: { type: 'array', items: { type: 'object' } } },
      anyOf: [{ type: 'object' }],
    });
  });
});

describe('toolChoice', () => {
  const NO_TOOLS_WIRE = {
    openai: { tool_choice: 'none' },
    anthropic: { tool_choice: { type: 'none' } },
    gemini: { toolConfig: { functionCallingConfig: { mode: 'NONE' } } },
  };

  it.each(FORMATS)("%s: 'none' keeps the tools declared but forbids calling them; 'auto' and no tools send nothing", async (format) => {
    const server = await serve(format);
    const provider = providerFor(server);
    const messages: ChatMessage[] = TOOL_ROUND.slice(2);
    await provider.chat({ ...simpleRequest(format), messages, tools: [SEARCH_TOOL], toolChoice: 'none' });
    await provider.chat({ ...simpleRequest(format), messages, tools: [SEARCH_TOOL], toolChoice: 'auto' });
    await provider.chat({ ...simpleRequest(format), messages, tools: [SEARCH_TOOL] });
    await provider.chat({ ...simpleRequest(format), toolChoice: 'none' });
    const [none, ...others] = server.requests.map((request) => request.json as Record<string, unknown>);
    expect(none).toMatchObject(NO_TOOLS_WIRE[format]);
    expect(server.requests[0]!.toolNames).toEqual(['search_library']);
    const [key] = Object.keys(NO_TOOLS_WIRE[format]);
    for (const body of others) expect(body[key!]).toBeUndefined();
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
