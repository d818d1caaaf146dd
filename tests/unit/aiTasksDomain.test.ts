import { describe, expect, it } from 'vitest';
import { proposeFromValues, readProposals } from '../../src/domain/ai/describe';
import { readSearchArguments, referencedSampleIds, type SearchSamplesArguments } from '../../src/domain/ai/kitTools';
import { refineQueryMessages, validateRefinedQuery } from '../../src/domain/ai/queryRefine';
import { parseQuery } from '../../src/domain/ai/queryParser';
import { sampleFacts, type SampleFacts } from '../../src/domain/ai/sampleFacts';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';
import { row } from '../support/rows';

describe('queryRefine', () => {
  const answer = {
    text: ' Punchy Dark ',
    kind: 'one-shot',
    categories: ['kick', 'kick', 'snare'],
    excludeCategories: ['vocal'],
    bpm: { min: 120, max: 130 },
    key: { tonic: 'Eb', scale: 'minor' },
    duration: { min: null, max: 2 },
    excludeWords: ['Reverb', 3],
  };
  const expected = {
    text: 'punchy dark',
    kind: 'one-shot',
    categories: ['kick', 'snare'],
    excludeCategories: ['vocal'],
    bpm: { min: 120, max: 130 },
    key: { tonic: 'D#', scale: 'minor' },
    duration: { min: null, max: 2 },
    excludeWords: ['reverb'],
  };
  const reasonOf = (value: unknown): string => {
    const result = validateRefinedQuery(typeof value === 'string' ? value : JSON.stringify(value));
    if (result.ok) throw new Error(`expected a refusal of ${JSON.stringify(value)}`);
    return result.reason;
  };

  it('accepts a good answer, spelling flats as sharps and normalising words', () => {
    expect(validateRefinedQuery(JSON.stringify(answer))).toEqual({ ok: true, query: expected });
  });

  it('accepts an answer inside a ```json fence', () => {
    expect(validateRefinedQuery('```json\n' + JSON.stringify(answer, null, 2) + '\n```')).toEqual({ ok: true, query: expected });
    expect(validateRefinedQuery('```\n' + JSON.stringify(answer) + '\n```')).toEqual({ ok: true, query: expected });
  });

  it('reads missing and null fields as "nothing said"', () => {
    expect(validateRefinedQuery('{"text":"warm"}')).toEqual({
      ok: true,
      query: { text: 'warm', kind: null, categories: [], excludeCategories: [], bpm: null, key: null, duration: null, excludeWords: [] },
    });
    const result = validateRefinedQuery(JSON.stringify({ ...answer, bpm: { min: null, max: null }, key: { tonic: 'a', scale: null } }));
    expect(result.ok && result.query.bpm).toBeNull();
    expect(result.ok && result.query.key).toEqual({ tonic: 'A', scale: null });
  });

  it('rejects unknown categories, with the reason', () => {
    expect(reasonOf({ ...answer, categories: ['kicks'] })).toBe('categories names an unknown category "kicks"');
    expect(reasonOf({ ...answer, excludeCategories: ['kick', 'violin'] })).toBe('excludeCategories names an unknown category "violin"');
    expect(reasonOf({ ...answer, categories: 'kick' })).toBe('categories is not a list');
  });

  it('rejects an unknown kind', () => {
    expect(reasonOf({ ...answer, kind: 'loopz' })).toBe('kind "loopz" is unknown');
    expect(reasonOf({ ...answer, kind: 3 })).toBe('kind 3 is unknown');
  });

  it('rejects tempos outside 20–400 bpm and ranges that run backwards', () => {
    expect(reasonOf({ ...answer, bpm: { min: 10, max: 130 } })).toBe('bpm has 10, outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: 120, max: 401 } })).toBe('bpm has 401, outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: '120', max: null } })).toBe('bpm has "120", outside 20–400');
    expect(reasonOf({ ...answer, bpm: { min: 140, max: 120 } })).toBe('bpm runs backwards');
    expect(reasonOf({ ...answer, duration: { min: 5, max: 1 } })).toBe('duration runs backwards');
    expect(reasonOf({ ...answer, bpm: 120 })).toBe('bpm is not a range');
    expect(validateRefinedQuery(JSON.stringify({ ...answer, bpm: { min: 20, max: 400 } })).ok).toBe(true);
  });

  it('rejects answers that are not JSON or not a query object', () => {
    expect(reasonOf('Sure! Here is the query you asked for.')).toBe('the answer is not JSON');
    expect(reasonOf('')).toBe('the answer is not JSON');
    expect(reasonOf([answer])).toBe('the answer is not an object');
    expect(reasonOf('null')).toBe('the answer is not an object');
    expect(reasonOf({ ...answer, text: undefined })).toBe('text is missing');
  });

  it('rejects keys that are not notes or scales', () => {
    expect(reasonOf({ ...answer, key: { tonic: 'H', scale: 'minor' } })).toBe('key tonic "H" is not a note');
    expect(reasonOf({ ...answer, key: { tonic: 'A', scale: 'dorian' } })).toBe('scale "dorian" is unknown');
    expect(reasonOf({ ...answer, key: { scale: 'minor' } })).toBe('key has no tonic');
  });

  it("asks with the search and the parser's reading", () => {
    const parsed = parseQuery('dark kick 120 bpm');
    const messages = refineQueryMessages('dark kick 120 bpm', parsed);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1]!.content).toContain('"dark kick 120 bpm"');
    expect(messages[1]!.content).toContain(JSON.stringify(parsed));
  });
});

