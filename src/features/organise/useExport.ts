import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { backupFileName, type LibraryBackup, type RestoreReport } from '../../domain/backup';
import { backupSummary, restoreSummary } from '../../domain/backupText';
import { toErrorInfo } from '../../domain/errors';
import type { ExportLayout } from '../../domain/export/exportLayout';
import { safeFileName } from '../../domain/export/fileNames';
import { sharedFolder } from '../../domain/export/sidecar';
import { useExportStore } from '../../state/exportStore';
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

/** The rows an export writes: not those the analysis could not read (a broken file in a pack is worse than none). */
export const readableRows = (rows: readonly LibraryRow[]): LibraryRow[] => rows.filter((r) => r.status !== 'failed');

/** How an export ended: written (or failed, and said so), the save dialog closed, or another export still running. */
export type ExportOutcome = 'done' | 'failed' | 'cancelled' | 'busy';

/** A backup read and checked, with what restoring it would do, while the user is asked. */
export interface RestorePreview {
  fileName: string;
  backup: LibraryBackup;
  report: RestoreReport;
}

/** Exports as a ZIP (files + metadata.csv/json) and backs up or restores the library's user data. */
export function useExport(): {
  /**
   * Writes `name`.zip, its files in a folder of that name, laid out as `layout` says below the
   * folder they share; files the analysis could not read are left out. Its progress is in
   * useExportStore, and one export runs at a time.
   */
  exportRows(rows: readonly LibraryRow[], name: string, layout: ExportLayout): Promise<ExportOutcome>;
  /** Saves one sample's file as it is, under its own name. */
  saveCopy(row: LibraryRow): Promise<void>;
  backupLibrary(): Promise<void>;
  /** Reads a backup and works out what restoring it would do; null (and a notice) when it cannot be restored. */
  previewRestore(file: File): Promise<RestorePreview | null>;
  restoreLibrary(preview: RestorePreview): Promise<void>;
} {
  const { repository, backup, files } = useServices();
  const exportRows = useCallback(
    async (rows: readonly LibraryRow[], name: string, layout: ExportLayout): Promise<ExportOutcome> => {
      const progressStore = useExportStore.getState();
      if (progressStore.running) return 'busy';
      const readable = readableRows(rows);
      const unreadable = rows.length - readable.length;
      const folderName = safeFileName(name);
      const fileName = `${folderName}.zip`;
      const picker = (window as Window & { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
      try {
        // The save dialog first: it needs the click that asked for it, which reading 100,000
        // records could outlast (the export then failed as if the disk had).
        const handle = picker
          ? await picker({ suggestedName: fileName, types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }] })
          : null;
        let shown = 0;
        const onProgress = (handled: number, total: number): void => {
          // A few times a second: per file, 100,000 updates re-rendered the dialog and the button each time.
          if (handled < total && performance.now() - shown < 100) return;
          shown = performance.now();
          progressStore.set({ name: fileName, handled, total });
        };
        onProgress(0, readable.length);
        const { folders } = useLibraryStore.getState();
        const records = (await repository.getSamples(readable.map((r) => r.id))).filter((s) => s !== undefined);
        const items: ExportItem[] = records.flatMap((sample) => {
          const folder = folders.get(sample.folderId);
          return folder ? [{ sample, folder }] : [];
        });
        const options = { onProgress, layout, root: folderName, base: sharedFolder(readable.map((r) => r.dir)) };
        const readFile = (folder: ExportItem['folder'], path: string): Promise<File> => files.readFile(folder, path);
        if (handle) {
          const zip = exportZip(items, readFile, options);
          await zip.stream.pipeTo(await handle.createWritable());
          report(fileName, await zip.result, unreadable);
        } else {
          const { blob, result } = await exportZipBlob(items, readFile, options);
          download(blob, fileName);
          report(fileName, result, unreadable);
        }
        return 'done';
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled'; // the user closed the save dialog
        useImportStore.getState().notify('error', `The export failed: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed';
      } finally {
        progressStore.set(null);
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
    const { backup: document, kept } = await backup.exportBackupCounted();
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
