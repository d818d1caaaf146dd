import Dexie, { type EntityTable } from 'dexie';
import type { AudioDescriptors, WaveformPeaks } from '../domain/analysis';
import type { Corrections } from '../domain/corrections';
import type { ErrorInfo } from '../domain/errors';

/** Where a folder's file bytes are read from. */
export type FolderSource =
  /** A File System Access directory handle: files stay where they are on disk. */
  | 'handle'
  /** Copies kept in the Origin Private File System (browsers without directory handles). */
  | 'opfs';

export interface FolderRecord {
  id: number;
  name: string;
  source: FolderSource;
  /** Present when source is 'handle'; IndexedDB stores handles natively. */
  handle?: FileSystemDirectoryHandle;
  addedAt: number;
  /** 'scanning' until the importer has walked the whole folder: a reload mid-scan resumes it. */
  scan?: 'scanning' | 'complete';
}

export type SampleStatus = 'queued' | 'done' | 'failed' | 'skipped';

export interface SampleRecord {
  id: number;
  folderId: number;
  /** Path inside the folder, '/'-separated, ending with the file name. */
  path: string;
  name: string;
  /** The folder part of `path` ('' at the root). */
  dir: string;
  size: number;
  /** lastModified of the file in ms since the epoch. */
  mtime: number;
  status: SampleStatus;
  error: ErrorInfo | null;
  analysis: AudioDescriptors | null;
  /** The user's corrections; they survive re-analysis. */
  corrections?: Corrections;
  addedAt: number;
  analysedAt: number | null;
  // The user's organisation (version 2). Absent means none; re-analysis never touches them.
  /** Lower-case tags, each once. */
  tags?: string[];
  /** 1 when a favourite (IndexedDB cannot index booleans). */
  favourite?: 0 | 1;
  /** 1..5 stars; 0 or absent is unrated. */
  rating?: number;
  note?: string;
}

/** A named set of samples: hand-picked ids, or a saved search that stays live (smart). */
export interface CollectionRecord {
  id: number;
  name: string;
  createdAt: number;
  /** Hand-picked members, in the order they were added. */
  sampleIds: number[];
  /** For a smart collection: the saved search, re-run as the library grows (JSON of a LibraryQuery). */
  query?: string;
}

export interface PeaksRecord {
  sampleId: number;
  peaks: WaveformPeaks;
}

export const DATABASE_NAME = 'samplemind';

/**
 * Schema history (docs/decisions/003-database-schema.md). Each version adds; none deletes a
 * user's data. Waveform peaks live in their own table so listing 100k samples never loads them.
 */
export class SampleMindDatabase extends Dexie {
  folders!: EntityTable<FolderRecord, 'id'>;
  samples!: EntityTable<SampleRecord, 'id'>;
  peaks!: EntityTable<PeaksRecord, 'sampleId'>;
  collections!: EntityTable<CollectionRecord, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      folders: '++id, name',
      samples: '++id, &[folderId+path], folderId, status',
      peaks: 'sampleId',
    });
    // Version 2 only adds: the user's tags, favourites and ratings, and collections.
    this.version(2).stores({
      samples: '++id, &[folderId+path], folderId, status, *tags, favourite, rating',
      collections: '++id, &name',
    });
  }
}
