import type { AudioDescriptors } from '../analysis';
import { effectiveAnalysis, type Corrections } from '../corrections';
import { midiToNoteName } from '../music/pitch';
import { safeZipPath } from './fileNames';

/** What the sidecars need of a sample: a structural subset of the database's SampleRecord. */
export interface SidecarSample {
  path: string;
  name: string;
  /** The folder part of `path` ('' at the root). */
  dir: string;
  analysis: AudioDescriptors | null;
  /** The original file's date (ms since the epoch), as the library recorded it on import. */
  mtime?: number;
  corrections?: Corrections;
  tags?: string[];
  favourite?: 0 | 1;
  rating?: number;
  note?: string;
}

/** One exported file: the sample, the library folder it came from, and where it sits in the zip. */
export interface SidecarEntry {
  sample: SidecarSample;
  folderName: string;
  zipPath: string;
}

/** One row of metadata.json; metadata.csv has the same columns in the same order. */
export interface SidecarRow {
  file: string;
  name: string;
  folder_path: string;
  kind: string | null;
  category: string | null;
  bpm: number | null;
  key: string | null;
  root_note: string | null;
  duration_s: number | null;
  loudness_lufs: number | null;
  peak_dbfs: number | null;
  tags: string[];
  favourite: boolean;
  rating: number | null;
  note: string | null;
}

export const SIDECAR_CSV = 'metadata.csv';
export const SIDECAR_JSON = 'metadata.json';
export const EXPORT_ERRORS = 'export-errors.txt';

const COLUMNS: readonly (keyof SidecarRow)[] = [
  'file',
  'name',
  'folder_path',
  'kind',
  'category',
  'bpm',
  'key',
  'root_note',
  'duration_s',
  'loudness_lufs',
  'peak_dbfs',
  'tags',
  'favourite',
  'rating',
  'note',
];

/** Rounds away float noise (2.7907029478 s) that means nothing to a producer; null stays null. */
function rounded(value: number | null | undefined, decimals: number): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export function toSidecarRow({ sample, folderName, zipPath }: SidecarEntry): SidecarRow {
  // The user's corrections win over what the analysis said.
  const a = effectiveAnalysis(sample.analysis, sample.corrections);
  return {
    file: zipPath,
    name: sample.name,
    folder_path: sample.dir ? `${folderName}/${sample.dir}` : folderName,
    kind: a?.kind ?? null,
    category: a?.category ?? null,
    bpm: rounded(a?.bpm, 2),
    key: a?.key ? `${a.key}${a.scale ? ` ${a.scale}` : ''}` : null,
    root_note: a?.rootMidi != null ? midiToNoteName(a.rootMidi) : null,
    duration_s: rounded(a?.duration, 3),
    loudness_lufs: rounded(a?.loudnessLufs, 1),
    peak_dbfs: rounded(a?.peakDbfs, 1),
    tags: sample.tags ?? [],
    favourite: sample.favourite === 1,
    rating: sample.rating != null && sample.rating >= 1 ? sample.rating : null,
    note: sample.note ? sample.note : null,
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvValue(value: SidecarRow[keyof SidecarRow]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/**
 * metadata.csv: a header row, CRLF line ends (RFC 4180), and a UTF-8 byte-order mark so that
 * Excel reads non-ASCII names correctly (other readers skip it).
 */
export function toCsv(rows: readonly SidecarRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvField(csvValue(row[column]))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: readonly SidecarRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function buildSidecars(entries: readonly SidecarEntry[]): { csv: string; json: string } {
  const rows = entries.map(toSidecarRow);
  return { csv: toCsv(rows), json: toJson(rows) };
}

/** "Kicks/kick.wav" -> "Kicks/kick (2).wav" */
function withCopyNumber(path: string, copy: number): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  const hasExtension = dot > slash + 1;
  return hasExtension ? `${path.slice(0, dot)} (${copy})${path.slice(dot)}` : `${path} (${copy})`;
}

/**
 * Zip paths for files from possibly several folders: each keeps its folder-relative path, and a
 * later file whose path clashes with an earlier one gets " (2)", " (3)"... Clashes are found
 * ignoring case and Unicode normalisation, as Windows and macOS file systems do when unzipping.
 * `reserved` names (the sidecars) are never handed out. Same input, same paths.
 */
export function uniqueZipPaths(samples: readonly Pick<SidecarSample, 'path' | 'name'>[], reserved: readonly string[] = []): string[] {
  const clashKey = (path: string): string => path.normalize('NFC').toLowerCase();
  const taken = new Set(reserved.map(clashKey));
  return samples.map((sample) => {
    const base = safeZipPath(sample.path, sample.name);
    let candidate = base;
    for (let copy = 2; taken.has(clashKey(candidate)); copy++) candidate = withCopyNumber(base, copy);
    taken.add(clashKey(candidate));
    return candidate;
  });
}

/**
 * The deepest folder a selection's samples share, as a library path ("Pack01/Drums" for
 * "Pack01/Drums/Kicks" and "Pack01/Drums/Snares"); '' where they share none. `dirs` are the
 * samples' folder paths in the library.
 */
export function sharedFolder(dirs: readonly string[]): string {
  const first = dirs[0];
  if (first === undefined) return '';
  let shared = first.split('/').filter(Boolean);
  for (const dir of dirs) {
    if (dir === first) continue;
    const parts = dir.split('/').filter(Boolean);
    let same = 0;
    while (same < shared.length && same < parts.length && shared[same] === parts[same]) same++;
    shared = shared.slice(0, same);
    if (shared.length === 0) break;
  }
  return shared.join('/');
}

/** The name of a selection's ZIP: the deepest folder its samples share ("Kicks", "Drums"), else a generic one. */
export function selectionExportName(dirs: readonly string[]): string {
  return sharedFolder(dirs).split('/').pop() || 'SampleMind selection';
}
