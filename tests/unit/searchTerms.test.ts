import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';
import { searchTerms, searchText, preferVerbatim } from '../../src/domain/library/searchTerms';
import { TextIndex } from '../../src/domain/library/textIndex';
import type { LibraryRow } from '../../src/state/libraryStore';
import { selectVisibleRows, textFindsAny, textIndex } from '../../src/state/visibleRows';
import { analysis, row } from '../support/rows';

const terms = (query: string) => searchTerms(query).map((term) => [term.words.join(' '), term.categories && [...term.categories]]);

describe('search terms: category words in a typed search', () => {
  it('reads category names, vocabulary synonyms and plurals, hyphenated or camel-cased phrases whole', () => {
    expect(terms('kick')).toEqual([['kick', ['kick']]]);
    expect(terms('snares')).toEqual([['snares', ['snare']]]);
    expect(terms('hi-hat')).toEqual([['hi hat', ['hihat']]]);
    expect(terms('HiHats')).toEqual([['hi hats', ['hihat']]]);
    expect(terms('vox')).toEqual([['vox', ['vocal']]]);
    expect(terms('fx')).toEqual([['fx', ['fx']]]); // a category's own name, though the parser leaves it as text
    expect(terms('dark kick drum')).toEqual([
      ['dark', null],
      ['kick drum', ['kick']],
    ]);
  });

  it('leaves genres and finished partial words as plain words, and reads kind words as kinds', () => {
    expect(terms('drum and bass')).toEqual([['drum and bass', null]]);
    expect(terms('one shot')).toEqual([['one shot', ['kind:one-shot']]]); // as Enter reads it: the kind filter
    expect(terms('kic ')).toEqual([['kic', null]]); // a space after it: the word is finished
    expect(terms('ki')).toEqual([['ki', null]]); // two letters say too little
    expect(terms('kic dark')).toEqual([
      ['kic', null],
      ['dark', null],
    ]);
    expect(terms('   ')).toEqual([]);
  });

  it('forgives a typo of a category or kind word as Enter does, but not an ordinary word near one', () => {
    expect(terms('kcik')).toEqual([['kcik', ['kick']]]);
    expect(terms('snaer ')).toEqual([['snaer', ['snare']]]);
    expect(terms('hihta')).toEqual([['hihta', ['hihat']]]);
    expect(terms('dark kcik')).toEqual([
      ['dark', null],
      ['kcik', ['kick']],
    ]);
    expect(terms('lopos')).toEqual([['lopos', ['kind:loop']]]);
    expect(terms('licks')).toEqual([['licks', null]]); // a word of its own, not "kicks"
    expect(terms('dark')).toEqual([['dark', null]]);
  });

  it('reads the word being typed as the categories it begins, from three letters', () => {
    expect(terms('kic')).toEqual([['kic', ['kick']]]);
    expect(terms('dark cym')).toEqual([
      ['dark', null],
      ['cym', ['cymbal']],
    ]);
    // Every category a start may become: "sna" is on its way to snare, or to snap (a clap).
    expect(new Set(terms('sna')[0]![1])).toEqual(new Set(['snare', 'clap']));
  });
});

