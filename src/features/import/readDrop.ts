import type { LooseFile } from '../../services/importer';

export type ImportSource =
  { kind: 'handle'; handle: FileSystemDirectoryHandle } | { kind: 'files'; folderName: string; files: LooseFile[] };

type HandleItem = DataTransferItem & { getAsFileSystemHandle?(): Promise<FileSystemHandle | null> };

/** Name for files dropped or chosen on their own, outside any folder. */
export const LOOSE_FILES_FOLDER = 'Dropped files';

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function filesOfEntry(entry: FileSystemEntry, prefix: string, out: LooseFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most 100 entries per call: keep reading until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await filesOfEntry(child, path, out);
  }
}

/**
 * Turns a drop into import sources. Folders become directory handles where the browser offers
 * them (files stay on disk); otherwise their files are read through the entries API. Everything
 * is requested synchronously, because a DataTransfer is emptied when the drop event ends.
 */
export async function readDrop(dataTransfer: DataTransfer): Promise<ImportSource[]> {
  const items = [...dataTransfer.items].filter((item) => item.kind === 'file') as HandleItem[];
  const pending = items.map((item) => ({
    handle: item.getAsFileSystemHandle?.() ?? Promise.resolve(null),
    entry: item.webkitGetAsEntry?.() ?? null,
    file: item.getAsFile(),
  }));
  const sources: ImportSource[] = [];
  const loose: LooseFile[] = [];
  for (const { handle: handlePromise, entry, file } of pending) {
    const handle = await handlePromise.catch(() => null);
    if (handle?.kind === 'directory') {
      sources.push({ kind: 'handle', handle: handle as FileSystemDirectoryHandle });
    } else if (entry?.isDirectory) {
      const files: LooseFile[] = [];
      await filesOfEntry(entry, '', files);
      // Paths start with the folder's own name; inside the library they are relative to it.
      sources.push({
        kind: 'files',
        folderName: entry.name,
        files: files.map((f) => ({ ...f, path: f.path.slice(entry.name.length + 1) })),
      });
    } else if (file) {
      loose.push({ file, path: file.name });
    }
  }
  if (loose.length > 0) sources.push({ kind: 'files', folderName: LOOSE_FILES_FOLDER, files: loose });
  return sources;
}

/** Files from <input webkitdirectory>: grouped by their top folder, paths made relative to it. */
export function sourcesFromFileList(fileList: FileList | readonly File[]): ImportSource[] {
  const byFolder = new Map<string, LooseFile[]>();
  for (const file of [...fileList]) {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    const folderName = slash < 0 ? LOOSE_FILES_FOLDER : relative.slice(0, slash);
    const path = slash < 0 ? relative : relative.slice(slash + 1);
    const list = byFolder.get(folderName) ?? [];
    list.push({ file, path });
    byFolder.set(folderName, list);
  }
  return [...byFolder].map(([folderName, files]) => ({ kind: 'files', folderName, files }));
}
