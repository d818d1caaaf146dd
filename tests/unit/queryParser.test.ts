import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { leftOutWordsHint, parseQuery, splitLeftoverText, toLibraryQuery, type ParsedQuery } from '../../src/domain/ai/queryParser';
import { filtersFromText } from '../../src/domain/ai/searchFilters';
import { isOneTypoAway, tokenizeQuery } from '../../src/domain/ai/queryTokens';
import { EMPTY_QUERY, rowMatcher } from '../../src/domain/library/libraryQuery';
import { row } from '../support/rows';

const DRUMS = ['kick', 'snare', 'clap', 'hihat', 'tom', 'cymbal', 'percussion', 'drum-loop'];
const pick = <K extends keyof ParsedQuery>(text: string, ...keys: K[]): Pick<ParsedQuery, K> => {
  const parsed = parseQuery(text);
  return Object.fromEntries(keys.map((k) => [k, parsed[k]])) as Pick<ParsedQuery, K>;
};

describe('parseQuery', () => {
  it('returns every field, empty, for text it cannot read', () => {
    for (const text of ['', '   ', '!!!']) {
      expect(parseQuery(text)).toEqual({
        text: '',
        kind: null,
        categories: [],
        excludeCategories: [],
        bpm: null,
        key: null,
        duration: null,
        excludeWords: [],
      });
    }
    expect(parseQuery('asdfgh').text).toBe('asdfgh');
  });

  it('reads the example searches', () => {
    expect(parseQuery('punchy kick around 125 bpm, short')).toMatchObject({
      text: 'punchy',
      categories: ['kick'],
      bpm: { min: 122, max: 128 },
      duration: { min: null, max: 0.5 },
    });
    expect(parseQuery('dark pads in F minor')).toMatchObject({ text: 'dark', categories: ['pad'], key: { tonic: 'F', scale: 'minor' } });
    expect(parseQuery('loops between 170 and 175 bpm without vocals')).toMatchObject({
      text: '',
      kind: 'loop',
      excludeCategories: ['vocal'],
      bpm: { min: 170, max: 175 },
    });
  });

  it.each([
    ['125 bpm', 125, 125],
    ['125bpm', 125, 125],
    ['bpm: 125', 125, 125],
    ['at 125', 125, 125],
    ['120 beats per minute', 120, 120],
    ['125 bmp', 125, 125],
    ['around 125', 122, 128],
    ['~125 bpm', 122, 128],
    ['125-ish bpm', 122, 128],
    ['between 170 and 175 bpm', 170, 175],
    ['170-175 bpm', 170, 175],
    ['170–175bpm', 170, 175],
    ['from 120 to 126', 120, 126],
    ['over 140 bpm', 140, null],
    ['140+ bpm', 140, null],
    ['140 bpm+', 140, null],
    ['faster than 150', 150, null],
    ['under 100 bpm', null, 100],
    ['slower than 80', null, 80],
    ['dnb 174', 174, 174],
    ['slow', null, 90],
    ['fast', 140, null],
    ['not fast', null, 140],
  ])('reads the tempo in %j', (text, min, max) => {
    expect(parseQuery(text).bpm).toEqual({ min, max });
  });

  it('keeps numbers that are no tempo as words', () => {
    expect(pick('house kick 909', 'text', 'bpm')).toEqual({ text: 'house 909', bpm: null });
    expect(pick('kick 10', 'text', 'bpm')).toEqual({ text: '10', bpm: null });
    expect(pick('4 bars 120', 'text', 'bpm')).toEqual({ text: '4 bars', bpm: { min: 120, max: 120 } });
    expect(pick('90s hip hop', 'text', 'duration')).toEqual({ text: '90s hip hop', duration: null });
    expect(parseQuery('slow attack pad')).toMatchObject({ text: 'slow attack', bpm: null, categories: ['pad'] });
  });

  it('lets a number win over a tempo word', () => {
    expect(parseQuery('slow loops around 70 bpm').bpm).toEqual({ min: 67, max: 73 });
  });

  it.each([
    ['F minor', 'F', 'minor'],
    ['Fm', 'F', 'minor'],
    ['F#m', 'F#', 'minor'],
    ['f♯ minor', 'F#', 'minor'],
    ['Gb major', 'F#', 'major'],
    ['B♭ maj', 'A#', 'major'],
    ['C# min', 'C#', 'minor'],
    ['e flat minor', 'D#', 'minor'],
    ['c sharp minor', 'C#', 'minor'],
    ['Cb major', 'B', 'major'],
    ['E# minor', 'F', 'minor'],
    ['Ebm', 'D#', 'minor'],
    ['a minor', 'A', 'minor'],
    ['in A', 'A', null],
    ['key of G', 'G', null],
    ['key: F#', 'F#', null],
    ['Bb', 'A#', null],
    ['in eb', 'D#', null],
    ['8A', 'A', 'minor'],
    ['4B', 'G#', 'major'],
  ])('reads the key in %j, spelled as the app spells it', (text, tonic, scale) => {
    expect(parseQuery(text).key).toEqual({ tonic, scale });
  });

  it('tells a note letter from a word', () => {
    expect(pick('A punchy kick', 'text', 'key')).toEqual({ text: 'punchy', key: null });
    expect(pick('a flat kick', 'text', 'key')).toEqual({ text: 'flat', key: null });
    expect(pick('pads in a dark style', 'text', 'key')).toEqual({ text: 'dark', key: null });
    expect(parseQuery('loops in a').key).toEqual({ tonic: 'A', scale: null });
    expect(parseQuery('pad A').key).toEqual({ tonic: 'A', scale: null });
    expect(pick('I am looking for a gritty snare', 'text', 'key')).toEqual({ text: 'gritty', key: null });
    expect(pick('FM bass', 'text', 'key')).toEqual({ text: 'fm', key: null });
    expect(pick('EBM kick', 'text', 'key')).toEqual({ text: 'ebm', key: null });
    expect(pick('db', 'text', 'key')).toEqual({ text: 'db', key: null });
    expect(pick('g-funk bass', 'text', 'key')).toEqual({ text: 'g-funk', key: null });
    expect(pick('e piano in E', 'categories', 'key')).toEqual({ categories: ['keys'], key: { tonic: 'E', scale: null } });
  });

  it('maps category words and their synonyms onto the app categories', () => {
    const cases: [string, string[]][] = [
      ['kicks', ['kick']],
      ['bass drum', ['kick']],
      ['bd', ['kick']],
      ['hi-hats', ['hihat']],
      ['hihat', ['hihat']],
      ['crash', ['cymbal']],
      ['shaker', ['percussion']],
      ['rhodes', ['keys']],
      ['e-piano', ['keys']],
      ['flute', ['woodwind']],
      ['vox', ['vocal']],
      ['lead vocals', ['vocal']],
      ['bass guitar', ['bass']],
      ['breaks', ['drum-loop']],
      ['drum loops', ['drum-loop']],
      ['drums', DRUMS],
      ['kick, snare & clap', ['kick', 'snare', 'clap']],
      ['hats/percs', ['hihat', 'percussion']],
    ];
    for (const [text, categories] of cases) expect(parseQuery(text).categories, text).toEqual(categories);
  });

  it('reads 808 as a bass on its own and as a drum machine next to a drum', () => {
    expect(pick('808', 'text', 'categories')).toEqual({ text: '808', categories: ['bass'] });
    expect(pick('808s in F minor', 'text', 'categories')).toEqual({ text: '808', categories: ['bass'] });
    expect(pick('808 kick', 'text', 'categories')).toEqual({ text: '808', categories: ['kick'] });
  });

  it('keeps genres that contain a category word as text', () => {
    expect(pick('drum and bass loops', 'text', 'categories', 'kind')).toEqual({ text: 'drum and bass', categories: [], kind: 'loop' });
    expect(pick('bass house kick', 'text', 'categories')).toEqual({ text: 'bass house', categories: ['kick'] });
  });

  it('reads one-shot and loop, and asking for both as either', () => {
    for (const text of ['one shot', 'one-shots', 'oneshot', '1-shot', 'hits']) expect(parseQuery(text).kind, text).toBe('one-shot');
    for (const text of ['loop', 'loops', 'not one-shots']) expect(parseQuery(text).kind, text).toBe('loop');
    expect(parseQuery('no loops, just one shots').kind).toBe('one-shot');
    expect(parseQuery('one shots and loops').kind).toBeNull();
    expect(parseQuery('drum hits')).toMatchObject({ kind: 'one-shot', categories: DRUMS.filter((c) => c !== 'drum-loop') });
  });

  it('reads lengths in seconds, "short" and "long" by what the query is about', () => {
    expect(parseQuery('under 2 seconds').duration).toEqual({ min: null, max: 2 });
    expect(parseQuery('less than 500 ms').duration).toEqual({ min: null, max: 0.5 });
    expect(parseQuery('longer than 4 s').duration).toEqual({ min: 4, max: null });
    expect(parseQuery('between 1 and 2 seconds').duration).toEqual({ min: 1, max: 2 });
    expect(parseQuery('2 second loops').duration).toEqual({ min: 1.6, max: 2.4 });
    expect(parseQuery('short kick').duration).toEqual({ min: null, max: 0.5 });
    expect(parseQuery('long pads').duration).toEqual({ min: 2, max: null });
    expect(parseQuery('short loops').duration).toEqual({ min: null, max: 4 });
    expect(parseQuery('long drum loops').duration).toEqual({ min: 8, max: null });
    expect(parseQuery('not too long kicks').duration).toEqual({ min: null, max: 2 });
  });

  it('excludes what a negation names, across lists, and no further', () => {
    for (const text of ['without vocals', 'no vocals', 'not vocals', 'excluding vocals', '-vocals', 'w/o vox'])
      expect(parseQuery(text).excludeCategories, text).toEqual(['vocal']);
    expect(parseQuery('without kicks or snares').excludeCategories).toEqual(['kick', 'snare']);
    expect(parseQuery('everything but kicks')).toMatchObject({ categories: [], excludeCategories: ['kick'] });
    expect(parseQuery('no vocals, dark pads')).toMatchObject({ text: 'dark', categories: ['pad'], excludeCategories: ['vocal'] });
    expect(parseQuery('non-vocal loops')).toMatchObject({ kind: 'loop', excludeCategories: ['vocal'] });
    expect(parseQuery('kick - snare').categories).toEqual(['kick', 'snare']);
  });

  it('keeps negated plain words out of the text', () => {
    expect(pick('dry snare no reverb', 'text', 'excludeWords')).toEqual({ text: 'dry', excludeWords: ['reverb'] });
    expect(pick('no reverb, dark', 'text', 'excludeWords')).toEqual({ text: 'dark', excludeWords: ['reverb'] });
    expect(pick('bass loops except 808s', 'categories', 'excludeWords')).toEqual({ categories: ['bass'], excludeWords: ['808'] });
  });

  it('corrects typos of vocabulary words but not real words near them', () => {
    expect(parseQuery('kcik').categories).toEqual(['kick']);
    expect(parseQuery('percusion').categories).toEqual(['percussion']);
    expect(parseQuery('cymbol').categories).toEqual(['cymbal']);
    expect(parseQuery('pads in f minro').key).toEqual({ tonic: 'F', scale: 'minor' });
    expect(pick('strong kick', 'text', 'categories')).toEqual({ text: 'strong', categories: ['kick'] });
    expect(pick('guitar licks', 'text', 'categories')).toEqual({ text: 'licks', categories: ['guitar'] });
    expect(pick('wide pads', 'text', 'categories')).toEqual({ text: 'wide', categories: ['pad'] });
    expect(isOneTypoAway('best', 'beat')).toBe(false);
    expect(isOneTypoAway('shout', 'short')).toBe(false);
  });

  it('keeps hyphenated and glued words together in the text', () => {
    expect(parseQuery('lo-fi texture').text).toBe('lo-fi texture');
    expect(parseQuery('d&b rollers').text).toBe('d&b rollers');
    expect(tokenizeQuery('170-175bpm').map((t) => t.word)).toEqual(['170', '-', '175', 'bpm']);
  });
});

