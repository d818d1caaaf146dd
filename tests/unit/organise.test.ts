import { describe, expect, it } from 'vitest';
import { buildFolderTree } from '../../src/domain/library/folderTree';
import { TextIndex } from '../../src/domain/library/textIndex';
import { boundedEditDistance, tokenize } from '../../src/domain/library/textMatch';
import { seededRandom } from '../../src/domain/random';
import {
  fieldEdits,
  normaliseTag,
  parseTags,
  tagCounts,
  tagEdits,
  undoEdits,
  undoWithoutLaterEdits,
  withUserFields,
  type HasUserFields,
} from '../../src/domain/library/organise';
import { selectionAfterClick } from '../../src/state/selection';

const sample = (id: number, tags: string[] = [], over: Partial<HasUserFields> = {}): HasUserFields => ({
  id,
  tags,
  favourite: false,
  rating: 0,
  note: '',
  ...over,
});

describe('tags and bulk edits', () => {
  it('shows an edit as the database will store it (what the list shows while a large edit is saved)', () => {
    const before = { ...sample(1, ['dark'], { rating: 2 }), name: 'kick.wav' };
    const after = withUserFields(before, { tags: ['dark', 'punchy'], rating: 7.4 });
    expect(after).toEqual({ ...before, tags: ['dark', 'punchy'], rating: 5 });
    expect(withUserFields(before, { rating: 3.6 }).rating).toBe(4);
    expect(before.tags).toEqual(['dark']); // the row it came from is left as it was
  });

  it('normalises what the user types into tags', () => {
    expect(normaliseTag('  #Dusty Vinyl ')).toBe('dusty-vinyl');
    expect(normaliseTag('   ')).toBeNull();
    expect(parseTags('Lo-Fi, dusty; lo-fi,, 808')).toEqual(['lo-fi', 'dusty', '808']);
  });

  it('adds and removes tags on many samples, skipping those that would not change', () => {
    const samples = [sample(1, ['dark']), sample(2, ['dark', 'wide']), sample(3)];
    expect(tagEdits(samples, ['wide'])).toEqual([
      { id: 1, fields: { tags: ['dark', 'wide'] } },
      { id: 3, fields: { tags: ['wide'] } },
    ]);
    expect(tagEdits(samples, [], ['dark'])).toEqual([
      { id: 1, fields: { tags: [] } },
      { id: 2, fields: { tags: ['wide'] } },
    ]);
  });

  it('builds the undo of a bulk edit from the values before it', () => {
    const samples = [sample(1, ['dark'], { rating: 2 }), sample(2, [], { rating: 5 })];
    const edits = fieldEdits(samples, 'rating', 5);
    expect(edits).toEqual([{ id: 1, fields: { rating: 5 } }]);
    const undo = undoEdits(new Map(samples.map((s) => [s.id, s])), [...edits, ...tagEdits(samples, ['x'])]);
    expect(undo).toEqual([
      { id: 1, fields: { rating: 2 } },
      { id: 1, fields: { tags: ['dark'] } },
      { id: 2, fields: { tags: [] } },
    ]);
  });

  it("leaves out of a bulk edit's undo what a later edit of one sample changed", () => {
    const undo = [
      { id: 1, fields: { rating: 3 } },
      { id: 2, fields: { rating: 4, tags: ['dark'] } },
    ];
    expect(undoWithoutLaterEdits(undo, [{ id: 2, fields: { rating: 5 } }])).toEqual([
      { id: 1, fields: { rating: 3 } },
      { id: 2, fields: { tags: ['dark'] } },
    ]);
    expect(undoWithoutLaterEdits(undo, [{ id: 1, fields: { rating: 5 } }])).toEqual([{ id: 2, fields: { rating: 4, tags: ['dark'] } }]);
    expect(undoWithoutLaterEdits(undo, [{ id: 3, fields: { favourite: true } }])).toEqual(undo);
  });

  it('counts tags, most used first', () => {
    expect(tagCounts([sample(1, ['a', 'b']), sample(2, ['b'])])).toEqual([
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
    ]);
  });
});

