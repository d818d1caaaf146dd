import { useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { ProgressBar } from '../../components/ProgressBar';
import { layoutPath, safeFileName, type ExportLayout } from '../../domain/export/exportLayout';
import { formatCount } from '../../domain/format';
import type { LibraryRow } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';
import { unreadableRows, useExport } from './useExport';

/**
 * Up to three files as the chosen layout will name them, from different folders where there are
 * (a kick, a keys loop, a pad), so the choice is seen before it is made.
 */
function examplePaths(rows: readonly LibraryRow[], layout: ExportLayout): string[] {
  const pathOf = (row: LibraryRow): string =>
    layoutPath({ path: row.relativePath, name: row.name, analysis: row.measured, corrections: row.corrections }, layout);
  const byFolder = new Map<string, string>();
  for (const row of rows.slice(0, 2000)) {
    const path = pathOf(row);
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    if (!byFolder.has(folder)) byFolder.set(folder, path);
    if (byFolder.size === 3) break;
  }
  // All in one folder: a few of its files instead.
  return byFolder.size > 1 ? [...byFolder.values()] : rows.slice(0, 3).map(pathOf);
}

/**
 * Asks how to lay out an export (library folders or one per category, tempo and key in the names),
 * then writes the ZIP, showing how far it has got. The choice is kept for the next export.
 */
export function ExportDialog({ rows, name, onClose }: { rows: readonly LibraryRow[]; name: string; onClose(): void }) {
  const { exportRows } = useExport();
  const layout = useSettingsStore((s) => s.exportLayout);
  const setLayout = (patch: Partial<ExportLayout>): void => useSettingsStore.getState().set({ exportLayout: { ...layout, ...patch } });
  const [progress, setProgress] = useState<{ handled: number; total: number } | null>(null);
  const folder = safeFileName(name);
  const unreadable = unreadableRows(rows);
  const start = (): void => {
    setProgress({ handled: 0, total: rows.length - unreadable });
    void exportRows(rows, name, layout, (handled, total) => setProgress({ handled, total })).finally(onClose);
  };
  return (
    <ModalDialog
      title={`Export ${formatCount(rows.length)} ${rows.length === 1 ? 'sample' : 'samples'}`}
      titleId="export-title"
      className="export-dialog"
      onClose={onClose}
    >
      <fieldset className="export-choice" disabled={progress !== null}>
        <legend>Folders in {folder}.zip</legend>
        <label>
          <input
            type="radio"
            name="export-folders"
            checked={layout.folders === 'library'}
            onChange={() => setLayout({ folders: 'library' })}
          />
          As in your library
        </label>
        <label>
          <input
            type="radio"
            name="export-folders"
            checked={layout.folders === 'category'}
            onChange={() => setLayout({ folders: 'category' })}
          />
          One folder per category (Kicks, Snares, Keys/Loops…)
        </label>
      </fieldset>
      <fieldset className="export-choice" disabled={progress !== null}>
        <legend>File names</legend>
        <label>
          <input type="checkbox" checked={layout.musicalNames} onChange={(e) => setLayout({ musicalNames: e.target.checked })} />
          Add the tempo and key (loops) or root note (one-shots)
        </label>
        <p className="export-note">Only values the analysis is sure of or that you set; the original files are not renamed.</p>
      </fieldset>
      <div className="export-example" aria-label="Example paths in the ZIP">
        {examplePaths(
          rows.filter((r) => r.status !== 'failed'),
          layout,
        ).map((path, i) => (
          <code key={i}>
            {folder}/{path}
          </code>
        ))}
      </div>
      {unreadable > 0 && (
        <p className="export-note" data-testid="export-unreadable">
          {unreadable === rows.length
            ? 'None of these files could be read by the analysis: there is nothing to export.'
            : `${formatCount(unreadable)} of these files could not be read by the analysis, so ${unreadable === 1 ? 'it is' : 'they are'} left out.`}
        </p>
      )}
      {progress && (
        <div className="export-progress" role="status">
          <ProgressBar value={progress.handled} max={progress.total} label="Export progress" />
          <span>
            Writing {formatCount(progress.handled)} of {formatCount(progress.total)} files…
          </span>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button primary" disabled={progress !== null || rows.length === unreadable} onClick={start}>
          Export ZIP…
        </button>
        <button type="button" className="button" onClick={onClose}>
          {progress ? 'Close (the export goes on)' : 'Cancel'}
        </button>
      </div>
    </ModalDialog>
  );
}
