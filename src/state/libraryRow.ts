import type { FolderRecord, SampleRecord } from '../db/schema';
import type { Corrections } from '../domain/corrections';
import { effectiveAnalysis } from '../domain/corrections';
import type { ErrorInfo } from '../domain/errors';
import type { SampleRow } from '../domain/library/sampleQuery';

/** A sample as the list shows it: its folder path spelled out from the folder's name. */
export interface LibraryRow extends SampleRow {
  /** What the analysis said, before the user's corrections (SampleRow.analysis has them applied). */
  measured: SampleRecord['analysis'];
  corrections: Corrections;
  folderId: number;
  /** Path inside its folder, for reading the file. */
  relativePath: string;
  error: ErrorInfo | null;
  note: string;
}

/**
 * Each folder path spelled out once per folder record: 100k rows share a few thousand folders,
 * and one string per folder (not per row) makes the folder tree, folder sorts and filters hash
 * and compare each folder once.
 */
const folderPaths = new WeakMap<FolderRecord, Map<string, string>>();
function folderPath(folder: FolderRecord | undefined, dir: string): string {
  if (!folder) return dir;
  let paths = folderPaths.get(folder);
  if (!paths) folderPaths.set(folder, (paths = new Map()));
  let path = paths.get(dir);
  if (path === undefined) {
    path = dir ? (folder.name ? `${folder.name}/${dir}` : dir) : folder.name;
    paths.set(dir, path);
  }
  return path;
}

export function toRow(sample: SampleRecord, folder: FolderRecord | undefined): LibraryRow {
  const dir = folderPath(folder, sample.dir);
  return {
    id: sample.id,
    folderId: sample.folderId,
    name: sample.name,
    dir,
    path: dir ? `${dir}/${sample.name}` : sample.name,
    relativePath: sample.path,
    status: sample.status,
    analysis: effectiveAnalysis(sample.analysis, sample.corrections),
    measured: sample.analysis,
    corrections: sample.corrections ?? {},
    error: sample.error,
    tags: sample.tags ?? [],
    favourite: sample.favourite === 1,
    rating: sample.rating ?? 0,
    note: sample.note ?? '',
  };
}
