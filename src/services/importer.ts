import type { LibraryRepository, ScannedFile } from '../db/libraryRepository';
import type { FolderRecord, SampleRecord } from '../db/schema';
import { isAudioFileName } from '../domain/audioFormats';
import { SampleMindError } from '../domain/errors';
import type { FileAccess } from './fileAccess';

/** A file handed over without a directory handle (file input, drag and drop). */
export interface LooseFile {
  file: File;
  /** Path inside the dropped or chosen folder, '/'-separated, ending with the file name. */
  path: string;
}

export interface ImportListener {
  /** Rows for files just found, before analysis: the library shows them at once. */
  onSamplesFound(samples: SampleRecord[]): void;
  onFolderAdded(folder: FolderRecord): void;
  /** `expected`: how many audio files the scan will find, where that is known up front (files handed over). */
  onScanProgress(found: number, folderName: string, expected?: number): void;
  onImportError(message: string): void;
  /** New samples got back the work kept when a folder of this name was removed; `collectionsChanged`: reload them. */
  onUserWorkBack?(folderName: string, samples: number, collectionsChanged: boolean): void;
}

export interface ImportSummary {
  folder: FolderRecord;
  found: number;
  queued: number;
  unchanged: number;
  /** Samples of the folder this scan no longer found (marked missing), and ones found again. */
  missing: number;
  restored: number;
  /** New samples that got back the work kept when a folder of this name was removed. */
  workBack: number;
}

const BATCH = 100;
const FLUSH_MS = 150;

/** What the importer tells the analysis queue: files were queued, and a scan is under way. */
export interface AnalysisRunLink {
  notifyQueued(added: number): Promise<void>;
  holdRun(): () => void;
}

type DirectoryWithEntries = FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> };

/**
 * Finds audio files in what the user added and records them in the library, in batches so
 * rows appear while the scan goes on. Other files are skipped silently.
 */
export class Importer {
  /** Folders being scanned right now (a folder cannot be removed mid-scan: FolderRemoval). */
  private readonly scanning = new Set<number>();

  constructor(
    private readonly repository: LibraryRepository,
    private readonly files: FileAccess,
    private readonly listener: ImportListener,
    private readonly queue: AnalysisRunLink,
  ) {}

  /** A folder picked with showDirectoryPicker or dropped as a handle: read in place, not copied. */
  importDirectoryHandle(handle: FileSystemDirectoryHandle): Promise<ImportSummary> {
    return this.asOneRun(() => this.scanDirectoryHandle(handle));
  }

  /**
   * Files from <input webkitdirectory> or a drop without handles: the bytes are copied into the
   * Origin Private File System so the library still plays after a reload. `wholeFolder`: the
   * files are all the folder holds (its samples not among them are missing); not so for files
   * dropped one by one.
   */
  importLooseFiles(
    folderName: string,
    looseFiles: readonly LooseFile[],
    options: { wholeFolder: boolean } = { wholeFolder: false },
  ): Promise<ImportSummary> {
    return this.asOneRun(() => this.storeLooseFiles(folderName, looseFiles, options.wholeFolder));
  }

  /** Whether a scan of this folder is under way in this page. */
  isScanning(folderId: number): boolean {
    return this.scanning.has(folderId);
  }

  /**
   * A scan is one analysis run however it ends (AnalysisQueue.holdRun): the analysis can catch up
   * with the scan between two batches, and would otherwise count each batch as a run of its own.
   */
  private async asOneRun(scan: () => Promise<ImportSummary>): Promise<ImportSummary> {
    const releaseRun = this.queue.holdRun();
    try {
      return await scan();
    } finally {
      releaseRun();
    }
  }

  private async scanDirectoryHandle(handle: FileSystemDirectoryHandle): Promise<ImportSummary> {
    const folder = await this.repository.upsertFolder(handle.name, 'handle', handle);
    return this.whileScanning(folder, () => this.walkDirectoryHandle(folder, handle));
  }

  /**
   * Runs a scan of `folder`, marked as under way (isScanning) until it ends, however it ends. A
   * second scan of a folder being scanned is refused: adding it twice ran two imports of it.
   */
  private async whileScanning(folder: FolderRecord, scan: () => Promise<ImportSummary>): Promise<ImportSummary> {
    if (this.scanning.has(folder.id)) {
      throw new SampleMindError('folder_busy', `${folder.name} is being added already: its files will be in the library when that ends`);
    }
    this.scanning.add(folder.id);
    try {
      return await scan();
    } finally {
      this.scanning.delete(folder.id);
    }
  }

