import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { backupFileName, type LibraryBackup, type RestoreReport } from '../../domain/backup';
import { backupSummary, restoreSummary } from '../../domain/backupText';
import { toErrorInfo } from '../../domain/errors';
import { safeFileName, type ExportLayout } from '../../domain/export/exportLayout';
import { formatCount } from '../../domain/format';
import { exportZip, exportZipBlob, type ExportItem, type ExportResult } from '../../services/exporter';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** The File System Access save dialog (Chromium); streams big exports straight to disk. */
type SavePicker = (options: {
  suggestedName: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileSystemFileHandle>;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function report(name: string, result: ExportResult, unreadable: number): void {
  const { notify } = useImportStore.getState();
  const skipped = result.skipped.length;
  const files = (count: number): string => `${formatCount(count)} file${count === 1 ? '' : 's'}`;
  notify(
    skipped ? 'error' : 'info',
    `Exported ${files(result.exported)} to ${name}` +
      (unreadable ? `; ${files(unreadable)} the analysis could not read ${unreadable === 1 ? 'was' : 'were'} left out` : '') +
      (skipped ? `; ${formatCount(skipped)} could not be read now (listed in export-errors.txt)` : ''),
  );
}

/** Files the analysis could not read: an export leaves them out (a broken file in a pack is worse than none). */
export const unreadableRows = (rows: readonly LibraryRow[]): number => rows.filter((r) => r.status === 'failed').length;

/** A backup read and checked, with what restoring it would do, while the user is asked. */
export interface RestorePreview {
  fileName: string;
  backup: LibraryBackup;
  report: RestoreReport;
}

/** Exports as a ZIP (files + metadata.csv/json) and backs up or restores the library's user data. */
export function useExport(): {
  /**
   * Writes `name`.zip, its files in a folder of that name, laid out as `layout` says; files the
   * analysis could not read are left out.
   * `onProgress`: after each file, how many of the total are in the ZIP (or skipped).
   */
  exportRows(
    rows: readonly LibraryRow[],
    name: string,
    layout: ExportLayout,
    onProgress?: (handled: number, total: number) => void,
  ): Promise<void>;
  /** Saves one sample's file as it is, under its own name. */
  saveCopy(row: LibraryRow): Promise<void>;
  backupLibrary(): Promise<void>;
  /** Reads a backup and works out what restoring it would do; null (and a notice) when it cannot be restored. */
  previewRestore(file: File): Promise<RestorePreview | null>;
  restoreLibrary(preview: RestorePreview): Promise<void>;
} {
  const { repository, backup, files } = useServices();
  const exportRows = useCallback(
    async (rows: readonly LibraryRow[], name: string, layout: ExportLayout, onProgress?: (handled: number, total: number) => void) => {
      const { folders } = useLibraryStore.getState();
      const unreadable = unreadableRows(rows);
      const readable = rows.filter((r) => r.status !== 'failed');
      const records = (await repository.getSamples(readable.map((r) => r.id))).filter((s) => s !== undefined);
      const items: ExportItem[] = records.flatMap((sample) => {
        const folder = folders.get(sample.folderId);
        return folder ? [{ sample, folder }] : [];
      });
      const folderName = safeFileName(name);
      const fileName = `${folderName}.zip`;
      const options = { onProgress, layout, root: folderName };
      const readFile = (folder: ExportItem['folder'], path: string): Promise<File> => files.readFile(folder, path);
      const picker = (window as Window & { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
      try {
        if (picker) {
          const handle = await picker({
            suggestedName: fileName,
            types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }],
          });
          const zip = exportZip(items, readFile, options);
          await zip.stream.pipeTo(await handle.createWritable());
          report(fileName, await zip.result, unreadable);
        } else {
          const { blob, result } = await exportZipBlob(items, readFile, options);
          download(blob, fileName);
          report(fileName, result, unreadable);
        }
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // the user closed the save dialog
        useImportStore.getState().notify('error', `The export failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [repository, files],
  );
  const saveCopy = useCallback(
    async (row: LibraryRow) => {
      const folder = useLibraryStore.getState().folders.get(row.folderId);
      const picker = (window as Window & { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
      try {
        if (!folder) throw new Error('its folder is no longer in the library');
        // The dialog first: it needs the click that asked for it, which reading the file could outlast.
        const handle = picker ? await picker({ suggestedName: row.name }) : null;
        const file = await files.readFile(folder, row.relativePath);
        if (handle) await file.stream().pipeTo(await handle.createWritable());
        else download(file, row.name);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        useImportStore.getState().notify('error', `${row.name} could not be saved: ${toErrorInfo(error).message}`);
      }
    },
    [files],
  );
  const backupLibrary = useCallback(async () => {
    const [document, kept] = await Promise.all([backup.exportBackup(), backup.keptSampleCount()]);
    download(new Blob([JSON.stringify(document, null, 1)], { type: 'application/json' }), backupFileName(new Date()));
    const unmarked = document.unmarked.reduce((sum, folder) => sum + folder.paths.length, 0);
    useImportStore
      .getState()
      .notify('info', backupSummary(document.samples.length + unmarked, document.samples.length, document.collections.length, kept));
  }, [backup]);
  const previewRestore = useCallback(
    async (file: File): Promise<RestorePreview | null> => {
      try {
        return { fileName: file.name, ...(await backup.previewRestore(await file.text())) };
      } catch (error) {
        useImportStore.getState().notify('error', `${file.name} could not be restored: ${toErrorInfo(error).message}`);
        return null;
      }
    },
    [backup],
  );
  const reload = useCallback(async () => {
    const [folders, samples, collections] = await Promise.all([
      repository.listFolders(),
      repository.listSamples(),
      repository.collections.list(),
    ]);
    const store = useLibraryStore.getState();
    store.setLoaded(folders, samples, collections);
    // The last bulk edit's undo would put back values the restore has just replaced.
    store.clearUndo();
  }, [repository]);
  const restoreLibrary = useCallback(
    async ({ backup: document, fileName }: RestorePreview) => {
      const { notify } = useImportStore.getState();
      try {
        const { report, undo } = await backup.restoreBackup(document);
        await reload();
        notify(report.unmatchedCount ? 'error' : 'info', restoreSummary(report, fileName), {
          label: 'Undo',
          run: () => {
            // The library's own backup from just before, and the collections the restore created go.
            void backup
              .restoreBackup(undo, { dropOtherCollections: true })
              .then(reload)
              .then(() => notify('info', `Undid the restore of ${fileName}: the library is as it was before.`))
              .catch((error: unknown) => notify('error', `The restore of ${fileName} could not be undone: ${toErrorInfo(error).message}`));
          },
        });
      } catch (error) {
        notify('error', `${fileName} could not be restored: ${toErrorInfo(error).message}`);
      }
    },
    [backup, reload],
  );
  return { exportRows, saveCopy, backupLibrary, previewRestore, restoreLibrary };
}
