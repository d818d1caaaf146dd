import { describe, expect, it } from 'vitest';
import { TEXT_INDEX_VERSION, TextIndex, type PackedTextIndex } from '../../src/domain/library/textIndex';

const texts: [number, string][] = [
  [3, 'Vendor - Pack/Drums/Kicks/PX_Kick_Punchy_03.wav'],
  [7, 'Vendor - Pack/Drums/Snares/PX_Snare_Tight_01.wav dark'],
  [8, 'Other/Loops/Deep House 124 Am.wav'],
  [12, 'Other/Loops/DnB Amen 174.wav breaks punchy'],
];
const QUERIES = ['kick', 'snaer', 'deep house', 'punchy', 'loops 174', 'dark', 'wav', 'nothing'];

function answers(index: TextIndex): Record<string, number[]> {
  return Object.fromEntries(QUERIES.map((q) => [q, [...(index.search(q) ?? [])].sort((a, b) => a - b)]));
}

function built(entries: readonly [number, string][] = texts): TextIndex {
  const index = new TextIndex();
  for (const [id, text] of entries) index.set(id, text);
  return index;
}

describe('packed text index', () => {
  it('restores to the same answers, typos included, without indexing any row again', () => {
    const packed = built().pack('folders');
    expect(packed.version).toBe(TEXT_INDEX_VERSION);
    expect([...packed.rows]).toEqual([3, 7, 8, 12]);
    const restored = new TextIndex();
    restored.restore(packed);
    expect(restored.queued).toBe(0);
    expect(restored.size).toBe(4);
    expect(answers(restored)).toEqual(answers(built()));
    expect(answers(restored).snaer).toEqual([7]);
    // Searched before anything is indexed, it still answers in full (nothing is partial).
    expect(restored.searchNow('kick', 0)).toEqual({ ids: new Set([3]), partial: false });
  });

  it('answers with the new text of rows changed after the restore, and without deleted rows', () => {
    const restored = new TextIndex();
    restored.restore(built().pack('folders'));
    restored.set(3, 'Vendor - Pack/Drums/Kicks/PX_Kick_Punchy_03.wav favourite'); // a tag added
    restored.setLater(12, 'Other/Loops/DnB Amen 174.wav'); // tags removed, not indexed yet
    restored.delete(7);
    restored.set(20, 'New/Perc/Shaker.wav');
    const expected = built([
      [3, 'Vendor - Pack/Drums/Kicks/PX_Kick_Punchy_03.wav favourite'],
      [8, 'Other/Loops/Deep House 124 Am.wav'],
      [12, 'Other/Loops/DnB Amen 174.wav'],
      [20, 'New/Perc/Shaker.wav'],
    ]);
    // Before the queued row is indexed, a quick search already matches it by its new text only.
    expect(restored.searchNow('breaks', 0).ids).toEqual(new Set());
    expect(answers(restored)).toEqual(answers(expected));
    expect([...(restored.search('favourite') ?? [])]).toEqual([3]);
    expect([...(restored.search('shaker') ?? [])]).toEqual([20]);
    expect(restored.holds(7)).toBe(false);
    expect(restored.holds(8)).toBe(true);

    // Packed again (restored rows and rows indexed since together) and restored: the same answers.
    const repacked = restored.pack('folders');
    expect([...repacked.rows]).toEqual([3, 8, 12, 20]);
    const again = new TextIndex();
    again.restore(repacked);
    expect(answers(again)).toEqual(answers(expected));
  });

  it('is not restored from another version, another context or inconsistent arrays', () => {
    const packed = built().pack('folders');
    expect(TextIndex.canRestore(packed, 'folders')).toBe(true);
    expect(TextIndex.canRestore(undefined, 'folders')).toBe(false);
    expect(TextIndex.canRestore(packed, 'other folders')).toBe(false);
    const broken: PackedTextIndex[] = [
      { ...packed, version: TEXT_INDEX_VERSION + 1 },
      { ...packed, offsets: packed.offsets.slice(1) },
      { ...packed, ids: packed.ids.slice(1) },
      { ...packed, rows: Int32Array.from([-1, 3]) },
      { ...packed, words: packed.words.slice(1) },
    ];
    for (const packedWrongly of broken) expect(TextIndex.canRestore(packedWrongly, 'folders')).toBe(false);
  });
});