  private async walkDirectoryHandle(folder: FolderRecord, handle: FileSystemDirectoryHandle): Promise<ImportSummary> {
    await this.repository.setScanState(folder.id, 'scanning');
    this.listener.onFolderAdded(folder);
    const batcher = this.batcher(folder);
    const walk = async (dir: DirectoryWithEntries, prefix: string): Promise<void> => {
      for await (const entry of dir.values()) {
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.kind === 'directory') await walk(entry as DirectoryWithEntries, path);
        else if (isAudioFileName(entry.name)) {
          try {
            const file = await (entry as FileSystemFileHandle).getFile();
            await batcher.add({ path, size: file.size, mtime: file.lastModified });
          } catch (error) {
            batcher.incomplete();
            this.listener.onImportError(`${path}: could not be read (${(error as Error).message})`);
          }
        }
      }
    };
    await walk(handle as DirectoryWithEntries, '');
    return batcher.finish();
  }

  private async storeLooseFiles(folderName: string, looseFiles: readonly LooseFile[], wholeFolder: boolean): Promise<ImportSummary> {
    const folder = await this.repository.upsertFolder(folderName, 'opfs');
    return this.whileScanning(folder, () => this.copyLooseFiles(folder, looseFiles, wholeFolder));
  }

  private async copyLooseFiles(folder: FolderRecord, looseFiles: readonly LooseFile[], wholeFolder: boolean): Promise<ImportSummary> {
    const audio = looseFiles.filter(({ file }) => isAudioFileName(file.name));
    await this.repository.setScanState(folder.id, 'scanning', audio.length);
    this.listener.onFolderAdded(folder);
    // The count is known before the first copy: the progress shows it (and the time left) at once.
    this.listener.onScanProgress(0, folder.name, audio.length);
    const batcher = this.batcher(folder, audio.length);
    // Files dropped one by one are not a folder's whole content: none of the others is missing.
    if (!wholeFolder) batcher.incomplete();
    // A folder added again (after an interrupted import, or to pick up new files): the copies the
    // library holds of unchanged files are kept, not written again.
    const held = await this.repository.heldFiles(folder.id);
    for (const { file, path } of audio) {
      try {
        const copy = held.get(path);
        if (copy?.size !== file.size || copy.mtime !== file.lastModified) await this.files.storeCopy(folder.id, path, file);
        await batcher.add({ path, size: file.size, mtime: file.lastModified });
      } catch (error) {
        batcher.incomplete();
        this.listener.onImportError(`${path}: could not be stored (${(error as Error).message})`);
      }
    }
    return batcher.finish();
  }

  /**
   * Adds what a scan finds in batches; at its end, the folder's samples it did not find are marked
   * missing, unless a file could not be read (then the scan is not a complete picture of the folder).
   */
  private batcher(
    folder: FolderRecord,
    expected?: number,
  ): { add(file: ScannedFile): Promise<void>; incomplete(): void; finish(): Promise<ImportSummary> } {
    let pending: ScannedFile[] = [];
    let lastFlush = performance.now();
    const seen = new Set<string>();
    let complete = true;
    const summary: ImportSummary = { folder, found: 0, queued: 0, unchanged: 0, missing: 0, restored: 0, workBack: 0 };
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      lastFlush = performance.now();
      const result = await this.repository.addScannedFiles(folder.id, batch);
      summary.queued += result.queued.length;
      summary.unchanged += result.unchanged;
      summary.restored += result.restored.length;
      // The queue counts the batch in the same step as the scan's count of files found: the
      // progress's total (queued + still to come) would dip or overshoot by a batch between the two.
      // Not awaited: the scan of a large folder does not wait for the database to be counted again.
      if (result.queued.length > 0) void this.queue.notifyQueued(result.queued.length);
      this.listener.onScanProgress(summary.found, folder.name, expected);
      if (result.restored.length > 0) this.listener.onSamplesFound(result.restored);
      if (result.queued.length > 0) this.listener.onSamplesFound(result.queued);
      if (result.workBack.samples > 0) {
        summary.workBack += result.workBack.samples;
        this.listener.onUserWorkBack?.(folder.name, result.workBack.samples, result.workBack.collectionsChanged);
      }
    };
    return {
      add: async (file) => {
        pending.push(file);
        seen.add(file.path);
        summary.found++;
        if (pending.length >= BATCH || performance.now() - lastFlush > FLUSH_MS) await flush();
      },
      incomplete: () => {
        complete = false;
      },
      finish: async () => {
        await flush();
        if (complete) {
          const missing = await this.repository.markMissing(folder, seen);
          summary.missing = missing.length;
          if (missing.length > 0) this.listener.onSamplesFound(missing);
        }
        await this.repository.setScanState(folder.id, 'complete');
        this.listener.onScanProgress(summary.found, folder.name, expected);
        return summary;
      },
    };
  }
}
