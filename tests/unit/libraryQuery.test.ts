import { describe, expect, it } from 'vitest';
import { CATEGORIES, DRUM_CATEGORIES } from '../../src/domain/corrections';
import { filtersFromText } from '../../src/domain/ai/searchFilters';
import { EMPTY_QUERY, queryChips, rowMatcher, withoutChip, type LibraryQuery } from '../../src/domain/library/libraryQuery';
import { RowOrder, sortRows } from '../../src/domain/library/rowOrder';
import type { SampleRow } from '../../src/domain/library/sampleQuery';
import { TextIndex } from '../../src/domain/library/textIndex';
import { row } from '../support/rows';

const filtersOf = (text: string): LibraryQuery => filtersFromText(text, EMPTY_QUERY)!;

const rows = [
  row(1, 'Drums/Kicks/kick 10.wav', { duration: 0.5, category: 'kick', rootMidi: 36, loudnessLufs: -10 }, { tags: ['punchy'], rating: 4 }),
  row(2, 'Drums/Kicks/kick 2.wav', { duration: 0.4, category: 'kick', rootMidi: 33, loudnessLufs: -20 }, { favourite: true }),
  row(
    3,
    'Loops/amen 170.wav',
    { duration: 5.6, bpm: 170, key: 'C', scale: 'minor', kind: 'loop', category: 'drum-loop' },
    { tags: ['breaks', 'punchy'] },
  ),
  row(4, 'Loops/house.wav', { duration: 3.8, bpm: 124, key: 'A', scale: 'minor', kind: 'loop', category: 'keys' }, { rating: 5 }),
  row(5, 'Loops/Deep/pad 86.wav', { duration: 11, bpm: 86, key: 'C', scale: 'major', kind: 'loop', category: 'pad' }),
  row(6, 'Loops/new.wav', null, { status: 'queued' }),
];
const index = new TextIndex();
for (const r of rows) index.set(r.id, `${r.path} ${r.tags.join(' ')}`);

function run(query: Partial<LibraryQuery>, key: Parameters<typeof sortRows>[1] = 'name', direction: 'asc' | 'desc' = 'asc'): number[] {
  const q = { ...EMPTY_QUERY, ...query };
  return sortRows(rows, key, direction)
    .filter(rowMatcher(q, index.search(q.text)))
    .map((r: SampleRow) => r.id);
}

