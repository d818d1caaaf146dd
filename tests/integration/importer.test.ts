import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryRepository } from '../../src/db/libraryRepository';
import { SampleMindDatabase } from '../../src/db/schema';
import { SampleMindError } from '../../src/domain/errors';
import type { FileAccess } from '../../src/services/fileAccess';
import { Importer, type ImportListener, type LooseFile } from '../../src/services/importer';

let db: SampleMindDatabase;
let name = 0;
afterEach(async () => {
  db.close();
  await db.delete();
});

/**
 * The importer over a real library database. Node has no Origin Private File System, so the copies
 * go to a map (the one part not real here); `hold` makes every copy wait until released.
 */
function setUp() {
  db = new SampleMindDatabase(`importer-test-${++name}`);
  const repository = new LibraryRepository(db);
  const copies: string[] = [];
  let release: (() => void) | null = null;
  let held: Promise<void> | null = null;
  const files = {
    storeCopy: async (_folderId: number, path: string) => {
      copies.push(path);
      if (held) await held;
    },
  } as unknown as FileAccess;
  const progress: { found: number; expected: number | undefined }[] = [];
  const listener: ImportListener = {
    onSamplesFound: () => {},
    onFolderAdded: () => {},
    onScanProgress: (found, _folderName, expected) => progress.push({ found, expected }),
    onImportError: (message) => {
      throw new Error(message);
    },
  };
  const importer = new Importer(repository, files, listener, { notifyQueued: async () => {}, holdRun: () => () => {} });
  return {
    repository,
    importer,
    copies,
    progress,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release() {
      held = null;
      release?.();
    },
  };
}

const loose = (path: string, bytes: number, mtime = 1000): LooseFile => ({
  path,
  file: new File([new Uint8Array(bytes)], path.split('/').pop()!, { lastModified: mtime }),
});

describe('adding a folder of files handed over (file input, drop)', () => {
  const pack = [loose('Kicks/kick.wav', 10), loose('snare.wav', 11), loose('notes.txt', 5), loose('hat.flac', 12)];

  it('knows how many audio files it will add before the first copy, and forgets that once done', async () => {
    const { importer, repository, progress, copies } = setUp();
    const summary = await importer.importLooseFiles('Pack', pack, { wholeFolder: true });
    expect(summary).toMatchObject({ found: 3, queued: 3 });
    expect(copies).toEqual(['Kicks/kick.wav', 'snare.wav', 'hat.flac']);
    expect(progress[0]).toEqual({ found: 0, expected: 3 });
    expect(progress.at(-1)).toEqual({ found: 3, expected: 3 });
    const [folder] = await repository.listFolders();
    expect(folder).toMatchObject({ scan: 'complete' });
    expect(folder!.expected).toBeUndefined();
  });

  it('tells the analysis queue how many files it queued, then how many it found, in one step', async () => {
    // The progress's total (queued + still to come) dipped or overshot by a batch between the two.
    db = new SampleMindDatabase(`importer-test-${++name}`);
    const events: string[] = [];
    const listener: ImportListener = {
      onSamplesFound: () => {},
      onFolderAdded: () => {},
      onScanProgress: (found) => events.push(`found ${found}`),
      onImportError: (message) => {
        throw new Error(message);
      },
    };
    const link = {
      notifyQueued: async (added: number) => {
        events.push(`queued ${added}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      holdRun: () => () => {},
    };
    const files = { storeCopy: async () => {} } as unknown as FileAccess;
    await new Importer(new LibraryRepository(db), files, listener, link).importLooseFiles('Pack', pack, { wholeFolder: true });
    expect(events.slice(0, 3)).toEqual(['found 0', 'queued 3', 'found 3']);
  });

  it('keeps, mid-way, the count a restart needs to say how many files are left to add', async () => {
    const { importer, repository, hold, release } = setUp();
    hold();
    const running = importer.importLooseFiles('Pack', pack, { wholeFolder: true });
    await expect.poll(async () => (await repository.listFolders())[0]).toMatchObject({ scan: 'scanning', expected: 3 });
    release();
    await running;
  });

  it('does not copy again the files the library holds unchanged when the folder is added again', async () => {
    const { importer, copies } = setUp();
    await importer.importLooseFiles('Pack', pack, { wholeFolder: true });
    copies.length = 0;
    const again = [loose('Kicks/kick.wav', 10), loose('snare.wav', 99), loose('hat.flac', 12), loose('clap.wav', 13)];
    const summary = await importer.importLooseFiles('Pack', again, { wholeFolder: true });
    expect(copies).toEqual(['snare.wav', 'clap.wav']); // changed and new only
    expect(summary).toMatchObject({ found: 4, unchanged: 2, queued: 2 });
  });

  it('refuses to add a folder again while it is being added, and the first import completes', async () => {
    const { importer, hold, release } = setUp();
    hold();
    const first = importer.importLooseFiles('Pack', pack, { wholeFolder: true });
    await expect.poll(() => importer.isScanning(1)).toBe(true);
    const second = importer.importLooseFiles('Pack', pack, { wholeFolder: true });
    await expect(second).rejects.toBeInstanceOf(SampleMindError);
    await expect(second).rejects.toMatchObject({
      code: 'folder_busy',
      message: 'Pack is being added already: its files will be in the library when that ends',
    });
    release();
    expect(await first).toMatchObject({ found: 3, queued: 3 });
  });
});
