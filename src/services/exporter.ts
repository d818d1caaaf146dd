import { makeZip } from 'client-zip';
import type { FolderRecord } from '../db/schema';
import { toErrorInfo, type ErrorCode } from '../domain/errors';
import { buildSidecars, EXPORT_ERRORS, SIDECAR_CSV, SIDECAR_JSON, type SidecarEntry, type SidecarSample } from '../domain/export/sidecar';
import { LIBRARY_LAYOUT, zipPathsFor, type ExportLayout } from '../domain/export/exportLayout';
import { safeFileName } from '../domain/export/fileNames';

/** A sample to export and the folder it lives in (a SampleRecord fits `sample`). */
export interface ExportItem {
  sample: SidecarSample;
  folder: FolderRecord;
}

/** FileAccess.readFile, or anything else that gives a sample's bytes. */
export type ReadSampleFile = (folder: FolderRecord, path: string) => Promise<File>;

/** A file left out of the export, and why. */
export interface ExportProblem {
  name: string;
  folder: string;
  path: string;
  code: ErrorCode;
  reason: string;
}

export interface ExportResult {
  /** Audio files written into the zip. */
  exported: number;
  skipped: ExportProblem[];
}

export interface ExportOptions {
  signal?: AbortSignal;
  /** After each file: how many of `total` have been handled (exported or skipped). */
  onProgress?: (handled: number, total: number) => void;
  /** Where the files go in the ZIP (default: their paths in their library folders, names unchanged). */
  layout?: ExportLayout;
  /** The library folder the samples share ("corpus/drums"): library paths below it are kept (layoutPath). */
  base?: string;
  /**
   * A folder every entry goes in ("Kicks/..."), so that unzipping gives one folder rather than
   * files spilled beside the ZIP; the sidecars' paths stay relative to it.
   */
  root?: string;
}

export interface ZipExport {
  /** The zip, produced as it is read: pipe it to a file (showSaveFilePicker) or collect it. */
  stream: ReadableStream<Uint8Array>;
  /** Settles once the stream has produced the last entry; rejects if it was aborted or failed. */
  result: Promise<ExportResult>;
}

function problemsText(problems: readonly ExportProblem[]): string {
  const lines = problems.map((p) => `${p.folder}/${p.path}: ${p.reason}`);
  return `${problems.length} file(s) could not be exported:\r\n${lines.join('\r\n')}\r\n`;
}

/**
 * Streams a zip of the samples' audio files where `layout` puts them, followed by
 * metadata.csv and metadata.json (for the files actually exported) and, if any file could not
 * be read, export-errors.txt. Audio is stored as it is (no deflate: it is already compressed),
 * one file at a time, so memory stays flat however big the export; Zip64 kicks in past 4 GB.
 * A file that cannot be read is skipped and reported; it does not abort the export.
 */
export function exportZip(items: readonly ExportItem[], readFile: ReadSampleFile, options: ExportOptions = {}): ZipExport {
  const { signal, onProgress, layout = LIBRARY_LAYOUT, base = '' } = options;
  const zipPaths = zipPathsFor(
    items.map(({ sample, folder }) => ({ ...sample, folderName: folder.name })),
    layout,
    base,
    [SIDECAR_CSV, SIDECAR_JSON, EXPORT_ERRORS],
  );
  const root = options.root ? `${safeFileName(options.root)}/` : '';
  let settle!: { resolve: (result: ExportResult) => void; reject: (error: unknown) => void };
  const result = new Promise<ExportResult>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // callers that only consume the stream must not see an unhandled rejection

  async function* entries() {
    const exported: SidecarEntry[] = [];
    const skipped: ExportProblem[] = [];
    let finished = false;
    try {
      for (const [index, { sample, folder }] of items.entries()) {
        signal?.throwIfAborted();
        let file: File | null = null;
        try {
          file = await readFile(folder, sample.path);
        } catch (error) {
          signal?.throwIfAborted(); // an abort while reading is not a file problem
          const info = toErrorInfo(error, 'read_failed');
          skipped.push({ name: sample.name, folder: folder.name, path: sample.path, code: info.code, reason: info.message });
        }
        if (file) {
          const zipPath = zipPaths[index]!;
          exported.push({ sample, folderName: folder.name, zipPath });
          // The original's date: a copy kept in the browser (OPFS) is dated when it was copied in.
          yield { name: root + zipPath, input: file, lastModified: new Date(sample.mtime ?? file.lastModified) };
        }
        onProgress?.(index + 1, items.length);
      }
      const now = new Date();
      const { csv, json } = buildSidecars(exported);
      yield { name: root + SIDECAR_CSV, input: csv, lastModified: now };
      yield { name: root + SIDECAR_JSON, input: json, lastModified: now };
      if (skipped.length > 0) yield { name: root + EXPORT_ERRORS, input: problemsText(skipped), lastModified: now };
      finished = true;
      settle.resolve({ exported: exported.length, skipped });
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      // The reader cancelled the stream: the generator is closed without an error.
      if (!finished) settle.reject(new DOMException('The export was cancelled', 'AbortError'));
    }
  }

  return { stream: makeZip(entries(), { buffersAreUTF8: true }), result };
}

/** The whole zip as a Blob, for browsers that cannot write a file as a stream. */
export async function exportZipBlob(
  items: readonly ExportItem[],
  readFile: ReadSampleFile,
  options: ExportOptions = {},
): Promise<{ blob: Blob; result: ExportResult }> {
  const { stream, result } = exportZip(items, readFile, options);
  const collected = await new Response(stream).blob();
  return { blob: collected.slice(0, collected.size, 'application/zip'), result: await result };
}
