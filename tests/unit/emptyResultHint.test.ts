import { describe, expect, it } from 'vitest';
import { emptyResultHint } from '../../src/domain/library/emptyResultHint';
import { EMPTY_QUERY } from '../../src/domain/library/libraryQuery';

const aMinor = { tonic: 'A', scale: 'minor', compatible: false } as const;

describe('why filters find nothing', () => {
  it('says drums have no key, and one-shots no tempo', () => {
    expect(emptyResultHint({ ...EMPTY_QUERY, categories: ['kick', 'snare'], key: aMinor })).toBe(
      'Drums have no key, so the key filter leaves them all out.',
    );
    expect(emptyResultHint({ ...EMPTY_QUERY, kind: 'one-shot', bpm: { min: 120, max: 130, halfDouble: false } })).toBe(
      'One-shots have no tempo, so the BPM filter leaves them all out.',
    );
    expect(emptyResultHint({ ...EMPTY_QUERY, categories: ['kick'], bpm: { min: 120, max: null, halfDouble: false } })).toContain(
      'One-shots have no tempo',
    );
  });

  it('says when only unreadable files are listed', () => {
    expect(emptyResultHint({ ...EMPTY_QUERY, unreadable: true, folder: 'Loops' })).toContain(
      'Only files that could not be read are listed',
    );
  });

  it('says nothing where the filters could have found something', () => {
    expect(emptyResultHint({ ...EMPTY_QUERY, categories: ['kick', 'keys'], key: aMinor })).toBeNull();
    expect(emptyResultHint({ ...EMPTY_QUERY, categories: ['drum-loop'], bpm: { min: 120, max: 130, halfDouble: false } })).toBeNull();
    expect(emptyResultHint({ ...EMPTY_QUERY, kind: 'loop', bpm: { min: 120, max: 130, halfDouble: false } })).toBeNull();
    expect(emptyResultHint(EMPTY_QUERY)).toBeNull();
  });
});
