import { patchCorrections, type Corrections } from './corrections';
import { PITCH_NAMES } from './music/pitch';
import { SampleMindError } from './errors';
import { formatCount } from './format';
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
  for (const s of samples) if (!hasUserData(s)) unmarked.set(s.folderName, [...(unmarked.get(s.folderName) ?? []), s.path]);
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
      otherCollections: others.length,
    },
  };
}

// --- What the user is asked before a restore and told after it. ---

const count = (n: number, noun: string): string => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
const USER_DATA = 'tags, ratings, favourites, notes and corrections';

function leftAlone(report: RestoreReport, past: boolean): string {
  const parts: string[] = [];
  if (report.notInBackup > 0) parts.push(count(report.notInBackup, 'sample'));
  if (report.otherCollections > 0) parts.push(count(report.otherCollections, 'collection'));
  if (parts.length === 0) return '';
  const one = report.notInBackup + report.otherCollections === 1;
  const verb = past ? (one ? 'was left as it was' : 'were left as they were') : one ? 'stays as it is' : 'stay as they are';
  return ` ${parts.join(' and ')} not in the backup ${verb}.`;
}

const notInLibrary = (n: number): string => `${count(n, 'sample')} in the backup ${n === 1 ? 'is' : 'are'} not in the library`;

/** The question before a restore: what it replaces, what it leaves alone. `madeOn`: the backup's date, as shown. */
export function restoreQuestion(report: RestoreReport, fileName: string, madeOn: string): string {
  const changes =
    report.changed === 0 ? 'none of them change' : `${formatCount(report.changed)} of them ${report.changed === 1 ? 'changes' : 'change'}`;
  const collections =
    report.collectionsRestored > 0
      ? `, and puts ${count(report.collectionsRestored, 'collection')} back as ${report.collectionsRestored === 1 ? 'it was' : 'they were'}`
      : '';
  const missing = report.unmatchedCount > 0 ? ` ${notInLibrary(report.unmatchedCount)}.` : '';
  return (
    `Restore ${fileName} (backed up ${madeOn})? This replaces the ${USER_DATA} of ${count(report.samples, 'sample')} ` +
    `with the backup's, also clearing what was added since (${changes})${collections}.` +
    leftAlone(report, false) +
    missing +
    ' You can undo it right after.'
  );
}

/** The notice after a restore. */
export function restoreSummary(report: RestoreReport, fileName: string): string {
  const collections = report.collectionsRestored > 0 ? ` and ${count(report.collectionsRestored, 'collection')}` : '';
  const missing = report.unmatchedCount > 0 ? ` ${notInLibrary(report.unmatchedCount)} (add their folders, then restore again).` : '';
  return (
    `Restored ${fileName}: the ${USER_DATA} of ${count(report.samples, 'sample')} (${formatCount(report.changed)} changed)${collections} are the backup's again.` +
    leftAlone(report, true) +
    missing
  );
}

// --- Validation: everything is checked before anything is written. ---

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => (value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)).slice(0, 40));

function fail(where: string, expected: string, value: unknown): never {
  throw new BackupError(`This backup is damaged: ${where} should be ${expected}, but is ${shown(value)}.`);
}
function text(value: unknown, where: string, options: { empty?: boolean } = {}): string {
  if (typeof value !== 'string' || (!options.empty && value.trim() === '')) fail(where, 'a non-empty text', value);
  return value;
}
function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(where, 'a list', value);
  return value;
}
function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null || value === undefined ? null : read(value);
}
const wholeNumber = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
function isJsonObject(value: unknown): boolean {
  try {
    return typeof value === 'string' && isObject(JSON.parse(value));
  } catch {
    return false;
  }
}

function parseRef(value: unknown, where: string): SampleRef {
  if (!isObject(value)) fail(where, 'an object with folder and path', value);
  return { folder: text(value.folder, `${where}.folder`), path: text(value.path, `${where}.path`) };
}

