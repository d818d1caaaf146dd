import { patchCorrections, type Corrections } from './corrections';
import { pushTo } from './multiMap';
import { SampleMindError } from './errors';
import { normaliseTag } from './library/organise';

/**
 * A library backup: the user's own work (tags, favourites, ratings, notes, corrections,
 * collections), keyed by folder name + path so that it can be laid back onto the same files in a
 * fresh profile. No analysis, peaks, file bytes or settings: those are re-created or private.
 */
export const BACKUP_FORMAT = 'samplemind-backup';
export const BACKUP_VERSION = 1;
/** How many unmatched samples a restore report lists by name (the count is always exact). */
export const UNMATCHED_LIST_LIMIT = 100;

export interface SampleRef {
  /** The library folder's name, as the user added it. */
  folder: string;
  /** Path inside that folder, '/'-separated. */
  path: string;
}

export interface BackupSample extends SampleRef {
  size: number;
  tags: string[];
  favourite: boolean;
  rating: number | null;
  note: string | null;
  corrections: Corrections;
}

export interface BackupCollection {
  name: string;
  createdAt: number;
  /** Hand-picked members in order; empty for a smart collection. */
  members: SampleRef[];
  /** A smart collection's saved search (JSON of a LibraryQuery). */
  query: string | null;
}

/** Paths inside one library folder. */
export interface BackupFolderPaths {
  folder: string;
  paths: string[];
}

export interface LibraryBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  samples: BackupSample[];
  /**
   * The library's other samples when it was backed up (no tags, rating, favourite, note or
   * correction): a restore clears what was given them since. Backups made before this field
   * existed lack it; their restore leaves such samples as they are.
   */
  unmarked: BackupFolderPaths[];
  collections: BackupCollection[];
}

export interface RestoreReport {
  /** Library samples whose user data is now the backup's (listed with data, or unmarked, in it). */
  samples: number;
  /** Of those, the ones the restore changed. */
  changed: number;
  /** Library samples the backup does not mention (added since it was made): left as they are. */
  notInBackup: number;
  /** Samples (and collection members) not in the library, at most UNMATCHED_LIST_LIMIT of them. */
  unmatched: SampleRef[];
  unmatchedCount: number;
  /** Collections put back as the backup has them (created, or replacing the one of the same name). */
  collectionsRestored: number;
  /** Of those, the ones the restore changes: new, or with other members or filters than now. */
  collectionsChanged: number;
  /** Collections the backup does not have (made since): kept, or deleted with `dropOtherCollections`. */
  otherCollections: number;
}

/** A backup that is not one, is damaged, or is from a newer app. Nothing was written. */
export class BackupError extends SampleMindError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_backup', message, options);
    this.name = 'BackupError';
  }
}

/** A library sample with its user data (a SampleRecord plus its folder's name fits). */
export interface LibrarySample {
  id: number;
  folderName: string;
  path: string;
  size: number;
  tags?: string[];
  favourite?: 0 | 1;
  rating?: number;
  note?: string;
  corrections?: Corrections;
}

/** Structurally the database's CollectionRecord. */
export interface LibraryCollection {
  id: number;
  name: string;
  createdAt: number;
  sampleIds: number[];
  query?: string;
}

export type SampleUserData = Pick<LibrarySample, 'tags' | 'favourite' | 'rating' | 'note' | 'corrections'>;

export interface RestorePlan {
  /** Only the fields that change. */
  sampleUpdates: { id: number; changes: SampleUserData }[];
  /** With an id: replaces that collection; without: a new one. */
  collections: (Omit<LibraryCollection, 'id'> & { id?: number })[];
  /** Collections to delete (only with `dropOtherCollections`). */
  deleteCollectionIds: number[];
  report: RestoreReport;
}

export interface RestoreOptions {
  /** How many samples the library holds, to report those the backup does not mention. */
  librarySize: number;
  /**
   * Deletes the collections the backup does not have: for undoing a restore with the backup taken
   * just before it, where they are the ones the restore created. A user's restore keeps them.
   */
  dropOtherCollections?: boolean;
}

const refKey = (folder: string, path: string): string => `${folder}\u0000${path}`;