describe('text index', () => {
  it('splits names into words at punctuation, digits and camelCase', () => {
    expect(tokenize('BigKick_02 (Vinyl).wav')).toEqual(['big', 'kick', '02', 'vinyl', 'wav']);
    expect(tokenize('Café Snäre')).toEqual(['cafe', 'snare']);
  });

  it('measures edit distance with transpositions and gives up past the limit', () => {
    expect(boundedEditDistance('kcik', 'kick', 1)).toBe(1);
    expect(boundedEditDistance('snre', 'snare', 1)).toBe(1);
    expect(boundedEditDistance('cymbal', 'kick', 1)).toBe(2);
    // Against the textbook table (optimal string alignment), on random words of a small alphabet,
    // long ones included (the reused rows grow), called one after another.
    const osa = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const random = seededRandom(7);
    const word = (): string =>
      Array.from({ length: 1 + Math.floor(random() * (random() < 0.1 ? 90 : 8)) }, () => 'abcs'[Math.floor(random() * 4)]).join('');
    for (let n = 0; n < 2000; n++) {
      const [a, b, limit] = [word(), word(), Math.floor(random() * 3)];
      // Past the limit only "more than limit" counts.
      expect(Math.min(boundedEditDistance(a, b, limit), limit + 1), `${a} ${b} ${limit}`).toBe(Math.min(osa(a, b), limit + 1));
    }
  });

  it('re-indexes a row whose text changed and forgets deleted rows', () => {
    const index = new TextIndex();
    index.set(1, 'Drums/kick.wav');
    index.set(2, 'Drums/snare.wav');
    expect(index.search('kick')).toEqual(new Set([1]));
    index.set(1, 'Drums/kick.wav dusty');
    expect(index.search('dusty kick')).toEqual(new Set([1]));
    index.delete(1);
    expect(index.search('kick')).toEqual(new Set());
    expect(index.search('  ')).toBeNull();
    expect(index.size).toBe(1);
  });

  it('re-indexes many queued rows and deletes many rows in one pass, with the same answers as row by row', () => {
    const index = new TextIndex();
    const text = (id: number, tag = ''): string => `Pack ${id % 3}/Drums/kick ${id}.wav${tag}`;
    for (let id = 1; id <= 300; id++) index.set(id, text(id));
    // A bulk tag, then its undo on some of them, both queued and indexed in slices.
    for (let id = 1; id <= 300; id++) index.setLater(id, text(id, ' dusty'));
    index.indexSome(Infinity);
    for (let id = 1; id <= 100; id++) index.setLater(id, text(id));
    expect(index.searchNow('dusty', 1000).ids!.size).toBe(200); // still queued: matched by their new text
    index.indexSome(Infinity);
    expect(index.search('dusty')!.size).toBe(200);
    expect(index.search('kick')!.size).toBe(300);
    expect(index.search('kick 299')).toEqual(new Set([299]));
    // A row queued back to the text it has is not re-indexed; a deleted one is gone from every word.
    index.setLater(150, text(150, ' dusty'));
    expect(index.queued).toBe(0);
    index.deleteMany(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(index.search('dusty')!.size).toBe(150);
    expect(index.search('kick')).toEqual(new Set(Array.from({ length: 150 }, (_, i) => i + 151)));
    expect(index.size).toBe(150);
  });

  it('answers at once while a long queue waits, matching queued rows by plain substring, and in full once indexed', () => {
    const index = new TextIndex();
    index.set(1, 'Drums/Kicks/kick hard.wav');
    index.setLater(2, 'Drums/Kicks/kick soft.wav');
    index.setLater(3, 'Drums/Snares/snare.wav');
    // Queue longer than the limit (1): nothing is indexed, queued rows match by substring.
    expect(index.searchNow('kick', 1)).toEqual({ ids: new Set([1, 2]), partial: true });
    expect(index.searchNow('kcik', 1)).toEqual({ ids: new Set([1]), partial: true }); // the typo finds only indexed rows
    expect(index.queued).toBe(2);
    // A short queue is indexed first: the full, typo-tolerant answer.
    expect(index.searchNow('kcik', 5)).toEqual({ ids: new Set([1, 2]), partial: false });
    expect(index.queued).toBe(0);
    expect(index.searchNow(' ', 5)).toEqual({ ids: null, partial: false });
  });
});

describe('selection by click', () => {
  const visible = [1, 2, 3, 4, 5].map((id) => ({ id }));
  const none = { shift: false, toggle: false };

  it('selects one row on a plain click, toggles with Ctrl, extends a range with Shift', () => {
    let state = selectionAfterClick({ selectedId: null, selection: new Set() }, visible, 2, none);
    expect([...state.selection]).toEqual([2]);
    state = selectionAfterClick(state, visible, 4, { shift: true, toggle: false });
    expect([...state.selection]).toEqual([2, 3, 4]);
    expect(state.selectedId).toBe(2);
    state = selectionAfterClick(state, visible, 1, { shift: true, toggle: false });
    expect([...state.selection]).toEqual([1, 2]);
    state = selectionAfterClick(state, visible, 5, { shift: false, toggle: true });
    expect([...state.selection].sort()).toEqual([1, 2, 5]);
    state = selectionAfterClick(state, visible, 5, { shift: false, toggle: true });
    expect([...state.selection].sort()).toEqual([1, 2]);
    expect(selectionAfterClick(state, visible, 3, none).selection).toEqual(new Set([3]));
  });
});

describe('folder tree', () => {
  it('counts samples per folder including subfolders and sorts names naturally', () => {
    const tree = buildFolderTree(['Pack/Kicks', 'Pack/Kicks', 'Pack/Loop 10', 'Pack/Loop 9', 'Other', '']);
    expect(tree.map((n) => [n.name, n.count])).toEqual([
      ['Other', 1],
      ['Pack', 4],
    ]);
    expect(tree[1]!.children.map((n) => [n.path, n.count])).toEqual([
      ['Pack/Kicks', 2],
      ['Pack/Loop 9', 1],
      ['Pack/Loop 10', 1],
    ]);
  });
});
