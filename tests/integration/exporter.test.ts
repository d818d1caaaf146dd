import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderRecord, SampleRecord } from '../../src/db/schema';
import type { AudioDescriptors } from '../../src/domain/analysis';
import { exportZip, exportZipBlob, type ExportItem } from '../../src/services/exporter';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { DiskFileSource } from '../support/nodeFiles';
import { readZip } from '../support/zipReader';

const folder = (id: number, name: string): FolderRecord => ({ id, name, source: 'opfs', addedAt: 0 });
const library = folder(1, 'Library');
const libraryCopy = folder(2, 'Library copy'); // the same files again: their paths clash in the zip
const unicode = folder(3, 'Ünï, "cöde"');
const UNICODE_PATH = 'Drüms, "live"/hi-hat №1 東京.wav';
/** Its path in the zip, below its library folder's name: quotes cannot be in a Windows file name. */
const UNICODE_ZIP_PATH = 'Ünï, _cöde_/Drüms, _live_/hi-hat №1 東京.wav';
/** Paths in a zip of samples from several folders: each below its library folder's name. */
const EPIANO = `Library/${KNOWN.epianoLoop.path}`;
const KICK = `Library/${KNOWN.kick.path}`;
const KICK_COPY = `Library copy/${KNOWN.kick.path}`;

let unicodeRoot: string;
const roots = (f: FolderRecord): string => (f.id === unicode.id ? unicodeRoot : FIXTURE_LIBRARY);
const disk = new DiskFileSource(roots);
const readSampleFile = disk.readFile.bind(disk);

beforeAll(async () => {
  unicodeRoot = await mkdtemp(join(tmpdir(), 'samplemind-export-'));
  await mkdir(join(unicodeRoot, 'Drüms, "live"'));
  await copyFile(join(FIXTURE_LIBRARY, KNOWN.hihat.path), join(unicodeRoot, UNICODE_PATH));
});
afterAll(() => rm(unicodeRoot, { recursive: true, force: true }));

function item(f: FolderRecord, path: string, over: Partial<SampleRecord> = {}): ExportItem {
  const slash = path.lastIndexOf('/');
  const sample = { path, name: path.slice(slash + 1), dir: slash < 0 ? '' : path.slice(0, slash), analysis: null, ...over };
  return { sample, folder: f };
}

const epianoAnalysis = { kind: 'loop', category: 'keys', bpm: 86, key: 'G', scale: 'major', duration: 2.790703, rootMidi: null };

const items: ExportItem[] = [
  item(library, KNOWN.epianoLoop.path, {
    analysis: epianoAnalysis as AudioDescriptors,
    corrections: { bpm: 172 }, // the analysis halved the tempo; the user fixed it
    tags: ['keys', 'lofi'],
    favourite: 1,
    rating: 5,
  }),
  item(library, KNOWN.kick.path, { mtime: Date.UTC(2001, 1, 3, 12) }), // the original's date, as recorded on import
  item(libraryCopy, KNOWN.kick.path),
  item(library, 'Loops/gone.wav'), // deleted since it was added
  item(unicode, UNICODE_PATH, { note: 'open, "bright"\nand short' }),
];