/** Lower-case, trimmed, each once, in first-seen order (how the library stores tags). */
export function normaliseTags(...lists: readonly (readonly string[] | undefined)[]): string[] {
  // The same normalisation as tags typed in the app, so restored tags match existing ones.
  const tags = lists.flatMap((list) => list ?? []).map(normaliseTag);
  return [...new Set(tags.filter((tag): tag is string => tag !== null))];
}

export function hasUserData(sample: SampleUserData): boolean {
  return (
    (sample.tags?.length ?? 0) > 0 ||
    sample.favourite === 1 ||
    (sample.rating ?? 0) >= 1 ||
    !!sample.note ||
    Object.keys(sample.corrections ?? {}).length > 0
  );
}

/** `samples`: every sample in the library, so that a restore knows which ones had no user data. */
export function buildBackup(samples: readonly LibrarySample[], collections: readonly LibraryCollection[], exportedAt: Date): LibraryBackup {
  const byId = new Map(samples.map((s) => [s.id, s]));
  const unmarked = new Map<string, string[]>();
  for (const s of samples) {
    if (!hasUserData(s)) pushTo(unmarked, s.folderName, s.path);
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    samples: samples.filter(hasUserData).map((s) => ({
      folder: s.folderName,
      path: s.path,
      size: s.size,
      tags: normaliseTags(s.tags),
      favourite: s.favourite === 1,
      rating: s.rating != null && s.rating >= 1 ? s.rating : null,
      note: s.note ? s.note : null,
      corrections: s.corrections ?? {},
    })),
    unmarked: [...unmarked].map(([folder, paths]) => ({ folder, paths })),
    collections: collections.map((c) => ({
      name: c.name,
      createdAt: c.createdAt,
      // Members whose sample was removed from the library are dropped.
      members: c.sampleIds.flatMap((id) => {
        const member = byId.get(id);
        return member ? [{ folder: member.folderName, path: member.path }] : [];
      }),
      query: c.query ?? null,
    })),
  };
}

/** Every sample the backup refers to (its samples, unmarked samples and collection members), each once. */
export function backupRefs(backup: LibraryBackup): SampleRef[] {
  const refs = new Map<string, SampleRef>();
  const unmarked = backup.unmarked.flatMap(({ folder, paths }) => paths.map((path) => ({ folder, path })));
  for (const ref of [...backup.samples, ...unmarked, ...backup.collections.flatMap((c) => c.members)]) {
    refs.set(refKey(ref.folder, ref.path), { folder: ref.folder, path: ref.path });
  }
  return [...refs.values()];
}

/** A sample's user data as a restore writes it; absent values as the library stores "none". */
interface RestoredData {
  tags: string[];
  favourite: 0 | 1;
  rating: number;
  note: string;
  corrections: Corrections;
}
const cleared = (): RestoredData => ({ tags: [], favourite: 0, rating: 0, note: '', corrections: {} });

const sameCorrections = (a: Corrections | undefined, b: Corrections): boolean => {
  const sorted = (c: Corrections): string => JSON.stringify(Object.entries(patchCorrections(c, {})).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a ?? {}) === sorted(b);
};

/** The fields of `current` that differ from `target` (absent, [], 0 and '' all mean "none"). */
function userDataChanges(current: LibrarySample, target: RestoredData): SampleUserData {
  const changes: SampleUserData = {};
  if ((current.tags ?? []).join('\n') !== target.tags.join('\n')) changes.tags = target.tags;
  if ((current.favourite ?? 0) !== target.favourite) changes.favourite = target.favourite;
  if ((current.rating ?? 0) !== target.rating) changes.rating = target.rating;
  if ((current.note ?? '') !== target.note) changes.note = target.note;
  if (!sameCorrections(current.corrections, target.corrections)) changes.corrections = target.corrections;
  return changes;
}

/**
 * What a restore writes: a roll-back to the backup. Every library sample the backup mentions gets
 * exactly the backup's tags, favourite, rating, note and corrections, also where that clears what
 * was added since (it is what "restore" promises; merging left #tags added by mistake in place).
 * Samples the backup does not mention (added since) are left as they are. Each of the backup's
 * collections is put back as it was, replacing one of the same name; members the backup does
 * not know are kept. `candidates` are the library samples at the backup's folder+path pairs.
 */