describe('library query', () => {
  it('matches every word of the text against name, folders and tags', () => {
    expect(run({ text: 'kick' })).toEqual([2, 1]);
    expect(run({ text: 'LOOPS amen' })).toEqual([3]);
    expect(run({ text: 'drums 10' })).toEqual([1]);
    expect(run({ text: 'punchy' })).toEqual([3, 1]);
  });

  it('tolerates typos in longer words but not in short ones', () => {
    expect(run({ text: 'kcik' })).toEqual([2, 1]);
    expect(run({ text: 'huose' })).toEqual([4]);
    expect(run({ text: 'braeks' })).toEqual([3]);
    expect(run({ text: 'pda' })).toEqual([]);
  });

  it('combines kind, category, BPM range, key, duration, loudness, tags, favourites, rating and folder', () => {
    expect(run({ kind: 'loop' })).toEqual([3, 4, 5]);
    expect(run({ categories: ['kick', 'pad'] })).toEqual([2, 1, 5]);
    expect(run({ kind: 'loop', bpm: { min: 120, max: 175, halfDouble: false } })).toEqual([3, 4]);
    expect(run({ duration: { min: 0.45, max: null }, kind: 'one-shot' })).toEqual([1]);
    expect(run({ loudness: { min: -15, max: null } })).toEqual([3, 4, 1, 5]);
    expect(run({ tags: ['punchy', 'breaks'] })).toEqual([3]);
    expect(run({ withoutTags: ['punchy'] })).toEqual([4, 2, 6, 5]);
    expect(queryChips({ ...EMPTY_QUERY, withoutTags: ['duplicate'] })).toEqual([{ id: 'not-tag:duplicate', label: 'hiding #duplicate' }]);
    expect(withoutChip({ ...EMPTY_QUERY, withoutTags: ['duplicate'] }, 'not-tag:duplicate').withoutTags).toEqual([]);
    expect(run({ favourites: true })).toEqual([2]);
    expect(run({ minRating: 4 })).toEqual([4, 1]);
    expect(run({ folder: 'Loops' })).toEqual([3, 4, 6, 5]);
    expect(run({ folder: 'Loops/Deep' })).toEqual([5]);
    expect(run({ folder: 'Loop' })).toEqual([]);
  });

  it('finds half- and double-time loops when asked', () => {
    expect(run({ bpm: { min: 165, max: 175, halfDouble: false } })).toEqual([3]);
    expect(run({ bpm: { min: 165, max: 175, halfDouble: true } })).toEqual([3, 5]);
    expect(run({ bpm: { min: 80, max: 90, halfDouble: true } })).toEqual([3, 5]);
  });

  it('filters by key, and by compatible keys on the Camelot wheel', () => {
    expect(run({ key: { tonic: 'C', scale: 'minor', compatible: false }, kind: 'loop' })).toEqual([3]);
    // C minor is 5A: D# major (5B), F minor (4A) and G minor (6A) mix with it; A minor (8A) does not.
    expect(run({ key: { tonic: 'D#', scale: 'major', compatible: true }, kind: 'loop' })).toEqual([3]);
    expect(run({ key: { tonic: 'A', scale: 'minor', compatible: true }, kind: 'loop' })).toEqual([4, 5]);
  });

  it('lets one-shots match a key by their root note', () => {
    // Kick 10 is C (MIDI 36), kick 2 is A (33).
    expect(run({ key: { tonic: 'A', scale: 'minor', compatible: false }, kind: 'one-shot' })).toEqual([2]);
    expect(run({ key: { tonic: 'A', scale: 'minor', compatible: true }, kind: 'one-shot' })).toEqual([2, 1]);
  });

  it('sorts naturally, by number both ways, with unknown values last', () => {
    expect(run({}).slice(0, 4)).toEqual([3, 4, 2, 1]);
    expect(run({}, 'bpm', 'asc')).toEqual([5, 4, 3, 2, 1, 6]);
    expect(run({}, 'bpm', 'desc')).toEqual([3, 4, 5, 2, 1, 6]);
    expect(run({}, 'rating', 'desc').slice(0, 3)).toEqual([4, 1, 2]);
  });

  it('shows each active filter as a chip that removes just that filter', () => {
    const query: LibraryQuery = {
      ...EMPTY_QUERY,
      text: 'amen',
      kind: 'loop',
      categories: ['drum-loop', 'keys'],
      bpm: { min: 160, max: 180, halfDouble: true },
      key: { tonic: 'C', scale: 'minor', compatible: true },
      tags: ['punchy'],
      favourites: true,
      minRating: 3,
    };
    const chips = queryChips(query);
    expect(chips.map((c) => c.label)).toEqual([
      '“amen”',
      'Loops',
      'drum-loop',
      'keys',
      '160–180 BPM (½×, 2×)',
      'C minor + compatible (5A)',
      '#punchy',
      '♥ Favourites',
      '★★★ or more',
    ]);
    const fewer = withoutChip(query, 'category:drum-loop');
    expect(fewer.categories).toEqual(['keys']);
    expect(withoutChip(fewer, 'bpm').bpm.min).toBeNull();
    expect(queryChips(chips.reduce((q, c) => withoutChip(q, c.id), query))).toEqual([]);
    // The filter bar shows the ½×/2× and "compatible" checkboxes beside their chips, ticked: the chips leave them out.
    expect(chips.filter((c) => c.id === 'bpm' || c.id === 'key').map((c) => c.shown)).toEqual(['160–180 BPM', 'C minor (5A)']);
    // A range typed the wrong way round filters and reads the right way round.
    const reversed = { ...EMPTY_QUERY, bpm: { min: 140, max: 120, halfDouble: false } };
    expect(queryChips(reversed)).toEqual([{ id: 'bpm', label: '120–140 BPM' }]);
    // The house loop (124 BPM) only; the amen break (170) and the pad (86) are outside.
    expect(run({ bpm: reversed.bpm })).toEqual([4]);
    // Keys read as musicians spell them.
    expect(queryChips({ ...EMPTY_QUERY, key: { tonic: 'A#', scale: 'major', compatible: false } })).toEqual([
      { id: 'key', label: 'Bb major (6B)' },
    ]);
  });

  it('lists only the files that could not be read, as one chip that gives the library back', () => {
    const query = { ...EMPTY_QUERY, unreadable: true };
    const broken = row(7, 'Broken/cover-art.aiff', null, { status: 'failed' });
    expect([...rows, broken].filter(rowMatcher(query, null)).map((r) => r.id)).toEqual([7]);
    expect(queryChips(query)).toEqual([{ id: 'unreadable', label: 'could not be read' }]);
    expect(withoutChip(query, 'unreadable')).toEqual(EMPTY_QUERY);
  });

  it('reads most of the categories as what is left out: one "no drums" chip, not eleven', () => {
    const noDrums = filtersOf('no drums');
    expect(queryChips(noDrums)).toEqual([{ id: 'categories', label: 'no drums' }]);
    expect(withoutChip(noDrums, 'categories').categories).toEqual([]);
    const noVocals = filtersOf('no vocals');
    expect(queryChips(noVocals)).toEqual([{ id: 'categories', label: 'no vocal' }]);
    // Named as the category list names them, the drums together.
    const melodicOnly = CATEGORIES.filter((c) => !DRUM_CATEGORIES.has(c) && c !== 'fx');
    expect(queryChips({ ...EMPTY_QUERY, categories: melodicOnly })).toEqual([{ id: 'categories', label: 'no drums, FX' }]);
    const noHats = CATEGORIES.filter((c) => !['hihat', 'drum-loop', 'fx'].includes(c));
    expect(queryChips({ ...EMPTY_QUERY, categories: noHats })[0]?.label).toBe('no hi-hat, drum loop, FX');
    // A few categories stay a chip each.
    expect(queryChips({ ...EMPTY_QUERY, categories: ['kick', 'snare'] }).map((c) => c.label)).toEqual(['kick', 'snare']);
  });
});

