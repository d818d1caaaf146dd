import { useEffect, useMemo, useRef, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { ProgressBar } from '../../components/ProgressBar';
import { zipPathsFor, type ExportLayout } from '../../domain/export/exportLayout';
import { safeFileName } from '../../domain/export/fileNames';
import { sharedFolder } from '../../domain/export/sidecar';
import { formatCount } from '../../domain/format';
import { useExportStore } from '../../state/exportStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';
import { readableRows, useExport } from './useExport';

const FOLDER_CHOICES: ReadonlyArray<readonly [ExportLayout['folders'], string]> = [
  ['library', 'As in your library'],
  ['category', 'One folder per category (Kicks, Snares, Keys/Loops…)'],
];

/**
 * Up to three paths as the ZIP will hold them (exportZip's own zipPathsFor), from different
 * folders where there are (a kick, a keys loop, a pad), so the choice is seen before it is made.
 */
function examplePaths(rows: readonly LibraryRow[], layout: ExportLayout, folderNames: ReadonlyMap<number, string>): string[] {
  const some = rows.slice(0, 2000);
  const paths = zipPathsFor(
    some.map((row) => ({
      folderName: folderNames.get(row.folderId) ?? '',
      path: row.relativePath,
      name: row.name,
      analysis: row.measured,
      corrections: row.corrections,
    })),
    layout,
    sharedFolder(rows.map((row) => row.dir)),
  );
  const byFolder = new Map<string, string>();
  for (const path of paths) {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    if (!byFolder.has(folder)) byFolder.set(folder, path);
    if (byFolder.size === 3) break;
  }
  // All in one folder: a few of its files instead.
  return byFolder.size > 1 ? [...byFolder.values()] : paths.slice(0, 3);
}

/**
 * Asks how to lay out an export (library folders or one per category, tempo and key in the names),
 * then writes the ZIP, showing how far it has got. The choice is kept for the next export; closing
 * the dialog leaves the export running (its progress stays on the Export button).
 */
export function ExportDialog({ rows, name, onClose }: { rows: readonly LibraryRow[]; name: string; onClose(): void }) {
  const { exportRows } = useExport();
  const layout = useSettingsStore((s) => s.exportLayout);
  const setLayout = (patch: Partial<ExportLayout>): void => useSettingsStore.getState().set({ exportLayout: { ...layout, ...patch } });
  const running = useExportStore((s) => s.running);
  const folder = safeFileName(name);
  const readable = useMemo(() => readableRows(rows), [rows]);
  const unreadable = rows.length - readable.length;
  const folders = useLibraryStore((s) => s.folders);
  const examples = useMemo(
    () => examplePaths(readable, layout, new Map([...folders].map(([id, f]) => [id, f.name]))),
    [readable, layout, folders],
  );
  // Closed by its own export only while it is open: not a dialog opened after it was closed.
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
    },
    [],
  );
  // From the click until the export runs (the save dialog is open meanwhile): a second click waits.
  const [starting, setStarting] = useState(false);
  const start = (): void => {
    setStarting(true);
    void exportRows(rows, name, layout).then((outcome) => {
      // The save dialog closed without saving: the choices stay, to try again.
      if (outcome === 'cancelled') setStarting(false);
      else if (open.current) onClose();
    });
  };
  return (
    <ModalDialog
      title={`Export ${formatCount(rows.length)} ${rows.length === 1 ? 'sample' : 'samples'}`}
      titleId="export-title"
      className="export-dialog"
      onClose={onClose}
    >
      <fieldset className="export-choice" disabled={running !== null}>
        <legend>Folders in {folder}.zip</legend>
        {FOLDER_CHOICES.map(([folders, label]) => (
          <label key={folders}>
            <input type="radio" name="export-folders" checked={layout.folders === folders} onChange={() => setLayout({ folders })} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="export-choice" disabled={running !== null}>
        <legend>File names</legend>
        <label>
          <input type="checkbox" checked={layout.musicalNames} onChange={(e) => setLayout({ musicalNames: e.target.checked })} />
          Add the tempo and key (loops) or root note (one-shots)
        </label>
        <p className="export-note">Only values the analysis is sure of or that you set; the original files are not renamed.</p>
      </fieldset>
      {examples.length > 0 && (
        <div className="export-example" aria-label="Example paths in the ZIP">
          {examples.map((path) => (
            <code key={path}>
              {folder}/{path}
            </code>
          ))}
        </div>
      )}
      {(unreadable > 0 || rows.length === 0) && (
        <p className="export-note" data-testid="export-unreadable">
          {rows.length === 0
            ? 'Nothing to export: there are no samples here.'
            : unreadable === rows.length
              ? 'Nothing to export: the analysis could not read any of these files.'
              : `${formatCount(unreadable)} of these files could not be read by the analysis, so ${unreadable === 1 ? 'it is' : 'they are'} left out.`}
        </p>
      )}
      {running && (
        <div className="dialog-progress" role="status">
          <ProgressBar value={running.handled} max={running.total} label="Export progress" />
          <span>
            Writing {running.name}: {formatCount(running.handled)} of {formatCount(running.total)} files…
          </span>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button primary" disabled={starting || running !== null || readable.length === 0} onClick={start}>
          Export ZIP…
        </button>
        <button type="button" className="button" onClick={onClose}>
          {running ? 'Close (the export goes on)' : 'Cancel'}
        </button>
      </div>
    </ModalDialog>
  );
}