const CORRECTION_CHECKS: Record<keyof Corrections, [string, (value: unknown) => boolean]> = {
  category: ['a category name', (v) => typeof v === 'string' && v.trim() !== ''],
  kind: ['"one-shot" or "loop"', (v) => v === 'one-shot' || v === 'loop'],
  bpm: ['a tempo in BPM', (v) => typeof v === 'number' && v > 0 && v < 1000],
  key: ['a note name (C, C#, ... B)', (v) => (PITCH_NAMES as readonly unknown[]).includes(v)],
  scale: ['"major" or "minor"', (v) => v === 'major' || v === 'minor'],
  rootMidi: ['a MIDI note number 0-127', (v) => wholeNumber(v, 0, 127)],
};

function parseCorrections(value: unknown, where: string): Corrections {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail(where, 'an object', value);
  for (const [field, fieldValue] of Object.entries(value)) {
    const check = CORRECTION_CHECKS[field as keyof Corrections] as (typeof CORRECTION_CHECKS)[keyof Corrections] | undefined;
    if (!check) fail(`a field name in ${where}`, `one of ${Object.keys(CORRECTION_CHECKS).join(', ')}`, field);
    if (fieldValue !== null && !check[1](fieldValue)) fail(`${where}.${field}`, check[0], fieldValue);
  }
  return value as Corrections;
}

function parseSample(value: unknown, where: string): BackupSample {
  if (!isObject(value)) fail(where, 'an object', value);
  const size = value.size;
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) fail(`${where}.size`, 'a file size in bytes', size);
  const favourite = value.favourite ?? false;
  if (typeof favourite !== 'boolean') fail(`${where}.favourite`, 'true or false', favourite);
  return {
    ...parseRef(value, where),
    size,
    tags: list(value.tags ?? [], `${where}.tags`).map((tag, i) => text(tag, `${where}.tags[${i}]`, { empty: true })),
    favourite,
    rating: nullable(value.rating, (r) => (wholeNumber(r, 1, 5) ? r : fail(`${where}.rating`, 'a whole number of stars from 1 to 5', r))),
    note: nullable(value.note, (n) => text(n, `${where}.note`, { empty: true })),
    corrections: parseCorrections(value.corrections, `${where}.corrections`),
  };
}

function parseFolderPaths(value: unknown, where: string): BackupFolderPaths {
  if (!isObject(value)) fail(where, 'an object with folder and paths', value);
  return {
    folder: text(value.folder, `${where}.folder`),
    paths: list(value.paths, `${where}.paths`).map((path, i) => text(path, `${where}.paths[${i}]`)),
  };
}

function parseCollection(value: unknown, where: string): BackupCollection {
  if (!isObject(value)) fail(where, 'an object', value);
  const query = nullable(value.query, (q) => (isJsonObject(q) ? (q as string) : fail(`${where}.query`, 'a saved search (JSON)', q)));
  const createdAt = value.createdAt ?? 0;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) fail(`${where}.createdAt`, 'a time in ms', createdAt);
  return {
    name: text(value.name, `${where}.name`),
    createdAt,
    members: list(value.members ?? [], `${where}.members`).map((m, i) => parseRef(m, `${where}.members[${i}]`)),
    query,
  };
}

/** Reads a backup file's text (or its parsed JSON). Throws BackupError naming what is wrong. */
export function parseBackup(input: unknown): LibraryBackup {
  let document = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input);
    } catch (error) {
      throw new BackupError(`This file is not a SampleMind backup: it is not JSON (${(error as Error).message}).`, { cause: error });
    }
  }
  if (!isObject(document) || document.format !== BACKUP_FORMAT) {
    throw new BackupError(`This file is not a SampleMind backup: it has no "format": "${BACKUP_FORMAT}".`);
  }
  const version = document.version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new BackupError(`This backup was made by a newer SampleMind (version ${version}); update the app to restore it.`);
  }
  if (version !== BACKUP_VERSION) fail('version', String(BACKUP_VERSION), version);
  const exportedAt = text(document.exportedAt, 'exportedAt');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    samples: list(document.samples, 'samples').map((s, i) => parseSample(s, `samples[${i}]`)),
    unmarked: list(document.unmarked ?? [], 'unmarked').map((u, i) => parseFolderPaths(u, `unmarked[${i}]`)),
    collections: list(document.collections ?? [], 'collections').map((c, i) => parseCollection(c, `collections[${i}]`)),
  };
}

/** "samplemind-backup-2025-03-01.json" */
export function backupFileName(date: Date): string {
  return `${BACKUP_FORMAT}-${date.toISOString().slice(0, 10)}.json`;
}