describe('searchText', () => {
  const rows = [
    row(1, 'Pack/Drums/BD_01.wav', { category: 'kick' }),
    row(2, 'Pack/Drums/Kick_Punchy.wav', { category: 'kick' }),
    row(3, 'Pack/Drums/SN_dark.wav', { category: 'snare' }),
    row(4, 'Pack/Kicks layer/sub.wav', { category: 'bass' }),
    row(5, 'Pack/Drums/HH_closed.wav', { category: 'hihat' }),
    row(6, 'Pack/Vocals/dark chant.wav', { category: 'vocal' }),
    row(7, 'Pack/new.wav', null), // not analysed yet: no category
    row(8, 'Pack/Grooves/groove 1.wav', { category: 'drum-loop', kind: 'loop' }),
  ];
  const index = new TextIndex();
  for (const r of rows) index.set(r.id, r.path);
  const search = (query: string) => {
    const found = searchText(query, (words) => index.search(words), rows);
    return found && [...found].sort((a, b) => a - b);
  };

  it('finds the samples of a category a word names, as well as those whose text has the word', () => {
    expect(search('kick')).toEqual([1, 2, 4]); // 4 by its folder name
    expect(search('kicks')).toEqual([1, 2, 4]);
    expect(search('hi-hat')).toEqual([5]);
    expect(search('hihats')).toEqual([5]);
    expect(search('vocal')).toEqual([6]);
  });

  it('finds the loops or the one-shots a kind word names, whatever their names', () => {
    expect(search('loops')).toEqual([8]);
    expect(search('loo')).toEqual([8]); // on its way to "loop"
    expect(search('one shots')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(search('dark one-shot')).toEqual([3, 6]);
  });

  it('requires every term: plain words and category words together', () => {
    expect(search('dark snare')).toEqual([3]);
    expect(search('dark vocals')).toEqual([6]);
    expect(search('punchy kick')).toEqual([2]);
    expect(search('dark kick')).toEqual([]);
    expect(search('')).toBeNull();
  });
});

const libraryRow = (id: number, path: string, over: Partial<AudioDescriptors> | null): LibraryRow => ({
  ...row(id, path, over),
  measured: over ? analysis(over) : null,
  corrections: {},
  folderId: 1,
  relativePath: path,
  error: null,
  note: '',
});

describe('the live list filter (visibleRows)', () => {
  const visible = (rows: ReadonlyMap<number, LibraryRow>, text: string): number[] =>
    selectVisibleRows({ rows, query: { ...EMPTY_QUERY, text }, sortKey: 'name', sortDirection: 'asc', collections: [], collectionId: null })
      .map((r) => r.id)
      .sort((a, b) => a - b);

  it('matches a category word while typing, and follows the analysis when it sets or changes a category', () => {
    const queued = new Map([
      [101, libraryRow(101, 'Lib/Drums/A1.wav', null)],
      [102, libraryRow(102, 'Lib/Drums/A2.wav', null)],
    ]);
    for (const r of queued.values()) textIndex.set(r.id, r.path);
    expect(visible(queued, 'kick')).toEqual([]);

    const analysed = new Map([
      [101, libraryRow(101, 'Lib/Drums/A1.wav', { category: 'kick' })],
      [102, libraryRow(102, 'Lib/Drums/A2.wav', { category: 'snare' })],
    ]);
    expect(visible(analysed, 'kick')).toEqual([101]);
    expect(visible(analysed, 'snares')).toEqual([102]);

    const corrected = new Map(analysed).set(102, libraryRow(102, 'Lib/Drums/A2.wav', { category: 'kick' }));
    expect(visible(corrected, 'kicks')).toEqual([101, 102]);
    expect(visible(corrected, 'snare')).toEqual([]);
    expect(textFindsAny('snare', corrected)).toBe(false);
    expect(textFindsAny('kick', corrected)).toBe(true);
    expect(textFindsAny('a1', corrected)).toBe(true);
    for (const id of queued.keys()) textIndex.delete(id);
  });
});

describe('a word typed whole', () => {
  const rows = [
    { id: 1, path: 'Broken/e02.wav' },
    { id: 2, path: 'Drums/d020 e.wav' },
    { id: 3, path: 'Pack05/Kicks/kick.wav' },
    { id: 4, path: 'Pack/Kicks/kick05.wav' },
    { id: 5, path: 'Pack/Snares/Snare_02.wav' },
  ];
  const all = new Set(rows.map((r) => r.id));

  it('finds the file named, not every name holding its split words', () => {
    expect(preferVerbatim(new Set([1, 2]), 'e02.wav', rows)).toEqual(new Set([1]));
    expect(preferVerbatim(all, 'pack05', rows)).toEqual(new Set([3]));
    expect(preferVerbatim(all, 'Pack05 kick', rows)).toEqual(new Set([3]));
  });

  it('keeps the split words where no name holds the word as typed, and leaves plain words alone', () => {
    expect(preferVerbatim(new Set([5]), 'snare02', rows)).toEqual(new Set([5])); // "Snare_02"
    expect(preferVerbatim(all, 'kick', rows)).toBe(all);
    expect(preferVerbatim(null, 'e02', rows)).toBeNull();
  });
});
