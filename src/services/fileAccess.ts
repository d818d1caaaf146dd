import type { FolderRecord } from '../db/schema';
import { SampleMindError } from '../domain/errors';

type PermissionMode = { mode: 'read' };
/** The permission methods Chromium adds to handles (not yet in TypeScript's DOM types). */
interface PermissionedHandle {
  queryPermission?(descriptor: PermissionMode): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionMode): Promise<PermissionState>;
}

const OPFS_LIBRARY = 'library';

async function opfsFolder(folderId: number, create: boolean): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  const library = await root.getDirectoryHandle(OPFS_LIBRARY, { create });
  return library.getDirectoryHandle(String(folderId), { create });
}

async function descend(
  root: FileSystemDirectoryHandle,
  path: string,
  create: boolean,
): Promise<{ dir: FileSystemDirectoryHandle; name: string }> {
  const parts = path.split('/');
  const name = parts.pop()!;
  let dir = root;
  for (const part of parts) dir = await dir.getDirectoryHandle(part, { create });
  return { dir, name };
}

/**
 * Reads sample files from wherever their folder keeps them: the user's disk through a directory
 * handle (nothing copied), or the Origin Private File System copy made at import.
 */
export class FileAccess {
  /** 'granted', or 'prompt' when the browser wants a click before reading the folder again. */
  async permission(folder: FolderRecord): Promise<PermissionState> {
    if (folder.source === 'opfs' || !folder.handle) return 'granted';
    const handle = folder.handle as FileSystemDirectoryHandle & PermissionedHandle;
    return (await handle.queryPermission?.({ mode: 'read' })) ?? 'granted';
  }

  /** Must run inside a user gesture (a click). */
  async requestPermission(folder: FolderRecord): Promise<boolean> {
    if (folder.source === 'opfs' || !folder.handle) return true;
    const handle = folder.handle as FileSystemDirectoryHandle & PermissionedHandle;
    return ((await handle.requestPermission?.({ mode: 'read' })) ?? 'granted') === 'granted';
  }

  async readFile(folder: FolderRecord, path: string): Promise<File> {
    try {
      const root = folder.source === 'opfs' ? await opfsFolder(folder.id, false) : folder.handle;
      if (!root) throw new Error('the folder has no directory handle');
      const { dir, name } = await descend(root, path, false);
      return await (await dir.getFileHandle(name)).getFile();
    } catch (error) {
      const name = (error as DOMException).name;
      if (name === 'NotFoundError')
        throw new SampleMindError('read_failed', `${path} is no longer in ${folder.name}: it was moved or deleted`);
      if (name === 'NotAllowedError' || name === 'SecurityError') {
        throw new SampleMindError('permission_denied', `SampleMind may not read ${folder.name} until you allow it again`);
      }
      throw new SampleMindError('read_failed', `could not read ${path}: ${(error as Error).message}`);
    }
  }

  /**
   * Deletes the copies kept for a folder removed from the library ('opfs' folders; a folder read
   * in place has none). Nothing there is not an error: the copies may never have been made.
   */
  async deleteCopies(folderId: number): Promise<void> {
    let library: FileSystemDirectoryHandle;
    try {
      library = await (await navigator.storage.getDirectory()).getDirectoryHandle(OPFS_LIBRARY);
    } catch (error) {
      if ((error as DOMException).name === 'NotFoundError') return;
      throw error;
    }
    try {
      await library.removeEntry(String(folderId), { recursive: true });
    } catch (error) {
      if ((error as DOMException).name !== 'NotFoundError') throw error;
    }
  }

  /** Keeps a copy of an imported file for browsers that cannot hand out directory handles. */
  async storeCopy(folderId: number, path: string, file: File): Promise<void> {
    const { dir, name } = await descend(await opfsFolder(folderId, true), path, true);
    const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
    await writable.write(file);
    await writable.close();
  }
}
