import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  buildBackup,
  planRestore,
  type LibraryCollection,
  type LibrarySample,
  type RestoreReport,
} from '../../src/domain/backup';
import { parseBackup } from '../../src/domain/backupParse';
import { backupSummary, restoreQuestion, restoreSummary } from '../../src/domain/backupText';

const sample = (id: number, path: string, over: Partial<LibrarySample> = {}): LibrarySample => ({
  id,
  folderName: 'Drums',
  path,
  size: 100 + id,
  ...over,
});

/** The library when it was backed up: a rated favourite kick, a noted loop, an untouched snare and hat. */
const atBackup: LibrarySample[] = [
  sample(1, 'kick.wav', { tags: ['punchy'], favourite: 1, rating: 4, corrections: { category: 'kick' } }),
  sample(2, 'loop.wav', { tags: ['breaks'], note: 'chop bar 2', corrections: { bpm: 172 } }),
  sample(3, 'snare.wav'),
  sample(4, 'hat.wav'),
];
const collectionsAtBackup: LibraryCollection[] = [
  { id: 1, name: 'Kit', createdAt: 10, sampleIds: [1, 3] },
  { id: 2, name: 'Fast', createdAt: 20, sampleIds: [], query: '{"bpmMin":160}' },
];
const backup = parseBackup(JSON.stringify(buildBackup(atBackup, collectionsAtBackup, new Date('2026-03-01T12:00:00Z'))));

/** Since the backup: #oops on everything, all rated 1 and favourited, notes, a correction, a new sample, a collection deleted and one made. */
const now: LibrarySample[] = [
  sample(1, 'kick.wav', { tags: ['punchy', 'oops'], favourite: 1, rating: 1, corrections: { category: 'snare' } }),
  sample(2, 'loop.wav', { tags: ['breaks', 'oops'], favourite: 1, rating: 1, note: 'changed', corrections: { bpm: 172, key: 'A' } }),
  sample(3, 'snare.wav', { tags: ['oops'], favourite: 1, rating: 1, note: 'x', corrections: { kind: 'loop' } }),
  sample(4, 'hat.wav', { tags: ['oops'], rating: 1 }),
  sample(5, 'new.wav', { tags: ['oops'], rating: 1 }),
];
const collectionsNow: LibraryCollection[] = [
  { id: 1, name: 'Kit', createdAt: 10, sampleIds: [3, 4, 5] },
  { id: 3, name: 'Made since', createdAt: 30, sampleIds: [5] },
];

/** Each sample's user data after the plan is written, absent values as "none". */
function restored(samples: readonly LibrarySample[], plan: ReturnType<typeof planRestore>) {
  const updates = new Map(plan.sampleUpdates.map((u) => [u.id, u.changes]));
  return new Map(
    samples.map((sample) => {
      const s = { ...sample, ...updates.get(sample.id) };
      return [
        s.id,
        { tags: s.tags ?? [], favourite: s.favourite ?? 0, rating: s.rating ?? 0, note: s.note ?? '', corrections: s.corrections ?? {} },
      ];
    }),
  );
}