describe('sampleFacts', () => {
  const kick = row(
    7,
    'Drums/Kicks/Big Kick 01.wav',
    { category: 'kick', kind: 'one-shot', duration: 0.34567, loudnessLufs: -8.04, bpm: 127.96, rootMidi: 36, key: 'A', scale: 'minor' },
    { tags: ['punchy'] },
  );

  it('includes the file name only when allowed', () => {
    expect(sampleFacts(kick, { includeName: false })).not.toHaveProperty('name');
    expect(sampleFacts(kick, { includeName: true }).name).toBe('Big Kick 01.wav');
    expect(JSON.stringify(sampleFacts(kick, { includeName: false }))).not.toContain('Kick 01');
  });

  it('sends the analysed values and tags, rounded, and nothing about the audio or its path', () => {
    const facts = sampleFacts(kick, { includeName: false });
    expect(facts).toEqual({
      id: 7,
      kind: 'one-shot',
      category: 'kick',
      bpm: 128,
      key: 'A minor',
      rootNote: 'C2',
      duration: 0.35,
      loudness: -8,
      tags: ['punchy'],
    });
    expect(Object.keys(facts).sort()).toEqual(['bpm', 'category', 'duration', 'id', 'key', 'kind', 'loudness', 'rootNote', 'tags']);
    const text = JSON.stringify(sampleFacts(kick, { includeName: true }));
    for (const field of ['path', 'dir', 'Drums', 'sampleRate', 'channels', 'peakDbfs', 'format', 'peaks', 'embedding'])
      expect(text).not.toContain(field);
    expect(facts.tags).not.toBe(kick.tags);
  });

  it('rounds bpm and loudness to one decimal and duration to two', () => {
    const facts = sampleFacts(row(1, 'a.wav', { bpm: 93.456, duration: 12.3456, loudnessLufs: -14.26 }), { includeName: false });
    expect([facts.bpm, facts.duration, facts.loudness]).toEqual([93.5, 12.35, -14.3]);
  });

  it('reports nulls for what was not analysed', () => {
    expect(sampleFacts(row(3, 'x.wav', null), { includeName: false })).toEqual({
      id: 3,
      kind: null,
      category: null,
      bpm: null,
      key: null,
      rootNote: null,
      duration: null,
      loudness: null,
      tags: [],
    });
    const keyOnly = sampleFacts(row(4, 'y.wav', { key: 'F#', scale: null, loudnessLufs: null }), { includeName: false });
    expect(keyOnly.key).toBe('F#');
    expect(keyOnly.loudness).toBeNull();
    expect(keyOnly.rootNote).toBeNull();
  });
});

describe('kitTools', () => {
  const read = (json: string): SearchSamplesArguments => {
    const result = readSearchArguments(json);
    if (typeof result === 'string') throw new Error(result);
    return result;
  };

  it('maps the arguments to a library query', () => {
    const args = read(
      JSON.stringify({
        categories: ['kick', 'snare', 'kicks', 7],
        kind: 'loop',
        bpmMin: 120,
        bpmMax: 130,
        key: 'A minor',
        text: 'lofi',
        limit: 4,
      }),
    );
    expect(args).toEqual({
      query: {
        ...EMPTY_QUERY,
        text: 'lofi',
        kind: 'loop',
        categories: ['kick', 'snare'],
        bpm: { min: 120, max: 130, halfDouble: true },
        key: { tonic: 'A', scale: 'minor', compatible: true },
      },
      limit: 4,
    });
  });

  it('reads keys in the usual spellings', () => {
    expect(read('{"key":"F#"}').query.key).toEqual({ tonic: 'F#', scale: 'major', compatible: true });
    expect(read('{"key":"Am"}').query.key).toEqual({ tonic: 'A', scale: 'minor', compatible: true });
    expect(read('{"key":"Bb min"}').query.key).toEqual({ tonic: 'A#', scale: 'minor', compatible: true });
    expect(read('{"key":"eb major"}').query.key).toEqual({ tonic: 'D#', scale: 'major', compatible: true });
    expect(read('{"key":"H minor"}').query.key).toBeNull();
    expect(read('{"key":"A dorian"}').query.key).toBeNull();
  });

  it('clamps the limit to 1–10, six by default', () => {
    expect(read('{}').limit).toBe(6);
    expect(read('{"limit":50}').limit).toBe(10);
    expect(read('{"limit":0}').limit).toBe(1);
    expect(read('{"limit":-3}').limit).toBe(1);
    expect(read('{"limit":3.6}').limit).toBe(4);
    expect(read('{"limit":"9"}').limit).toBe(6);
  });

  it('drops unknown categories and kinds, and keeps open what was not given', () => {
    const args = read('{"categories":["violin"],"kind":"drum","bpmMin":"fast","text":' + JSON.stringify('w'.repeat(200)) + '}');
    expect(args.query.categories).toEqual([]);
    expect(args.query.kind).toBeNull();
    expect(args.query.bpm).toEqual({ min: null, max: null, halfDouble: true });
    expect(args.query.text).toHaveLength(80);
    expect(read('').query).toEqual({ ...EMPTY_QUERY, bpm: { min: null, max: null, halfDouble: true } });
  });

  it('says what is wrong with arguments that are not a JSON object', () => {
    expect(readSearchArguments('{"kind": "loop"')).toBe('the arguments are not JSON');
    expect(readSearchArguments('kick please')).toBe('the arguments are not JSON');
    expect(readSearchArguments('[1,2]')).toBe('the arguments are not an object');
    expect(readSearchArguments('"kick"')).toBe('the arguments are not an object');
  });

  it('keeps the ids the tools returned, in order, and reports invented ones', () => {
    const returned = new Set([7, 12, 30]);
    expect(referencedSampleIds('Try [#12] with #7; then [#99], #12 again and #4.', returned)).toEqual({ ids: [12, 7], invented: [99, 4] });
    expect(referencedSampleIds('Nothing fits, try searching for "vinyl".', returned)).toEqual({ ids: [], invented: [] });
    expect(referencedSampleIds('[#300] is not [#30]', returned)).toEqual({ ids: [30], invented: [300] });
  });
});

