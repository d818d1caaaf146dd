import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/domain/ai/chat';
import { buildPromptMessages, parseToolReply, responseFormatFor } from '../../src/domain/ai/toolProtocol';
import { SampleMindError } from '../../src/domain/errors';
import { TOOLS } from '../support/webLlmFakes';

describe('tool protocol', () => {
  it('builds one system message with the tools, folds tool results into user turns and shows earlier calls in protocol form', () => {
    const messages = buildPromptMessages({
      tools: TOOLS,
      messages: [
        { role: 'system', content: 'You organise samples.' },
        { role: 'user', content: 'Find kicks' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'search_samples', arguments: '{"query":"kick"}' }] },
        { role: 'tool', toolCallId: 'c1', content: '[3 kicks]' },
      ],
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toMatch(/^You organise samples\.[\s\S]*search_samples: Find samples[\s\S]*"tool_calls"[\s\S]*"answer"/);
    expect(JSON.parse(messages[2]!.content)).toEqual({ tool_calls: [{ name: 'search_samples', arguments: { query: 'kick' } }] });
    expect(messages[3]!.content).toBe('Result of tool search_samples:\n[3 kicks]');
    expect(() => buildPromptMessages({ messages: [{ role: 'assistant', content: 'hi' }] })).toThrow(/end with a user message/);
  });

  it("with toolChoice 'none' offers no tool-call branch and asks for a plain answer, still showing earlier calls and results", () => {
    const history: ChatRequest['messages'] = [
      { role: 'system', content: 'You organise samples.' },
      { role: 'user', content: 'Find kicks' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'search_samples', arguments: '{"query":"kick"}' }] },
      { role: 'tool', toolCallId: 'c1', content: '[3 kicks]' },
    ];
    const messages = buildPromptMessages({ tools: TOOLS, toolChoice: 'none', messages: history });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toMatch(/^You organise samples\.\n\n.*answer the user directly/);
    expect(messages[0]!.content).not.toMatch(/tool_calls|"answer"|search_samples: Find samples/);
    expect(messages[2]!.content).toBe('Called tool search_samples with {"query":"kick"}');
    expect(messages[3]!.content).toBe('Result of tool search_samples:\n[3 kicks]');
    expect(responseFormatFor({ messages: history, tools: TOOLS, toolChoice: 'none' })).toBeUndefined();
    const schema = { type: 'object', properties: { tags: { type: 'array' } } };
    const structured = { messages: history, tools: TOOLS, toolChoice: 'none' as const, responseSchema: { name: 'tags', schema } };
    expect(responseFormatFor(structured)).toEqual({ type: 'json_object', schema: JSON.stringify(schema) });
    expect(buildPromptMessages(structured)[0]!.content).toContain(JSON.stringify(schema));
    // 'auto' is the default: the protocol as before
    expect(buildPromptMessages({ tools: TOOLS, toolChoice: 'auto', messages: history })).toEqual(
      buildPromptMessages({ tools: TOOLS, messages: history }),
    );
  });

  it('constrains the reply to the offered tools or an answer, and passes a plain schema through', () => {
    const format = responseFormatFor({ messages: [], tools: TOOLS });
    const schema = JSON.parse(format!.schema) as { anyOf: Array<{ properties: Record<string, { items?: { anyOf: unknown[] } }> }> };
    expect(format!.type).toBe('json_object');
    expect(schema.anyOf[0]!.properties.tool_calls!.items!.anyOf).toHaveLength(2);
    expect(JSON.stringify(schema)).toContain('"enum":["tag_sample"]');
    const plain = { type: 'object', properties: { tags: { type: 'array' } } };
    expect(responseFormatFor({ messages: [], responseSchema: { name: 'tags', schema: plain } })).toEqual({
      type: 'json_object',
      schema: JSON.stringify(plain),
    });
    expect(responseFormatFor({ messages: [] })).toBeUndefined();
  });

  it('parses tool calls (with generated ids) and answers', () => {
    let n = 0;
    const id = () => `id${++n}`;
    const calls = parseToolReply(
      '{"tool_calls":[{"name":"tag_sample","arguments":{"id":7}},{"name":"search_samples","arguments":"{\\"query\\":\\"snare\\"}"}]}',
      TOOLS,
      id,
    );
    expect(calls).toEqual({
      text: '',
      toolCalls: [
        { id: 'id1', name: 'tag_sample', arguments: '{"id":7}' },
        { id: 'id2', name: 'search_samples', arguments: '{"query":"snare"}' },
      ],
    });
    expect(parseToolReply('```json\n{"answer":"Three kicks."}\n```', TOOLS, id)).toEqual({ text: 'Three kicks.', toolCalls: [] });
    expect(parseToolReply('{"answer":{"tags":["kick"]}}', TOOLS, id).text).toBe('{"tags":["kick"]}');
  });

  it("rejects invalid JSON, tools that were not offered and replies that are neither, as 'ai_bad_response'", () => {
    for (const bad of [
      '{"tool_calls":[{"name":"delete_all","arguments":{}}]}',
      '{"answer": "cut of',
      'Sure! Here you go',
      '{"thoughts":"x"}',
      '[1]',
    ]) {
      const error = (() => {
        try {
          parseToolReply(bad, TOOLS);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(SampleMindError);
      expect((error as SampleMindError).code).toBe('ai_bad_response');
    }
    expect(() => parseToolReply('{"tool_calls":[{"name":"delete_all","arguments":{}}]}', TOOLS)).toThrow(/not offered \("delete_all"\)/);
  });
});