describe('restoring a backup', () => {
  it('lists the samples without user data, so that a restore can clear what they were given since', () => {
    expect(backup.samples.map((s) => s.path)).toEqual(['kick.wav', 'loop.wav']);
    expect(backup.unmarked).toEqual([{ folder: 'Drums', paths: ['snare.wav', 'hat.wav'] }]);
  });

  it("puts back exactly the backup's tags, rating, favourite, note and corrections, clearing what was added since", () => {
    const plan = planRestore(backup, now.slice(0, 4), collectionsNow, 99, { librarySize: 5 });
    const after = restored(now, plan);
    expect(after.get(1)).toEqual({ tags: ['punchy'], favourite: 1, rating: 4, note: '', corrections: { category: 'kick' } });
    expect(after.get(2)).toEqual({ tags: ['breaks'], favourite: 0, rating: 0, note: 'chop bar 2', corrections: { bpm: 172 } });
    for (const id of [3, 4]) expect(after.get(id)).toEqual({ tags: [], favourite: 0, rating: 0, note: '', corrections: {} });
    // Only what differs is written: the kick's favourite and the hat's (absent) note stay out.
    expect(plan.sampleUpdates.find((u) => u.id === 1)!.changes).toEqual({ tags: ['punchy'], rating: 4, corrections: { category: 'kick' } });
    expect(plan.sampleUpdates.find((u) => u.id === 4)!.changes).toEqual({ tags: [], rating: 0 });
    // The sample added since is not the backup's to judge.
    expect(after.get(5)).toEqual({ tags: ['oops'], favourite: 0, rating: 1, note: '', corrections: {} });
    expect(plan.report).toEqual({
      samples: 4,
      changed: 4,
      notInBackup: 1,
      unmatched: [],
      unmatchedCount: 0,
      collectionsRestored: 2,
      collectionsChanged: 2,
      otherCollections: 1,
    });
  });

  it('puts collections back as the backup has them, keeping members and collections it does not know', () => {
    const plan = planRestore(backup, now.slice(0, 4), collectionsNow, 99, { librarySize: 5 });
    expect(plan.collections).toEqual([
      // The hat (known to the backup, not in Kit then) goes; the new sample stays.
      { id: 1, name: 'Kit', createdAt: 10, sampleIds: [1, 3, 5] },
      { name: 'Fast', createdAt: 20, sampleIds: [], query: '{"bpmMin":160}' },
    ]);
    expect(plan.deleteCollectionIds).toEqual([]);
    // Undoing a restore deletes what it created.
    expect(planRestore(backup, now, collectionsNow, 99, { librarySize: 5, dropOtherCollections: true }).deleteCollectionIds).toEqual([3]);
  });

  it('changes nothing when the library is as the backup has it', () => {
    const plan = planRestore(backup, atBackup, collectionsAtBackup, 99, { librarySize: 4 });
    expect(plan.sampleUpdates).toEqual([]);
    // Its collections are said to match, not to be put back.
    expect(plan.report).toMatchObject({ samples: 4, changed: 0, notInBackup: 0, collectionsRestored: 2, collectionsChanged: 0 });
    expect(restoreQuestion(plan.report, 'b.json', 'x')).toContain('; its 2 collections already match.');
  });

  it('reports samples of the backup that are not in the library, but not missing unmarked ones', () => {
    const plan = planRestore(backup, [now[0]!, now[2]!], [], 99, { librarySize: 2 });
    expect(plan.report).toMatchObject({ samples: 2, unmatched: [{ folder: 'Drums', path: 'loop.wav' }], unmatchedCount: 1 });
  });

  it('leaves samples alone when an older backup has no list of unmarked samples', () => {
    const old = parseBackup({ ...backup, unmarked: undefined });
    expect(old.unmarked).toEqual([]);
    const plan = planRestore(old, now.slice(0, 4), [], 99, { librarySize: 5 });
    expect(plan.sampleUpdates.map((u) => u.id)).toEqual([1, 2]);
    expect(plan.report.notInBackup).toBe(2); // the hat is no longer known: only Kit named the snare
  });

  it('refuses a damaged list of unmarked samples', () => {
    expect(() => parseBackup({ ...backup, unmarked: [{ folder: 'Drums', paths: [3] }] })).toThrow(
      'unmarked[0].paths[0] should be a non-empty text, but is 3',
    );
  });

  it('asks and reports in words that say it replaces, and what it leaves alone', () => {
    const report: RestoreReport = {
      samples: 8,
      changed: 5,
      notInBackup: 2,
      unmatched: [],
      unmatchedCount: 1,
      collectionsRestored: 2,
      collectionsChanged: 2,
      otherCollections: 1,
    };
    expect(restoreQuestion(report, 'b.json', '1 Mar 2026')).toBe(
      'Restore b.json (backed up 1 Mar 2026)? 5 of its 8 samples get back the tags, ratings, favourites, notes and corrections they had ' +
        'then (what was added since is cleared); 2 collections are put back as they were. ' +
        '2 samples and 1 collection not in the backup stay as they are. 1 sample in the backup is not in the library. You can undo it right after.',
    );
    expect(
      restoreQuestion(
        { ...report, samples: 1, changed: 1, collectionsRestored: 1, collectionsChanged: 1, notInBackup: 0, unmatchedCount: 0 },
        'b.json',
        'x',
      ),
    ).toMatch(
      /\? Its sample gets back the tags, ratings, favourites, notes and corrections it had then \(what was added since is cleared\); 1 collection is put back as it was\. 1 collection not in the backup stays as it is\. You can undo it right after\.$/,
    );
    expect(restoreQuestion({ ...report, samples: 355, changed: 1 }, 'b.json', 'x')).toContain('? 1 of its 355 samples gets back the');
    expect(restoreQuestion({ ...report, changed: 0, collectionsRestored: 0, collectionsChanged: 0 }, 'b.json', 'x')).toContain(
      '? The tags, ratings, favourites, notes and corrections of its 8 samples already match the backup. 2 samples',
    );
    expect(backupSummary(355, 1, 2)).toBe(
      'Backed up 355 samples (1 with tags, ratings, favourites, notes or corrections) and 2 collections: restore it to put them back as they are now.',
    );
    // The work kept from removed folders is in it too, and said apart from the library's samples.
    expect(backupSummary(360, 5, 2, { samples: 5, withWork: 4 })).toBe(
      'Backed up 355 samples (1 with tags, ratings, favourites, notes or corrections), the work kept on 5 samples of removed folders and 2 collections: restore it to put them back as they are now.',
    );
    // An empty library whose removed folder's samples are all kept, one only for its collection.
    expect(backupSummary(4, 3, 2, { samples: 4, withWork: 3 })).toBe(
      'Backed up 0 samples, the work kept on 4 samples of removed folders and 2 collections: restore it to put them back as they are now.',
    );
    expect(restoreSummary(report, 'b.json')).toBe(
      "Restored b.json: the tags, ratings, favourites, notes and corrections of 8 samples (5 changed) and 2 collections are the backup's again. " +
        '2 samples and 1 collection not in the backup were left as they were. ' +
        '1 sample in the backup is not in the library (add their folders, then restore again).',
    );
    expect(restoreSummary({ ...report, notInBackup: 0, otherCollections: 0, unmatchedCount: 0 }, 'b.json')).not.toMatch(/left|not in/);
  });
});

describe('the backup file', () => {
  it('is named by the local day and time, so two backups of one day do not share a name', () => {
    expect(backupFileName(new Date(2026, 10, 27, 9, 5))).toBe('samplemind-backup-2026-11-27-0905.json');
    expect(backupFileName(new Date(2026, 10, 27, 15, 30))).toBe('samplemind-backup-2026-11-27-1530.json');
  });
});
