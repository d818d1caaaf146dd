/** Reading a backup file: everything is checked before anything is written (BackupError names what is wrong). */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupCollection,
  type BackupFolderPaths,
  type BackupSample,
  type LibraryBackup,
  type SampleRef,
} from './backup';
import type { Corrections } from './corrections';
import { PITCH_NAMES } from './music/pitch';

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
      throw new BackupError('This file is not a SampleMind backup, or it is cut short: it is not JSON, as a backup is.', { cause: error });
    }
  }
  if (!isObject(document) || document.format !== BACKUP_FORMAT) {
    // Plain words: "it has no "format": …" was the file format's jargon.
    throw new BackupError('This file is not a SampleMind backup: choose a file that “Back up tags, ratings & collections” saved.');
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