describe('describe', () => {
  const facts = (over: Partial<SampleFacts>): SampleFacts => ({
    id: 1,
    kind: 'one-shot',
    category: 'kick',
    bpm: null,
    key: null,
    rootNote: null,
    duration: 0.5,
    loudness: -14,
    tags: [],
    ...over,
  });

  it('words the analysed values: length, loudness, heard words, and a description', () => {
    const proposal = proposeFromValues(facts({ id: 4, duration: 0.18, loudness: -6, rootNote: 'C2', tags: ['punchy'] }), [
      'Punchy',
      'Boomy  Low',
    ]);
    expect(proposal).toEqual({ id: 4, tags: ['short', 'loud', 'boomy-low'], description: 'Short, loud kick one-shot, root C2, 0.18 s.' });

    const quiet = proposeFromValues(facts({ duration: 3, loudness: -30 }));
    expect(quiet.tags).toEqual(['long', 'quiet']);
    expect(quiet.description).toBe('Long, quiet kick one-shot, 3 s.');
  });

  it('describes loops by tempo and key, without one-shot length words', () => {
    const loop = proposeFromValues(
      facts({ kind: 'loop', category: 'drum-loop', bpm: 127.6, key: 'A minor', rootNote: 'A3', duration: 7.5, loudness: -14 }),
    );
    expect(loop).toEqual({ id: 1, tags: [], description: 'Drum-loop loop, 128 BPM, A minor, 7.5 s.' });
    const bare = proposeFromValues(facts({ kind: null, category: null, duration: null, loudness: null }));
    expect(bare.description).toBe('Sample.');
  });

  it('caps the tags at five', () => {
    const many = proposeFromValues(facts({}), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(many.tags).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("reads a model's proposals: only the batch's ids, once each, tags normalised and capped", () => {
    const answer = JSON.stringify({
      samples: [
        { id: 1, tags: ['Warm', 'warm', '  Dusty Vinyl ', '#lofi', 5, 'a', 'b', 'c'], description: '  A warm, dusty kick.  ' },
        { id: 1, tags: ['duplicate'], description: 'second answer for 1' },
        { id: 99, tags: ['foreign'], description: 'not in this batch' },
        { id: '2', tags: ['string id'], description: 'id as text' },
        { id: 2, tags: 'gritty', description: 42 },
        { id: 3, tags: [], description: 'd'.repeat(300) },
        'junk',
      ],
    });
    expect(readProposals(answer, new Set([1, 2, 3]))).toEqual([
      { id: 1, tags: ['warm', 'dusty-vinyl', 'lofi', 'a', 'b'], description: 'A warm, dusty kick.' },
      { id: 2, tags: [], description: '' },
      { id: 3, tags: [], description: 'd'.repeat(140) },
    ]);
  });

  it('accepts a bare list or a fenced answer, and returns null for anything unreadable', () => {
    const list = [{ id: 5, tags: ['dark'], description: 'Dark.' }];
    expect(readProposals(JSON.stringify(list), new Set([5]))).toEqual(list);
    expect(readProposals('```json\n' + JSON.stringify({ samples: list }) + '\n```', new Set([5]))).toEqual(list);
    expect(readProposals('Here are some tags: dark, warm', new Set([5]))).toBeNull();
    expect(readProposals('{"samples":"none"}', new Set([5]))).toBeNull();
    expect(readProposals('42', new Set([5]))).toBeNull();
    expect(readProposals('{"samples":[]}', new Set([5]))).toEqual([]);
  });
});
