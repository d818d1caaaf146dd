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

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      folders: '++id, name',
      samples: '++id, &[folderId+path], folderId, status',
      peaks: 'sampleId',
    });
  }
}