describe('toLibraryQuery', () => {
  const rows = [
    row(1, 'Loops/amen 170.wav', { kind: 'loop', category: 'drum-loop', bpm: 170.2, duration: 5.6 }),
    row(2, 'Loops/vocal 172.wav', { kind: 'loop', category: 'vocal', bpm: 172, key: 'F', scale: 'minor', duration: 5.6 }),
    row(3, 'Loops/pad 172.wav', { kind: 'loop', category: 'pad', bpm: 172, key: 'F', scale: 'minor', duration: 11 }),
    row(4, 'Kicks/punchy kick.wav', { kind: 'one-shot', category: 'kick', duration: 0.4, rootMidi: 41 }),
    row(5, 'Kicks/boomy kick.wav', { kind: 'one-shot', category: 'kick', duration: 2.5 }),
  ];
  const search = (text: string): number[] => rows.filter(rowMatcher(toLibraryQuery(parseQuery(text)), null)).map((r) => r.id);

  it('filters the library as the search says', () => {
    expect(search('loops between 170 and 175 bpm without vocals')).toEqual([1, 3]);
    expect(search('short kick')).toEqual([4]);
    expect(search('170 bpm')).toEqual([1, 2, 3]); // 172 is within a time-stretch of 170
    expect(search('pads in F minor')).toEqual([3]);
  });

  it('turns exclusions into every other category, or takes them out of the ones asked for', () => {
    expect(toLibraryQuery(parseQuery('no vocals')).categories).not.toContain('vocal');
    expect(toLibraryQuery(parseQuery('no vocals')).categories).toContain('fx');
    expect(toLibraryQuery(parseQuery('drums without kicks')).categories).toEqual(DRUMS.filter((c) => c !== 'kick'));
    expect(toLibraryQuery(parseQuery('kicks but no kicks')).categories).toEqual(['kick']);
  });

  it('gives a single tempo 2 % each way (at most the ±3 of "around"), widened to whole BPM, and a bare key the major scale', () => {
    const query = toLibraryQuery(parseQuery('in A at 125 bpm'));
    expect(query.bpm).toEqual({ min: 122, max: 128, halfDouble: false });
    expect(query.key).toEqual({ tonic: 'A', scale: 'major', compatible: false });
    expect(toLibraryQuery(parseQuery('120bpm')).bpm).toEqual({ min: 117, max: 123, halfDouble: false });
    // Whole BPM, as a chip reads best (it showed 125.44–130.56).
    expect(toLibraryQuery(parseQuery('loops 128 bpm')).bpm).toEqual({ min: 125, max: 131, halfDouble: false });
    expect(toLibraryQuery(parseQuery('90 bpm')).bpm).toEqual({ min: 88, max: 92, halfDouble: false });
    expect(toLibraryQuery(parseQuery('174 bpm')).bpm).toEqual({ min: 171, max: 177, halfDouble: false });
    // Ranges stay as typed.
    expect(toLibraryQuery(parseQuery('120-130 bpm')).bpm).toEqual({ min: 120, max: 130, halfDouble: false });
    expect(toLibraryQuery(parseQuery('around 120')).bpm).toEqual({ min: 117, max: 123, halfDouble: false });
  });

  it('finds loops at 118 and 122 for "at 120", not those a range leaves out', () => {
    const loops = [116, 118, 120, 122, 124].map((bpm) =>
      row(bpm, `Loops/loop ${bpm}.wav`, { kind: 'loop', bpm, key: 'C', scale: 'minor' }),
    );
    const found = (text: string) => loops.filter(rowMatcher(toLibraryQuery(parseQuery(text)), null)).map((r) => r.id);
    expect(found('loops in C minor at 120')).toEqual([118, 120, 122]);
    expect(found('120bpm')).toEqual([118, 120, 122]);
    expect(found('120-130 bpm')).toEqual([120, 122, 124]);
  });
});

