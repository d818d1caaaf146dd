import { describe, expect, it } from 'vitest';
import { describeSamples } from '../../src/ai/tasks/describeSamples';
import { KitConversation } from '../../src/ai/tasks/kitAssistant';
import { refineSearch } from '../../src/ai/tasks/refineSearch';
import { proposeFromValues } from '../../src/domain/ai/describe';
import type { SearchSamplesArguments } from '../../src/domain/ai/kitTools';
import { parseQuery } from '../../src/domain/ai/queryParser';
import { sampleFacts, type SampleFacts } from '../../src/domain/ai/sampleFacts';
import { errorReply, jsonReply, textReply, toolCallsReply, type AiServer, type RecordedRequest } from '../support/aiServers';
import { serve, setup, type Setup } from '../support/aiServiceHarness';
import { row } from '../support/rows';

describe('AI tasks', () => {
  const localSetup = async (): Promise<{ ollama: AiServer } & Setup> => {
    const ollama = await serve('openai');
    return { ollama, ...(await setup({ providers: { ollama } })) }; // privacy: the local server answers
  };

  it('refineSearch keeps the parser’s reading when the model answers something invalid', async () => {
    const { ollama, service } = await localSetup();
    const text = 'dark kick 120 bpm';
    ollama.reply(textReply('You are looking for a dark kick drum at 120 BPM!'));
    const result = await refineSearch(service, text);
    expect(result.source).toBe('parser');
    expect(result.query).toEqual(parseQuery(text));
    expect(result.fallbackReason).toMatch(/not usable \(the answer is not JSON\)/);
    expect(ollama.requests).toHaveLength(1);
    expect(ollama.requests[0]!.lastUserText).toContain(JSON.stringify(text));
    expect((ollama.requests[0]!.json as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name).toBe(
      'library_query',
    );

    ollama.reply(
      jsonReply({
        text: 'dark',
        kind: 'loop',
        categories: ['violin'],
        excludeCategories: [],
        bpm: null,
        key: null,
        duration: null,
        excludeWords: [],
      }),
    );
    const unknown = await refineSearch(service, text);
    expect(unknown.source).toBe('parser');
    expect(unknown.fallbackReason).toContain('unknown category "violin"');
  });

  it('refineSearch uses the model’s answer once it validates', async () => {
    const { ollama, service } = await localSetup();
    ollama.reply(
      jsonReply({
        text: 'Dark',
        kind: 'one-shot',
        categories: ['kick'],
        excludeCategories: [],
        bpm: { min: 118, max: 122 },
        key: { tonic: 'Gb', scale: 'minor' },
        duration: null,
        excludeWords: [],
      }),
    );
    const result = await refineSearch(service, 'dark kick around 120 in g flat minor');
    expect(result).toEqual({
      source: 'ollama',
      query: {
        text: 'dark',
        kind: 'one-shot',
        categories: ['kick'],
        excludeCategories: [],
        bpm: { min: 118, max: 122 },
        key: { tonic: 'F#', scale: 'minor' },
        duration: null,
        excludeWords: [],
      },
    });
  });

  it('refineSearch reads with the parser alone when no model is available', async () => {
    const { service } = await setup();
    expect(await refineSearch(service, 'snare loop')).toEqual({ query: parseQuery('snare loop'), source: 'parser' });
  });

  it('describeSamples asks in batches of twelve, merges the model’s tags, and falls back per batch on garbage', async () => {
    const { ollama, service } = await localSetup();
    const samples = Array.from({ length: 25 }, (_, i) => ({
      facts: sampleFacts(row(i + 1, `kick ${i + 1}.wav`, { category: 'kick', kind: 'one-shot', duration: 0.1, loudnessLufs: -6 }), {
        includeName: false,
      }),
      heard: [] as string[],
    }));
    const batchOf = (request: RecordedRequest): SampleFacts[] => JSON.parse(request.lastUserText) as SampleFacts[];
    const goodAnswer = (request: RecordedRequest) =>
      jsonReply({
        samples: batchOf(request).map((facts) => ({ id: facts.id, tags: ['Warm', 'trap'], description: `Model says ${facts.id}.` })),
      });
    ollama.reply(goodAnswer, textReply('Sorry, I cannot tag audio.'), goodAnswer);

    const progress: number[] = [];
    const result = await describeSamples(service, samples, { useModel: true, onProgress: (p) => progress.push(p.done) });
    expect(ollama.requests).toHaveLength(3);
    expect(ollama.requests.map((r) => batchOf(r).map((f) => f.id))).toEqual([
      samples.slice(0, 12).map((s) => s.facts.id),
      samples.slice(12, 24).map((s) => s.facts.id),
      [25],
    ]);
    expect(progress).toEqual([12, 24, 25]);
    expect(result.source).toBe('model');
    expect(result.proposals.map((p) => p.id)).toEqual(samples.map((s) => s.facts.id));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/could not be read as proposals/);

    const values = (id: number) => proposeFromValues(samples[id - 1]!.facts);
    expect(values(1).tags).toEqual(['short', 'loud']);
    expect(result.proposals[0]).toEqual({ id: 1, tags: ['short', 'loud', 'warm', 'trap'], description: 'Model says 1.' });
    expect(result.proposals[24]).toEqual({ id: 25, tags: ['short', 'loud', 'warm', 'trap'], description: 'Model says 25.' });
    for (let id = 13; id <= 24; id++) expect(result.proposals[id - 1]).toEqual(values(id)); // the garbage batch
  });

  it('describeSamples reports the values as the source when every batch fell back', async () => {
    const { ollama, service } = await localSetup();
    ollama.setDefault(errorReply(400, { message: 'model "llama3.2" not found' }));
    const facts = sampleFacts(row(5, 'snare.wav', { category: 'snare', kind: 'one-shot', duration: 0.2 }), { includeName: false });
    const result = await describeSamples(service, [{ facts, heard: [] }], { useModel: true });
    expect(ollama.requests).toHaveLength(1);
    expect(result.proposals).toEqual([proposeFromValues(facts)]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('not found');
    expect(result.source).toBe('values'); // no model answered
  });

  it('describeSamples proposes from the values alone without a model', async () => {
    const { service } = await setup();
    const facts = sampleFacts(row(9, 'pad.wav', { category: 'pad', kind: 'one-shot', duration: 4, loudnessLufs: -30 }), {
      includeName: false,
    });
    const result = await describeSamples(service, [{ facts, heard: ['Airy'] }], { useModel: true });
    expect(result).toEqual({ proposals: [proposeFromValues(facts, ['Airy'])], source: 'values', problems: [] });
  });

  it('KitConversation searches through the tool and keeps only the samples the search returned', async () => {
    const { ollama, service } = await localSetup();
    // Answers by content: a search first, then (once the tool result is in) the final answer.
    ollama.setDefault((request) =>
      request.toolResults.length === 0
        ? toolCallsReply([{ id: 'call_kick', name: 'search_samples', arguments: { categories: ['kick'], kind: 'one-shot', limit: 3 } }])
        : textReply('Use [#11] for the low end, and [#999] for extra snap.'),
    );
    const found = [
      sampleFacts(row(11, 'Kicks/k1.wav', { category: 'kick', kind: 'one-shot', duration: 0.4, loudnessLufs: -7 }), { includeName: false }),
      sampleFacts(row(12, 'Kicks/k2.wav', { category: 'kick', kind: 'one-shot', duration: 0.2, rootMidi: 36 }, { tags: ['808'] }), {
        includeName: false,
      }),
    ];
    const searches: SearchSamplesArguments[] = [];
    const conversation = new KitConversation(service, (args) => {
      searches.push(args);
      return found;
    });

    const reply = await conversation.send('Build me a trap kit.');
    expect(reply.text).toBe('Use [#11] for the low end, and [#999] for extra snap.');
    expect(reply.sampleIds).toEqual([11]);
    expect(reply.searches).toBe(1);

    expect(searches).toHaveLength(1);
    expect(searches[0]!.query.categories).toEqual(['kick']);
    expect(searches[0]!.query.kind).toBe('one-shot');
    expect(searches[0]!.limit).toBe(3);

    expect(ollama.requests).toHaveLength(2);
    const [first, second] = ollama.requests as [RecordedRequest, RecordedRequest];
    expect(first.toolNames).toEqual(['search_samples']);
    expect(first.toolResults).toEqual([]);
    expect(second.toolResults).toHaveLength(1);
    expect(second.toolResults[0]!.callId).toBe('call_kick');
    expect(second.toolResults[0]!.name).toBe('search_samples');
    expect(JSON.parse(second.toolResults[0]!.content)).toEqual({ count: 2, samples: found });
  });
});
