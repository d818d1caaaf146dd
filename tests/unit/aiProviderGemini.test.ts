import { describe, expect, it } from 'vitest';
import { PARSED_QUERY_SCHEMA } from '../../src/domain/ai/queryRefine';
import { geminiSchema } from '../../src/ai/providers/gemini';
import { SEARCH_TOOL, TOOL_ROUND, providerFor, serve, simpleRequest } from '../support/aiProviderHarness';

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
