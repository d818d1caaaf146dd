import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, ProviderId } from '../../src/domain/ai/chat';
import { createHttpProvider } from '../../src/ai/providers/index';
import { jsonOnlyInstruction } from '../../src/ai/providers/anthropic';
import { FORMATS, SEARCH_TOOL, TOOL_ROUND, providerFor, serve, simpleRequest } from '../support/aiProviderHarness';
import { jsonReply } from '../support/aiServers';

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
