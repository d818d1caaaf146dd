import type { FolderEntry } from '../../domain/clap/manifest';

/** A folder the user picked: an <input webkitdirectory>'s files, or a File System Access directory handle. */
export type FolderInput = FileList | readonly File[] | FileSystemDirectoryHandle;

export interface FolderFile extends FolderEntry {
  file: File;
}

interface IterableDirectory {
  values(): AsyncIterable<FileSystemHandle>;
}

/** The files under a directory handle, three levels deep at most (the model folder has one subfolder). */
async function walk(directory: FileSystemDirectoryHandle, prefix: string, depth: number, out: FolderFile[]): Promise<void> {
  for await (const handle of (directory as unknown as IterableDirectory).values()) {
    const path = `${prefix}${handle.name}`;
    if (handle.kind === 'file') out.push({ relativePath: path, file: await (handle as FileSystemFileHandle).getFile() });
    else if (depth > 0) await walk(handle as FileSystemDirectoryHandle, `${path}/`, depth - 1, out);
  }
}

/** Every file of the picked folder with its path relative to it. */
export async function folderEntries(input: FolderInput): Promise<FolderFile[]> {
  if ('kind' in input && input.kind === 'directory') {
    const out: FolderFile[] = [];
    await walk(input, '', 3, out);
    return out;
  }
  return Array.from(input as ArrayLike<File>, (file) => ({ relativePath: file.webkitRelativePath || file.name, file }));
}