async function zipBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('exportZip', () => {
  it('zips the audio files byte for byte under their folder paths, with both sidecars, skipping a missing file', async () => {
    const progress: number[] = [];
    const { stream, result } = exportZip(items, readSampleFile, { onProgress: (handled) => progress.push(handled) });
    const entries = readZip(await zipBytes(stream));
    const report = await result;

    expect(entries.map((e) => e.name)).toEqual([
      EPIANO,
      KICK,
      KICK_COPY, // same path in another folder: no clash once each is below its folder's name
      UNICODE_ZIP_PATH,
      'metadata.csv',
      'metadata.json',
      'export-errors.txt',
    ]);
    expect(entries.every((e) => e.utf8)).toBe(true);
    // Dated as the original file, not as the copy read (a copy kept in the browser is dated when it was copied in).
    expect(entries.find((e) => e.name === KICK)?.modified).toBe('2001-02-03');
    const byName = new Map(entries.map((e) => [e.name, e.bytes]));
    const kick = await readFile(join(FIXTURE_LIBRARY, KNOWN.kick.path));
    expect(Buffer.from(byName.get(EPIANO)!).equals(await readFile(join(FIXTURE_LIBRARY, KNOWN.epianoLoop.path)))).toBe(true);
    expect(Buffer.from(byName.get(KICK)!).equals(kick)).toBe(true);
    expect(Buffer.from(byName.get(KICK_COPY)!).equals(kick)).toBe(true);
    expect(Buffer.from(byName.get(UNICODE_ZIP_PATH)!).equals(await readFile(join(FIXTURE_LIBRARY, KNOWN.hihat.path)))).toBe(true);

    expect(report.exported).toBe(4);
    expect(report.skipped).toEqual([
      {
        name: 'gone.wav',
        folder: 'Library',
        path: 'Loops/gone.wav',
        code: 'read_failed',
        reason: expect.stringContaining('moved or deleted'),
      },
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const errorsText = new TextDecoder().decode(byName.get('export-errors.txt'));
    expect(errorsText).toContain('Library/Loops/gone.wav: Loops/gone.wav is no longer in Library');

    const json = JSON.parse(new TextDecoder().decode(byName.get('metadata.json'))) as Record<string, unknown>[];
    expect(json.map((row) => row.file)).toEqual([EPIANO, KICK, KICK_COPY, UNICODE_ZIP_PATH]);
    expect(json[0]).toMatchObject({
      folder_path: 'Library/Loops',
      bpm: 172,
      key: 'G major',
      tags: ['keys', 'lofi'],
      favourite: true,
      rating: 5,
    });
    expect(json[2]).toMatchObject({ folder_path: 'Library copy/One-shots/Drums', name: 'kick.mp3', bpm: null, duration_s: null });
    expect(json[3]).toMatchObject({ folder_path: 'Ünï, "cöde"/Drüms, "live"', note: 'open, "bright"\nand short' });

    const csv = new TextDecoder().decode(byName.get('metadata.csv')); // TextDecoder drops the byte-order mark
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'file,name,folder_path,kind,category,bpm,key,root_note,duration_s,loudness_lufs,peak_dbfs,tags,favourite,rating,note',
    );
    expect(lines[1]).toBe('Library/Loops/epiano-loop.flac,epiano-loop.flac,Library/Loops,loop,keys,172,G major,,2.791,,,keys;lofi,1,5,');
    expect(lines[4]).toBe(
      '"Ünï, _cöde_/Drüms, _live_/hi-hat №1 東京.wav",hi-hat №1 東京.wav,"Ünï, ""cöde""/Drüms, ""live""",,,,,,,,,,0,,"open, ""bright""\nand short"',
    );
    expect(csv).not.toContain('gone.wav');
  });

  it('leaves export-errors.txt out when every file was read, and gives a zip Blob', async () => {
    // Below the folder the samples share, whose name the zip has: "Drums.zip" holds kick.mp3, not Library/One-shots/Drums/kick.mp3.
    const { blob, result } = await exportZipBlob([items[1]!], readSampleFile, { base: 'Library/One-shots/Drums', root: 'Drums' });
    expect(blob.type).toBe('application/zip');
    const entries = readZip(new Uint8Array(await blob.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['Drums/kick.mp3', 'Drums/metadata.csv', 'Drums/metadata.json']);
    expect(result).toEqual({ exported: 1, skipped: [] });
  });

  it('lays the files out by category with tempo and key in their names, all in one folder', async () => {
    const kickAnalysis = { kind: 'one-shot', category: 'kick', bpm: null, key: null, rootMidi: null, duration: 0.4 };
    const laidOut = [items[0]!, { ...items[1]!, sample: { ...items[1]!.sample, analysis: kickAnalysis as AudioDescriptors } }];
    const { stream, result } = exportZip(laidOut, readSampleFile, {
      layout: { folders: 'category', musicalNames: true },
      root: 'Kit: "best".',
    });
    const entries = readZip(await zipBytes(stream));
    expect(entries.map((e) => e.name)).toEqual([
      'Kit_ _best_/Keys/Loops/epiano-loop - 172 BPM - G.flac', // the user's tempo, not the analysis's 86
      'Kit_ _best_/Kicks/kick.mp3',
      'Kit_ _best_/metadata.csv',
      'Kit_ _best_/metadata.json',
    ]);
    const kick = await readFile(join(FIXTURE_LIBRARY, KNOWN.kick.path));
    expect(Buffer.from(entries[1]!.bytes).equals(kick)).toBe(true);
    // The sidecars sit beside the folders they describe: their paths are relative to them.
    const json = JSON.parse(new TextDecoder().decode(entries[3]!.bytes)) as Record<string, unknown>[];
    expect(json.map((row) => [row.file, row.name])).toEqual([
      ['Keys/Loops/epiano-loop - 172 BPM - G.flac', 'epiano-loop.flac'],
      ['Kicks/kick.mp3', 'kick.mp3'],
    ]);
    expect((await result).exported).toBe(2);
  });

  it('stops when aborted, rejecting the result', async () => {
    const controller = new AbortController();
    controller.abort();
    const { stream, result } = exportZip(items, readSampleFile, { signal: controller.signal });
    await expect(zipBytes(stream)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });
});
