import { describe, expect, it } from 'vitest';
import { filtersFromText } from '../../src/domain/ai/searchFilters';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';

describe('a typed description turned into filters (search box, Enter)', () => {
  it('sets what the text names, keeps the other filters, and leaves the descriptive words as text', () => {
    const current = { ...EMPTY_QUERY, minRating: 3, categories: ['kick'] };
    const query = filtersFromText('dark pads in F minor', current)!;
    expect(query).toMatchObject({
      text: 'dark',
      categories: ['pad'],
      key: { tonic: 'F', scale: 'minor', compatible: false },
      minRating: 3,
    });
    expect(filtersFromText('loops between 170 and 175 bpm', EMPTY_QUERY)).toMatchObject({
      text: '',
      kind: 'loop',
      bpm: { min: 170, max: 175, halfDouble: false },
      categories: [],
    });
  });

  it('starts afresh where the text names what is looked for, and narrows the current search where it does not', () => {
    const kicksAt100 = filtersFromText('kicks 100', EMPTY_QUERY)!;
    expect(kicksAt100).toMatchObject({ categories: ['kick'], bpm: { min: 98, max: 102 } });
    // A new subject: the last search's tempo goes (snares have none), filters set in the bar stay.
    expect(filtersFromText('snare', { ...kicksAt100, minRating: 3 })).toMatchObject({
      categories: ['snare'],
      bpm: EMPTY_QUERY.bpm,
      minRating: 3,
    });
    const loops = filtersFromText('loops 120-130 bpm', EMPTY_QUERY)!;
    expect(filtersFromText('pads', loops)).toMatchObject({ kind: null, categories: ['pad'], bpm: EMPTY_QUERY.bpm });
    // Only narrowing: laid over the loops at 120-130.
    expect(filtersFromText('in A minor', loops)).toMatchObject({
      kind: 'loop',
      bpm: { min: 120, max: 130 },
      key: { tonic: 'A', scale: 'minor' },
    });
  });

  it('leaves a plain word search alone', () => {
    expect(filtersFromText('amen', EMPTY_QUERY)).toBeNull();
    expect(filtersFromText('', EMPTY_QUERY)).toBeNull();
  });
});