export function planRestore(
  backup: LibraryBackup,
  candidates: readonly LibrarySample[],
  existingCollections: readonly LibraryCollection[],
  now: number,
  options: RestoreOptions,
): RestorePlan {
  const byRef = new Map<string, LibrarySample[]>();
  for (const sample of candidates) {
    const key = refKey(sample.folderName, sample.path);
    byRef.set(key, [...(byRef.get(key) ?? []), sample]);
  }
  const unmatched = new Map<string, SampleRef>();
  const known = new Set<number>();
  const findSamples = (ref: SampleRef, size?: number, report = true): LibrarySample[] => {
    const found = byRef.get(refKey(ref.folder, ref.path)) ?? [];
    if (found.length === 0 && report) unmatched.set(refKey(ref.folder, ref.path), { folder: ref.folder, path: ref.path });
    // Two library folders with the same name: prefer the file of the same size.
    const sameSize = found.filter((s) => s.size === size);
    const targets = found.length > 1 && sameSize.length > 0 ? sameSize : found;
    for (const sample of targets) known.add(sample.id);
    return targets;
  };

  const targets = new Map<number, { sample: LibrarySample; data: RestoredData }>();
  for (const entry of backup.samples) {
    const data: RestoredData = {
      tags: normaliseTags(entry.tags),
      favourite: entry.favourite ? 1 : 0,
      rating: entry.rating ?? 0,
      note: entry.note ?? '',
      corrections: patchCorrections(entry.corrections, {}),
    };
    for (const sample of findSamples(entry, entry.size)) targets.set(sample.id, { sample, data });
  }
  for (const { folder, paths } of backup.unmarked) {
    // An unmarked sample gone from the library had nothing to restore: not worth reporting.
    for (const path of paths) {
      for (const sample of findSamples({ folder, path }, undefined, false)) {
        if (!targets.has(sample.id)) targets.set(sample.id, { sample, data: cleared() });
      }
    }
  }
  const sampleUpdates = [...targets].flatMap(([id, { sample, data }]) => {
    const changes = userDataChanges(sample, data);
    return Object.keys(changes).length > 0 ? [{ id, changes }] : [];
  });

  const memberIds = backup.collections.map((c) => [...new Set(c.members.flatMap((member) => findSamples(member).map((s) => s.id)))]);
  const existingByName = new Map(existingCollections.map((c) => [c.name, c]));
  const collections = backup.collections.map((collection, i): RestorePlan['collections'][number] => {
    const existing = existingByName.get(collection.name);
    // Members the backup knows nothing of (added to the library since) stay in the collection.
    const kept = existing?.sampleIds.filter((id) => !known.has(id)) ?? [];
    return {
      ...(existing ? { id: existing.id } : {}),
      name: collection.name,
      createdAt: collection.createdAt || existing?.createdAt || now,
      sampleIds: [...new Set([...memberIds[i]!, ...kept])],
      ...(collection.query !== null ? { query: collection.query } : {}),
    };
  });
  const differs = (planned: RestorePlan['collections'][number]): boolean => {
    const existing = existingByName.get(planned.name);
    if (!existing) return true;
    const now = new Set(existing.sampleIds);
    return (
      (existing.query ?? null) !== (planned.query ?? null) ||
      now.size !== planned.sampleIds.length ||
      planned.sampleIds.some((id) => !now.has(id))
    );
  };
  const backupNames = new Set(backup.collections.map((c) => c.name));
  const others = existingCollections.filter((c) => !backupNames.has(c.name));

  return {
    sampleUpdates,
    collections,
    deleteCollectionIds: options.dropOtherCollections ? others.map((c) => c.id) : [],
    report: {
      samples: targets.size,
      changed: sampleUpdates.length,
      notInBackup: Math.max(0, options.librarySize - known.size),
      unmatched: [...unmatched.values()].slice(0, UNMATCHED_LIST_LIMIT),
      unmatchedCount: unmatched.size,
      collectionsRestored: backupNames.size,
      collectionsChanged: collections.filter(differs).length,
      otherCollections: others.length,
    },
  };
}

/** "samplemind-backup-2025-03-01-1530.json", local time: two backups of one day do not share a name. */
export function backupFileName(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${BACKUP_FORMAT}-${day}-${two(date.getHours())}${two(date.getMinutes())}.json`;
}
