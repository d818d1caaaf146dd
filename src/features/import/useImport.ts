import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { SampleMindError } from '../../domain/errors';
import { importSummaryMessage, interruptedImportTopic } from '../../domain/progress';
import { askToKeepStorage } from '../../services/persistentStorage';
import { useImportStore } from '../../state/importStore';
import { LOOSE_FILES_FOLDER, type ImportSource } from './readDrop';

type PickerWindow = Window & { showDirectoryPicker?: (options?: { id?: string; mode?: 'read' }) => Promise<FileSystemDirectoryHandle> };

export function hasDirectoryPicker(): boolean {
  return typeof (window as PickerWindow).showDirectoryPicker === 'function';
}

/** Imports sources one after another and reports the outcome in a notice. */
export function useImport(): {
  importSources(sources: ImportSource[]): Promise<void>;
  pickDirectory(): Promise<FileSystemDirectoryHandle | null>;
} {
  const { importer, queue } = useServices();
  const importSources = useCallback(
    async (sources: ImportSource[]) => {
      const { notify, setScanning } = useImportStore.getState();
      void askToKeepStorage();
      // One run for all the folders of one drop (each scan holds its own run: Importer.asOneRun).
      const releaseRun = queue.holdRun();
      try {
        for (const source of sources) {
          try {
            const summary =
              source.kind === 'handle'
                ? await importer.importDirectoryHandle(source.handle)
                : await importer.importLooseFiles(source.folderName, source.files, {
                    wholeFolder: source.folderName !== LOOSE_FILES_FOLDER,
                  });
            notify('info', importSummaryMessage({ ...summary, folderName: summary.folder.name }));
            useImportStore.getState().dismissTopic(interruptedImportTopic(summary.folder.id));
          } catch (error) {
            // Added again while its import runs: nothing is wrong, that import brings it in.
            if (error instanceof SampleMindError && error.code === 'folder_busy') notify('info', error.message);
            else notify('error', `Could not import: ${(error as Error).message}`);
          }
        }
      } finally {
        setScanning(null);
        releaseRun();
      }
    },
    [importer, queue],
  );
  const pickDirectory = useCallback(async () => {
    try {
      return (await (window as PickerWindow).showDirectoryPicker?.({ id: 'samplemind-import', mode: 'read' })) ?? null;
    } catch (error) {
      if ((error as DOMException).name === 'AbortError') return null; // the user closed the picker
      throw error;
    }
  }, []);
  return { importSources, pickDirectory };
}
