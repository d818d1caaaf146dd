import type { Corrections } from './corrections';
import { PITCH_NAMES } from './music/pitch';
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

export interface LibraryBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  samples: BackupSample[];
  collections: BackupCollection[];
}

export interface RestoreReport {
  /** Backup entries that found their sample in the library. */
  matched: number;
  /** Samples (and collection members) not in the library, at most UNMATCHED_LIST_LIMIT of them. */
  unmatched: SampleRef[];
  unmatchedCount: number;
  /** Collections created or merged into one of the same name. */
  collectionsRestored: number;
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
  /** With an id: merged into that collection; without: a new one. */
  collections: (Omit<LibraryCollection, 'id'> & { id?: number })[];
  report: RestoreReport;
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

export function buildBackup(samples: readonly LibrarySample[], collections: readonly LibraryCollection[], exportedAt: Date): LibraryBackup {
  const byId = new Map(samples.map((s) => [s.id, s]));
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

/** Every sample the backup refers to (its samples and collection members), each once. */
export function backupRefs(backup: LibraryBackup): SampleRef[] {
  const refs = new Map<string, SampleRef>();
  for (const ref of [...backup.samples, ...backup.collections.flatMap((c) => c.members)]) {
    refs.set(refKey(ref.folder, ref.path), { folder: ref.folder, path: ref.path });
  }
  return [...refs.values()];
}

/**
 * What a restore writes. Merging, so that restoring into a library already in use (or restoring
 * twice) loses nothing: tags are united; favourite is set, never cleared; rating, note and each
 * corrected field take the backup's value where it has one. Collections merge by name: members
 * are united (existing order first), a backup's saved search replaces the existing one.
 * `candidates` are the library samples at the backup's folder+path pairs.
 */
export function planRestore(
  backup: LibraryBackup,
  candidates: readonly LibrarySample[],
  existingCollections: readonly LibraryCollection[],
  now: number,
): RestorePlan {
  const byRef = new Map<string, LibrarySample[]>();
  for (const sample of candidates) {
    const key = refKey(sample.folderName, sample.path);
    byRef.set(key, [...(byRef.get(key) ?? []), sample]);
  }
  const unmatched = new Map<string, SampleRef>();
  const findSamples = (ref: SampleRef, size?: number): LibrarySample[] => {
    const found = byRef.get(refKey(ref.folder, ref.path)) ?? [];
    if (found.length === 0) unmatched.set(refKey(ref.folder, ref.path), { folder: ref.folder, path: ref.path });
    // Two library folders with the same name: prefer the file of the same size.
    const sameSize = found.filter((s) => s.size === size);
    return found.length > 1 && sameSize.length > 0 ? sameSize : found;
  };

  const changes = new Map<number, SampleUserData>();
  let matched = 0;
  for (const entry of backup.samples) {
    const targets = findSamples(entry, entry.size);
    if (targets.length > 0) matched++;
    for (const sample of targets) {
      const current = { ...sample, ...changes.get(sample.id) };
      const update: SampleUserData = { ...changes.get(sample.id) };
      const tags = normaliseTags(current.tags, entry.tags);
      if (tags.join('\n') !== (current.tags ?? []).join('\n')) update.tags = tags;
      if (entry.favourite && current.favourite !== 1) update.favourite = 1;
      if (entry.rating !== null && entry.rating !== current.rating) update.rating = entry.rating;
      if (entry.note !== null && entry.note !== current.note) update.note = entry.note;
      const corrections = { ...current.corrections, ...entry.corrections };
      if (JSON.stringify(corrections) !== JSON.stringify(current.corrections ?? {})) update.corrections = corrections;
      if (Object.keys(update).length > 0) changes.set(sample.id, update);
    }
  }

  const collectionsByName = new Map<string, RestorePlan['collections'][number]>();
  for (const existing of existingCollections) collectionsByName.set(existing.name, { ...existing });
  const touched = new Set<string>();
  for (const collection of backup.collections) {
    const memberIds = collection.members.flatMap((member) => findSamples(member).map((s) => s.id));
    const target = collectionsByName.get(collection.name) ?? {
      name: collection.name,
      createdAt: collection.createdAt || now,
      sampleIds: [],
    };
    target.sampleIds = [...new Set([...target.sampleIds, ...memberIds])];
    if (collection.query !== null) target.query = collection.query;
    collectionsByName.set(collection.name, target);
    touched.add(collection.name);
  }

  return {
    sampleUpdates: [...changes].map(([id, update]) => ({ id, changes: update })),
    collections: [...touched].map((name) => collectionsByName.get(name)!),
    report: {
      matched,
      unmatched: [...unmatched.values()].slice(0, UNMATCHED_LIST_LIMIT),
      unmatchedCount: unmatched.size,
      collectionsRestored: touched.size,
    },
  };
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
    collections: list(document.collections ?? [], 'collections').map((c, i) => parseCollection(c, `collections[${i}]`)),
  };
}

/** "samplemind-backup-2025-03-01.json" */
export function backupFileName(date: Date): string {
  return `${BACKUP_FORMAT}-${date.toISOString().slice(0, 10)}.json`;
}
