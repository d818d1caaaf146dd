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

  it('leaves a plain word search alone', () => {
    expect(filtersFromText('amen', EMPTY_QUERY)).toBeNull();
    expect(filtersFromText('', EMPTY_QUERY)).toBeNull();
  });
});
