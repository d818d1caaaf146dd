import { describe, expect, it } from 'vitest';
import { TEXT_INDEX_VERSION, TextIndex, type PackedTextIndex } from '../../src/domain/library/textIndex';
import { foldAccents, tokenize } from '../../src/domain/library/textMatch';

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

describe('accents and other scripts', () => {
  const names: [number, string][] = [
    [1, 'Vocals/Grüße aus Köln.wav'],
    [2, 'Loops/Café Rhodes 90.wav'],
    [3, 'Loops/Cafe\u0301 Noir.wav'], // decomposed, as macOS file names are
    [4, 'Perc/Łódź Shaker.wav'],
    [5, 'Vocals/Привет йод.wav'],
    [6, 'FX/ガイド_ﾃｽﾄ.wav'],
    [7, 'Vox/गाना.wav'],
  ];
  const found = (index: TextIndex, query: string) => [...(index.search(query) ?? [])].sort((a, b) => a - b);

  it('folds accents and ß in names and in the query, keeping Cyrillic, Japanese and Devanagari words whole', () => {
    expect(foldAccents('Grüße Café ﬁlter ＡＢＣ')).toBe('Grusse Cafe filter ABC');
    expect(tokenize('Łódź Ærø')).toEqual(['lodz', 'aero']);
    expect(tokenize('Привет йод')).toEqual(['привет', 'йод']);
    expect(tokenize('ガイド_ﾃｽﾄ')).toEqual(['ガイド', 'テスト']); // half-width katakana read as full-width
    expect(tokenize('गाना')).toEqual(['गाना']);

    const index = new TextIndex();
    for (const [id, text] of names) index.set(id, text);
    expect(found(index, 'Grusse')).toEqual([1]);
    expect(found(index, 'grüsse koln')).toEqual([1]);
    expect(found(index, 'GRÜSSE')).toEqual([1]);
    expect(found(index, 'cafe')).toEqual([2, 3]);
    expect(found(index, 'café')).toEqual([2, 3]);
    expect(found(index, 'lodz')).toEqual([4]);
    expect(found(index, 'йод')).toEqual([5]);
    expect(found(index, 'иод')).toEqual([]); // й is its own letter, not an accented и
    expect(found(index, 'テスト')).toEqual([6]);
    expect(found(index, 'ガイド')).toEqual([6]);
    expect(found(index, 'गाना')).toEqual([7]);
  });

  it('folds queued texts too, while a long queue is matched by substring', () => {
    const index = new TextIndex();
    for (const [id, text] of names) index.setLater(id, text);
    expect(index.searchNow('grusse', 1)).toEqual({ ids: new Set([1]), partial: true });
    expect(index.searchNow('cafe', 1)).toEqual({ ids: new Set([2, 3]), partial: true });
  });

  it('does not restore an index packed before accents were folded this way (version 1)', () => {
    const index = new TextIndex();
    for (const [id, text] of names) index.set(id, text);
    const packed = index.pack('folders');
    expect(TextIndex.canRestore(packed, 'folders')).toBe(true);
    expect(TextIndex.canRestore({ ...packed, version: 1 }, 'folders')).toBe(false);
  });
});
