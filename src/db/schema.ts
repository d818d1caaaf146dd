import Dexie, { type DBCore, type EntityTable, type Middleware } from 'dexie';
import type { AudioDescriptors, WaveformPeaks } from '../domain/analysis';
import type { Corrections } from '../domain/corrections';
import type { ErrorInfo } from '../domain/errors';
import type { MapLayout } from '../domain/map/mapLayout';
import type { AiRequestLogEntry } from '../domain/ai/requestLog';
import type { ListSnapshot } from './listSnapshot';

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
  /**
   * Audio files a copy-in import (file input, drop) was handed, while it runs: a page closed
   * mid-way cannot resume one (its files went with the page), so the next start says how many
   * are left to add. Not indexed: no schema version needed.
   */
  expected?: number;
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
  /** When the record was last written (ms; version 3, set by the database on every add and put). */
  updatedAt?: number;
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

/** The list snapshot (listSnapshot.ts), one row under the name 'list'. */
export interface SnapshotRecord {
  name: 'list';
  snapshot: ListSnapshot;
}

/** A sample's sound embedding (src/domain/similarity/soundEmbedding.ts), in its own table like the peaks. */
export interface EmbeddingRecord {
  sampleId: number;
  /** SOUND_EMBEDDING_VERSION it was computed with. */
  version: number;
  vector: Float32Array;
}

/** A sample's CLAP audio embedding (search by words), for the model it was computed with. */
export interface ClapEmbeddingRecord {
  sampleId: number;
  /** Which installed model computed it (ClapLibraryIndex's model key). */
  model: string;
  /** As 8-bit integers and a scale (written since this session's version: a quarter of the bytes). */
  q?: Int8Array;
  scale?: number;
  /** As floats (records written before; read and converted on load). */
  vector?: Float32Array;
}

export interface PeaksRecord {
  sampleId: number;
  peaks: WaveformPeaks;
}

/** The library map's last layout (docs/decisions/011-library-map.md), so a reload does not lay it out again. */
export interface MapLayoutRecord {
  name: 'map';
  /** SOUND_EMBEDDING_VERSION the layout was computed from; another version lays the map out afresh. */
  embeddingVersion: number;
  layout: MapLayout;
  savedAt: number;
}

/**
 * Which analyser version (ANALYSIS_VERSION) produced a sample's analysis, or refused its file;
 * none: version 1 (or, for a refused file, before version 4).
 */
export interface AnalysisStampRecord {
  sampleId: number;
  version: number;
  /**
   * The analyser found no sound to fingerprint (silence): no embedding is missing, so the
   * back-fill leaves it alone. Absent in stamps written before 2026-11-27 (they are checked once).
   */
  soundless?: true;
}

/**
 * The user's work on a sample whose folder was removed from the library (version 7): adding a
 * folder of that name again gives it back to the sample at the same path (keptUserData.ts).
 */
export interface KeptUserDataRecord {
  /** keptUserDataKey(folder, path). */
  key: string;
  /** The removed folder's name, as the user added it. */
  folder: string;
  path: string;
  /** The file's size then (kept since 2026-11-28; a backup matches same-named folders by it). */
  size?: number;
  removedAt: number;
  tags?: string[];
  favourite?: 0 | 1;
  rating?: number;
  note?: string;
  corrections?: Corrections;
  /** The hand-picked collections it was in. */
  collectionIds?: number[];
}

/** One row of AI state: the settings, the passphrase vault's salt and check value, dollars spent per month. */
export interface AiStateRecord {
  name: 'settings' | 'vault' | 'spend';
  value: unknown;
}

/** A provider's API key: plain while no passphrase is set, else sealed (AES-GCM) with the passphrase's key. */
export interface AiKeyRecord {
  provider: string;
  plain?: string;
  sealed?: { iv: Uint8Array; data: ArrayBuffer };
}

/** One AI request as the request log shows it: exactly what was sent (never the key), and what it cost. */
export interface AiRequestRecord extends AiRequestLogEntry {
  id?: number;
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
  snapshots!: EntityTable<SnapshotRecord, 'name'>;
  embeddings!: EntityTable<EmbeddingRecord, 'sampleId'>;
  clapEmbeddings!: EntityTable<ClapEmbeddingRecord, 'sampleId'>;
  aiState!: EntityTable<AiStateRecord, 'name'>;
  aiKeys!: EntityTable<AiKeyRecord, 'provider'>;
  aiRequests!: EntityTable<AiRequestRecord, 'id'>;
  mapLayouts!: EntityTable<MapLayoutRecord, 'name'>;
  analysisStamps!: EntityTable<AnalysisStampRecord, 'sampleId'>;
  keptUserData!: EntityTable<KeptUserDataRecord, 'key'>;

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
    // Version 3 only adds: when each sample was last written, and the list snapshot that makes
    // a reload read one value instead of every sample (docs/decisions/007-list-snapshot.md);
    // sound embeddings for "more like this" (docs/decisions/009-sound-embedding.md).
    this.version(3).stores({
      samples: '++id, &[folderId+path], folderId, status, *tags, favourite, rating, updatedAt',
      snapshots: 'name',
      embeddings: 'sampleId, version',
    });
    // Version 4 only adds: CLAP audio embeddings for search by words (docs/decisions/010-clap-opt-in.md).
    this.version(4).stores({ clapEmbeddings: 'sampleId' });
    // Version 5 only adds: AI settings, the user's provider keys and the AI request log (docs/AI.md),
    // and the library map's last layout.
    this.version(5).stores({ aiState: 'name', aiKeys: 'provider', aiRequests: '++id, at', mapLayouts: 'name' });
    // Version 6 only adds: the analyser version of each sample's analysis, in a table of its own so
    // the list snapshot and every sample record stay as they are (docs/decisions/003-database-schema.md).
    this.version(6).stores({ analysisStamps: 'sampleId, version' });
    // Version 7 only adds: the user's work on the samples of removed folders, given back when such a
    // folder is added again (docs/decisions/003-database-schema.md).
    this.version(7).stores({ keptUserData: 'key, folder' });
    this.use(stampSampleWrites);
  }
}

/**
 * Sets `updatedAt` on every sample the database stores, however it is written (add, put,
 * update, modify: Dexie turns them all into add or put requests here), so a list snapshot can
 * tell which samples changed after it was saved.
 */
const stampSampleWrites: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'stampSampleWrites',
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== 'samples') return table;
      return {
        ...table,
        mutate: (request) => {
          if (request.type !== 'add' && request.type !== 'put') return table.mutate(request);
          const updatedAt = Date.now();
          return table.mutate({ ...request, values: request.values.map((value: SampleRecord) => ({ ...value, updatedAt })) });
        },
      };
    },
  }),
};
