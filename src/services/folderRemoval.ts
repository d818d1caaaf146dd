import type { LibraryRepository, RemovedFolders } from '../db/libraryRepository';
import { SampleMindError } from '../domain/errors';

/** What a folder removal needs besides the repository; each is the app's own service in the browser. */
export interface FolderRemovalParts {
  repository: LibraryRepository;
  /** Deletes an 'opfs' folder's copies (FileAccess). */
  files: { deleteCopies(folderId: number): Promise<void> };
  /** Drops the folder's samples still waiting for analysis (AnalysisQueue). */
  queue: { forgetFolder(folderId: number): Promise<void> };
  importer: { isScanning(folderId: number): boolean };
  /** In-memory indexes of sample ids: sound similarity (and the map built on it), search by words. */
  similarity: { remove(sampleIds: readonly number[]): void };
  words: { forget(sampleIds: readonly number[]): void };
}

/** What removeFolders did, for the stores and the user. */
export interface FolderRemovalResult extends RemovedFolders {
  /** Copies in the browser's storage that could not be deleted (the library no longer refers to them). */
  copiesLeft: boolean;
}

/**
 * "Remove from library" for source folders: the database part in one transaction, then what lives
 * outside it (the analysis queue's buffer, the in-memory indexes, copies in the Origin Private File
 * System). The user's own files on disk are never touched.
 */
export class FolderRemoval {
  constructor(private readonly parts: FolderRemovalParts) {}

  async removeFolders(folderIds: readonly number[]): Promise<FolderRemovalResult> {
    const { repository, files, queue, importer, similarity, words } = this.parts;
    if (folderIds.some((id) => importer.isScanning(id))) {
      // A scan still adding (and, for copied folders, storing) files would bring part of it back.
      throw new SampleMindError('folder_busy', 'This folder is still being imported: remove it once the import has finished');
    }
    const removed = await repository.removeFolders(folderIds);
    // After the database: before it, the queue's next read of queued samples could bring them back.
    for (const folder of removed.folders) await queue.forgetFolder(folder.id);
    similarity.remove(removed.sampleIds);
    words.forget(removed.sampleIds);
    let copiesLeft = false;
    for (const folder of removed.folders) {
      if (folder.source !== 'opfs') continue;
      try {
        await files.deleteCopies(folder.id);
      } catch (error) {
        console.warn(`The copies of ${folder.name} could not be deleted from the browser's storage.`, error);
        copiesLeft = true;
      }
    }
    return { ...removed, copiesLeft };
  }
}
