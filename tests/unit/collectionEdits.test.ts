import { describe, expect, it } from 'vitest';
import { collectionAddMessage, collectionsOf, notYetIn } from '../../src/domain/library/collectionEdits';
import { EMPTY_QUERY, type LibraryQuery } from '../../src/domain/library/libraryQuery';
import { carriesSamples, decodeSampleIds, encodeSampleIds, SAMPLE_IDS_TYPE } from '../../src/domain/library/sampleDrag';
import { savedSearchName } from '../../src/domain/library/savedSearchName';

const query = (parts: Partial<LibraryQuery>): LibraryQuery => ({ ...EMPTY_QUERY, ...parts });

describe('the default name of a saved search', () => {
  it('says what the search finds: kind, tempo, key, the words typed last', () => {
    expect(savedSearchName(query({ kind: 'loop', bpm: { min: 120, max: 130, halfDouble: false }, text: ' kick ' }))).toBe(
      'Loops · 120–130 BPM · kick',
    );
    expect(savedSearchName(query({ kind: 'one-shot', categories: ['snare'], minRating: 4 }))).toBe('Snare one-shots · ★★★★+');
    expect(savedSearchName(query({ categories: ['hihat', 'clap'], key: { tonic: 'F#', scale: 'minor', compatible: true } }))).toBe(
      'Hi-hat, clap · F# minor + compatible',
    );
    expect(savedSearchName(query({ bpm: { min: 90, max: null, halfDouble: true }, tags: ['dark'], favourites: true }))).toBe(
      '≥ 90 BPM (½×, 2×) · #dark · ♥',
    );
    expect(savedSearchName(query({ duration: { min: null, max: 2 }, loudness: { min: -20, max: -10 }, folder: 'Drums/Kicks' }))).toBe(
      '≤ 2 s · -20–-10 LUFS · in Kicks',
    );
  });

  it('is cut at a word, with an ellipsis, past 40 characters', () => {
    const long = savedSearchName(
      query({ kind: 'loop', bpm: { min: 120, max: 130, halfDouble: false }, tags: ['dark', 'gritty', 'analogue'] }),
    );
    expect(long).toBe('Loops · 120–130 BPM · #dark · #gritty…');
    expect(long.length).toBeLessThanOrEqual(40);
    const words = savedSearchName(query({ text: 'a very long description of the exact sound that I am after here' }));
    expect(words).toBe('a very long description of the exact…');
    const oneWord = savedSearchName(query({ text: 'x'.repeat(60) }));
    expect(oneWord).toBe(`${'x'.repeat(39)}…`);
  });

  it('falls back to "Smart collection" only when the query says nothing, and names hidden duplicates only alone', () => {
    expect(savedSearchName(EMPTY_QUERY)).toBe('Smart collection');
    expect(savedSearchName(query({ withoutTags: ['duplicate'] }))).toBe('without #duplicate');
    expect(savedSearchName(query({ withoutTags: ['duplicate'], kind: 'loop' }))).toBe('Loops');
  });
});

describe('collection membership', () => {
  const collections = [
    { id: 1, name: 'Kicks for Track X', sampleIds: [5, 7] },
    { id: 2, name: 'Loops', sampleIds: [], query: '{"kind":"loop"}' },
    { id: 3, name: 'Snares', sampleIds: [7] },
  ];

  it('lists the hand-picked collections a sample is in, never a smart one', () => {
    expect(collectionsOf(collections, 7).map((c) => c.id)).toEqual([1, 3]);
    expect(collectionsOf(collections, 9)).toEqual([]);
  });

  it('knows which samples an addition would change', () => {
    expect(notYetIn(collections[0], [5, 8, 8, 9])).toEqual([8, 9]);
    expect(notYetIn(collections[0], [5, 7])).toEqual([]);
    expect(notYetIn(undefined, [1])).toEqual([1]);
  });

  it('says what an addition did', () => {
    const base = { collectionName: 'Track X', created: false };
    expect(collectionAddMessage({ ...base, sampleNames: ['snare 03.wav'], added: 1 })).toBe('Added snare 03.wav to “Track X”');
    expect(collectionAddMessage({ ...base, sampleNames: ['a', 'b', 'c'], added: 3 })).toBe('Added 3 samples to “Track X”');
    expect(collectionAddMessage({ ...base, sampleNames: ['a', 'b', 'c'], added: 2 })).toBe(
      'Added 2 samples to “Track X” (1 was in it already)',
    );
    expect(collectionAddMessage({ ...base, sampleNames: ['snare 03.wav'], added: 0 })).toBe('snare 03.wav is in “Track X” already');
    expect(collectionAddMessage({ ...base, sampleNames: ['a', 'b'], added: 0 })).toBe('These 2 samples are in “Track X” already');
    expect(collectionAddMessage({ ...base, sampleNames: ['a', 'b'], added: 2, created: true })).toBe(
      'New collection “Track X” with 2 samples',
    );
  });
});

describe('samples dragged inside the app', () => {
  it('carry their ids under their own type, read back whole and nothing else', () => {
    expect(decodeSampleIds(encodeSampleIds([3, 1, 3]))).toEqual([3, 1]);
    expect(decodeSampleIds('library/One-shots/kick.wav')).toEqual([]);
    expect(decodeSampleIds('{"id":1}')).toEqual([]);
    expect(decodeSampleIds('[1, "2", -3, 1.5, 4]')).toEqual([1, 4]);
    expect(carriesSamples(['text/plain', 'Files', SAMPLE_IDS_TYPE])).toBe(true);
    expect(carriesSamples(['Files'])).toBe(false);
    expect(carriesSamples(undefined)).toBe(false);
  });
});
