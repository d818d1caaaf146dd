import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { backupFileName } from '../../domain/backup';
import { exportZip, exportZipBlob, type ExportItem, type ExportResult } from '../../services/exporter';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** The File System Access save dialog (Chromium); streams big exports straight to disk. */
type SavePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileSystemFileHandle>;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const safeName = (name: string): string => name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'samples';

function report(name: string, result: ExportResult): void {
  const { notify } = useImportStore.getState();
  const skipped = result.skipped.length;
  notify(
    skipped ? 'error' : 'info',
    `Exported ${result.exported} file${result.exported === 1 ? '' : 's'} to ${name}${skipped ? `; ${skipped} could not be read (listed in export-errors.txt)` : ''}`,
  );
}

/** Exports as a ZIP (files + metadata.csv/json) and backs up or restores the library's user data. */
export function useExport(): {
  exportRows(rows: readonly LibraryRow[], name: string): Promise<void>;
  backupLibrary(): Promise<void>;
  restoreLibrary(file: File): Promise<void>;
} {
  const { repository, backup, files } = useServices();
  const exportRows = useCallback(
    async (rows: readonly LibraryRow[], name: string) => {
      const { folders } = useLibraryStore.getState();
      const records = (await Promise.all(rows.map((r) => repository.getSample(r.id)))).filter((s) => s !== undefined);
      const items: ExportItem[] = records.flatMap((sample) => {
        const folder = folders.get(sample.folderId);
        return folder ? [{ sample, folder }] : [];
      });
      const fileName = `${safeName(name)}.zip`;
      const readFile = (folder: ExportItem['folder'], path: string): Promise<File> => files.readFile(folder, path);
      const picker = (window as Window & { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
      try {
        if (picker) {
          const handle = await picker({
            suggestedName: fileName,
            types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }],
          });
          const zip = exportZip(items, readFile);
          await zip.stream.pipeTo(await handle.createWritable());
          report(fileName, await zip.result);
        } else {
          const { blob, result } = await exportZipBlob(items, readFile);
          download(blob, fileName);
          report(fileName, result);
        }
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // the user closed the save dialog
        useImportStore.getState().notify('error', `The export failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [repository, files],
  );
  const backupLibrary = useCallback(async () => {
    const document = await backup.exportBackup();
    download(new Blob([JSON.stringify(document, null, 1)], { type: 'application/json' }), backupFileName(new Date()));
    useImportStore
      .getState()
      .notify('info', `Backed up tags, ratings, favourites, notes, corrections and collections of ${document.samples.length} samples`);
  }, [backup]);
  const restoreLibrary = useCallback(
    async (file: File) => {
      const { notify } = useImportStore.getState();
      try {
        const result = await backup.restoreBackup(await file.text());
        const store = useLibraryStore.getState();
        const [folders, samples, collections] = await Promise.all([
          repository.listFolders(),
          repository.listSamples(),
          repository.collections.list(),
        ]);
        store.setLoaded(folders, samples, collections);
        notify(
          result.unmatchedCount ? 'error' : 'info',
          `Restored ${result.matched} sample${result.matched === 1 ? '' : 's'} and ${result.collectionsRestored} collection${result.collectionsRestored === 1 ? '' : 's'} from ${file.name}` +
            (result.unmatchedCount ? `; ${result.unmatchedCount} are not in the library (add their folders, then restore again)` : ''),
        );
      } catch (error) {
        notify('error', `${file.name} could not be restored: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [backup, repository],
  );
  return { exportRows, backupLibrary, restoreLibrary };
}