describe('leftover words no sample has (search box, Enter, without the sound search)', () => {
  const names = new Set(['pad', 'warm', 'lo-fi']);

  it('leaves out the words nothing matches and keeps those some sample has, as typed', () => {
    expect(splitLeftoverText('dark', (word) => names.has(word))).toEqual({ kept: '', missing: ['dark'] });
    expect(splitLeftoverText('warm  dusty lo-fi', (word) => names.has(word))).toEqual({ kept: 'warm lo-fi', missing: ['dusty'] });
    expect(splitLeftoverText('', () => false)).toEqual({ kept: '', missing: [] });
  });

  it('says which words were left out and what is shown instead', () => {
    const filters = filtersFromText('dark pads in F minor', EMPTY_QUERY)!;
    const shown = { ...filters, text: splitLeftoverText(filters.text, (word) => names.has(word)).kept };
    expect(shown.text).toBe('');
    expect(leftOutWordsHint(['dark'], shown)).toBe('No sample’s name, folder or tags match “dark”: showing pad, F minor (4A)');
    expect(leftOutWordsHint(['dark', 'dusty'], { ...shown, text: 'warm' })).toBe(
      'No sample’s name, folder or tags match “dark” or “dusty”: showing “warm”, pad, F minor (4A)',
    );
  });
});

describe('npm run query', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/query.ts', ...args], { encoding: 'utf8' });

  it('prints the parsed query as JSON, words given apart or together', () => {
    const apart = cli('dark', 'pads', 'in', 'F', 'minor');
    expect(apart.status).toBe(0);
    expect(JSON.parse(apart.stdout)).toEqual(parseQuery('dark pads in F minor'));
    expect(JSON.parse(cli('--library', 'dark pads in F minor').stdout)).toEqual(toLibraryQuery(parseQuery('dark pads in F minor')));
  });

  it('exits 2 without search text', () => {
    const result = cli();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage');
  });
});