describe('cached sort orders', () => {
  it('order rows exactly as the row comparator does, for every column and direction', () => {
    const names = ['kick 2.wav', 'Kick 10.wav', 'snare.wav', 'Café.wav', 'amen 170.wav', 'pad.wav'];
    const many = Array.from({ length: 60 }, (_, i) =>
      row(
        i + 1,
        `${i % 3 ? 'Drums' : 'Loops'}/${i % 5}/${names[i % names.length]}`,
        i % 7 === 0
          ? null
          : {
              duration: (i * 37) % 11,
              bpm: i % 4 ? null : 60 + ((i * 13) % 120),
              key: (['C', 'A', 'F#', null] as const)[i % 4],
              scale: i % 2 ? 'minor' : 'major',
              category: (['kick', 'pad', null] as const)[i % 3],
              loudnessLufs: i % 6 ? -((i * 7) % 30) : null,
              rootMidi: i % 5 ? 36 + (i % 24) : null,
            },
        { rating: i % 6, favourite: i % 4 === 0, status: i % 7 === 0 ? 'queued' : 'done' },
      ),
    );
    const order = new RowOrder(many);
    for (const key of ['name', 'dir', 'category', 'duration', 'bpm', 'key', 'loudness', 'rating', 'status'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = sortRows(many, key, direction).map((r) => r.id);
        expect(
          [...order.order(key, direction)].map((i) => many[i]!.id),
          `${key} ${direction}`,
        ).toEqual(expected);
      }
    }

    // A saved name order (the list snapshot's) is taken as it is, every column sorts from it,
    // and verifySavedOrder tells a wrong one; one of the wrong length is not taken at all.
    const saved = order.order('name', 'asc');
    const hinted = new RowOrder(many, saved.slice());
    for (const key of ['name', 'bpm', 'category'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        expect([...hinted.order(key, direction)], `${key} ${direction}`).toEqual([...order.order(key, direction)]);
      }
    }
    expect(hinted.verifySavedOrder()).toBe(true);
    const swapped = saved.slice();
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    for (const wrong of [swapped, Int32Array.from(saved, () => 0)]) {
      const misled = new RowOrder(many, wrong);
      expect([...misled.order('name', 'asc')]).toEqual([...wrong]);
      expect(misled.verifySavedOrder()).toBe(false);
    }
    expect([...new RowOrder(many, saved.slice(1)).order('name', 'asc')]).toEqual([...saved]);
    expect(new RowOrder(many).verifySavedOrder()).toBe(true);

    // Saved orders of the other columns are taken as they are too (no sorting), give the same
    // descending orders as sorting, and are verified with the name order.
    const keys = ['dir', 'category', 'duration', 'bpm', 'key', 'loudness', 'rating', 'status'] as const;
    const columns = Object.fromEntries(keys.map((key) => [key, order.order(key, 'asc').slice()]));
    const seeded = new RowOrder(many, saved.slice(), columns);
    expect(seeded.has('bpm', 'asc')).toBe(true);
    for (const key of keys) {
      for (const direction of ['asc', 'desc'] as const) {
        expect([...seeded.order(key, direction)], `saved ${key} ${direction}`).toEqual([...order.order(key, direction)]);
      }
    }
    expect(seeded.verifySavedOrder()).toBe(true);
    // Two rows of different tempo swapped: the saved bpm order is caught.
    const bpmOrder = columns.bpm!.slice();
    const at = [...bpmOrder].findIndex(
      (i, j) => j > 0 && many[i]!.analysis?.bpm !== many[bpmOrder[j - 1]!]!.analysis?.bpm && many[i]!.analysis?.bpm != null,
    );
    [bpmOrder[at - 1], bpmOrder[at]] = [bpmOrder[at]!, bpmOrder[at - 1]!];
    expect(new RowOrder(many, saved.slice(), { ...columns, bpm: bpmOrder }).verifySavedOrder()).toBe(false);
    // Without a name order they are not taken (they belong to the same snapshot).
    expect(new RowOrder(many, undefined, columns).has('bpm', 'asc')).toBe(false);

    // Saved runs (where equal values start in each ascending order) give the descending orders
    // without reading a value: wrong runs give a wrong order, which verifySavedOrder then catches.
    const runKeys = ['name', ...keys] as const;
    const runs = Object.fromEntries(runKeys.map((key) => [key, order.runs(key)]));
    expect(runs.bpm!.known).toBe(many.filter((r) => r.analysis?.bpm != null).length);
    const withRuns = new RowOrder(many, saved.slice(), columns, runs);
    for (const key of runKeys) {
      expect([...withRuns.order(key, 'desc')], `runs ${key} desc`).toEqual([...order.order(key, 'desc')]);
    }
    expect(withRuns.verifySavedOrder()).toBe(true);
    const merged = { starts: runs.duration!.starts.slice(), known: runs.duration!.known };
    const firstRunEnd = [...Array(many.length).keys()].find((j) => j > 0 && (merged.starts[j >> 3]! & (1 << (j & 7))) !== 0)!;
    merged.starts[firstRunEnd >> 3]! &= ~(1 << (firstRunEnd & 7)); // the first two runs of durations read as one
    const misledByRuns = new RowOrder(many, saved.slice(), columns, { ...runs, duration: merged });
    expect([...misledByRuns.order('duration', 'desc')]).not.toEqual([...order.order('duration', 'desc')]);
    expect(misledByRuns.verifySavedOrder()).toBe(false);
    const unknownMiscounted = new RowOrder(many, saved.slice(), columns, { ...runs, bpm: { ...runs.bpm!, known: runs.bpm!.known - 1 } });
    expect(unknownMiscounted.verifySavedOrder()).toBe(false);
    // Runs of another length are not taken: the descending order is derived from the values instead.
    const short = new RowOrder(many, saved.slice(), columns, { ...runs, rating: { starts: new Uint8Array(1), known: 3 } });
    expect([...short.order('rating', 'desc')]).toEqual([...order.order('rating', 'desc')]);
  });
});
