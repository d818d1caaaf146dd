import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { importAndAnalyse, recordOffsiteRequests, row, rowCells, waitForAnalysis } from './app';

let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const fixtureBytes = (path: string): number[] => [...readFileSync(`${FIXTURE_LIBRARY}/${path}`)];

async function newPage(): Promise<{ page: Page; offsite: string[] }> {
  // Wide enough for the Folder column, which these tests read (it makes way below 1,340 px).
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const offsite = recordOffsiteRequests(context, server.origin);
  const page = await context.newPage();
  await page.goto(server.origin);
  return { page, offsite };
}

describe('other ways in', () => {
  it('reads a folder picked with the File System Access API in place and keeps its handle across reloads', async () => {
    const { page, offsite } = await newPage();
    // A real directory handle (from the origin's private file system) stands where the user's
    // disk folder would be; showDirectoryPicker itself needs a human to click in its dialog.
    await page.evaluate(
      async ({ files }) => {
        const root = await navigator.storage.getDirectory();
        const picked = await root.getDirectoryHandle('Picked Samples', { create: true });
        const loops = await picked.getDirectoryHandle('Loops', { create: true });
        for (const [name, bytes] of files) {
          const writable = await (await loops.getFileHandle(name, { create: true })).createWritable();
          await writable.write(new Uint8Array(bytes));
          await writable.close();
        }
        (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => picked;
      },
      {
        files: [
          ['epiano-loop.flac', fixtureBytes(KNOWN.epianoLoop.path)] as [string, number[]],
          ['readme.txt', [104, 105]] as [string, number[]],
        ],
      },
    );
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await page.getByTestId('sample-count').filter({ hasText: '1 sample' }).waitFor();
    await waitForAnalysis(page);
    expect(await rowCells(page, 'epiano-loop.flac')).toMatchObject({ folder: 'Picked Samples/Loops', bpm: '172', key: 'G maj' });

    // Adding the same folder again finds nothing new.
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await page.getByText('Picked Samples: 1 audio file found, 1 already in the library').waitFor();
    expect(await page.getByTestId('sample-count').innerText()).toBe('1 sample');

    // A file moved out of the folder is marked missing when the folder is added again (its tags and
    // ratings kept), and analysed again once it is back.
    const moveLoop = (out: boolean) =>
      page.evaluate(async (out) => {
        const root = await navigator.storage.getDirectory();
        const loops = await (await root.getDirectoryHandle('Picked Samples')).getDirectoryHandle('Loops');
        const stash = await root.getDirectoryHandle('Stash', { create: true });
        const [from, to] = out ? [loops, stash] : [stash, loops];
        const bytes = await (await (await from.getFileHandle('epiano-loop.flac')).getFile()).arrayBuffer();
        const writable = await (await to.getFileHandle('epiano-loop.flac', { create: true })).createWritable();
        await writable.write(bytes);
        await writable.close();
        await from.removeEntry('epiano-loop.flac');
      }, out);
    await moveLoop(true);
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await page.getByText('Picked Samples: 0 audio files found, 1 no longer there (marked missing)').waitFor();
    await expect.poll(async () => (await rowCells(page, 'epiano-loop.flac')).status, { timeout: 5_000 }).toBe('Missing');
    await row(page, 'epiano-loop.flac').click();
    expect(await page.getByTestId('detail-error').innerText()).toBe(
      'Loops/epiano-loop.flac is no longer in Picked Samples: it was moved or deleted',
    );
    await moveLoop(false);
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await expect.poll(async () => (await rowCells(page, 'epiano-loop.flac')).status, { timeout: 30_000 }).toBe('Analysed');
    expect(await rowCells(page, 'epiano-loop.flac')).toMatchObject({ bpm: '172', key: 'G maj' });
    expect(await page.getByTestId('sample-count').innerText()).toBe('1 sample');

    await page.reload();
    await row(page, 'epiano-loop.flac').click();
    await page.locator('.library-row.playing', { hasText: 'epiano-loop.flac' }).waitFor();
    // Nothing was copied into the app's own storage: the handle is read in place.
    const copies = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      return root.getDirectoryHandle('library').then(
        () => 'copied',
        () => 'none',
      );
    });
    expect(copies).toBe('none');
    expect(offsite).toEqual([]);
  });

  it('takes files dropped on the window', async () => {
    const { page } = await newPage();
    await page.evaluate(
      async ({ kick, hat }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(kick)], 'kick.mp3', { type: 'audio/mpeg' }));
        transfer.items.add(new File([new Uint8Array(hat)], 'hihat.wav', { type: 'audio/wav' }));
        transfer.items.add(new File(['not audio'], 'notes.txt', { type: 'text/plain' }));
        // Half a second of digital silence (16-bit mono WAV at 22.05 kHz): analysed, with nothing to classify.
        const silence = new DataView(new ArrayBuffer(44 + 22050));
        const text = (at: number, value: string) => [...value].forEach((c, i) => silence.setUint8(at + i, c.charCodeAt(0)));
        text(0, 'RIFF');
        silence.setUint32(4, 36 + 22050, true);
        text(8, 'WAVEfmt ');
        silence.setUint32(16, 16, true);
        silence.setUint16(20, 1, true);
        silence.setUint16(22, 1, true);
        silence.setUint32(24, 22050, true);
        silence.setUint32(28, 44100, true);
        silence.setUint16(32, 2, true);
        silence.setUint16(34, 16, true);
        text(36, 'data');
        silence.setUint32(40, 22050, true);
        transfer.items.add(new File([silence.buffer], 'silence.wav', { type: 'audio/wav' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
      },
      { kick: fixtureBytes(KNOWN.kick.path), hat: fixtureBytes(KNOWN.hihat.path) },
    );
    await page.getByTestId('sample-count').filter({ hasText: '3 samples' }).waitFor();
    await waitForAnalysis(page);
    expect(await rowCells(page, 'kick.mp3')).toMatchObject({ folder: 'Dropped files', length: '0.27 s', status: 'Analysed' });
    // A silent file says so where its category would be (it looked like a row missing its values).
    expect(await rowCells(page, 'silence.wav')).toMatchObject({ category: 'silent', length: '0.50 s', loudness: '', status: 'Analysed' });
    await page.reload();
    await row(page, 'hihat.wav').click();
    await page.locator('.library-row.playing', { hasText: 'hihat.wav' }).waitFor();
  });

  it('resumes analysis after a reload in the middle of an import', async () => {
    const { page } = await newPage();
    const copies = 30;
    await page.evaluate(
      async ({ bytes, copies }) => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle('Big Pack', { create: true });
        for (let i = 0; i < copies; i++) {
          const writable = await (await folder.getFileHandle(`loop ${i}.flac`, { create: true })).createWritable();
          await writable.write(new Uint8Array(bytes));
          await writable.close();
        }
        (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => folder;
      },
      { bytes: fixtureBytes(KNOWN.bassLoop.path), copies },
    );
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await page.waitForFunction(() => document.querySelectorAll('.status-done').length >= 2);
    await page.reload(); // mid-import: some analysed, most still queued
    await page.getByTestId('analysis-progress').waitFor();
    await waitForAnalysis(page);
    expect(await page.locator('.status-done').count()).toBe(Math.min(copies, await page.locator('.library-row').count()));
    const stored = await page.evaluate(async () => {
      const services = (window as unknown as { samplemind: { repository: { countByStatus(): Promise<Record<string, number>> } } })
        .samplemind;
      return services.repository.countByStatus();
    });
    expect(stored).toEqual({ queued: 0, done: copies, failed: 0, skipped: 0 });
  });

  it('offers to add a folder again whose copy-in import the last page closed mid-way', async () => {
    // Files from the folder input, copied in: they go with the page, so the import cannot resume by itself.
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    await context.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
    const page = await context.newPage();
    await page.goto(server.origin);
    await importAndAnalyse(page, FIXTURE_LIBRARY, FIXTURE_AUDIO_COUNT);
    // As a page closed mid-scan leaves it: the folder still scanning, 3 of its files not yet in.
    await page.evaluate(
      (expected) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('samplemind');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const folders = open.result.transaction('folders', 'readwrite').objectStore('folders');
            const all = folders.getAll();
            all.onsuccess = () => {
              for (const folder of all.result as Record<string, unknown>[]) folders.put({ ...folder, scan: 'scanning', expected });
              folders.transaction.oncomplete = () => {
                open.result.close();
                resolve();
              };
            };
          };
        }),
      FIXTURE_AUDIO_COUNT + 3,
    );
    await page.reload();
    const notice = page.locator('.notice', { hasText: `stopped at ${FIXTURE_AUDIO_COUNT} of ${FIXTURE_AUDIO_COUNT + 3} files` });
    await notice.waitFor();
    // Its button opens the folder dialog, as Add folder does.
    const chooser = page.waitForEvent('filechooser');
    await notice.getByRole('button', { name: 'Add folder…' }).click();
    await (await chooser).setFiles(FIXTURE_LIBRARY);
    await page.getByText(`${FIXTURE_AUDIO_COUNT} already in the library`, { exact: false }).waitFor();
    await notice.waitFor({ state: 'detached' });
    await context.close();
  });

  it('pauses, resumes and cancels an analysis run; cancelled files can be analysed later', async () => {
    const { page } = await newPage();
    await page.evaluate(
      async ({ bytes, copies }) => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle('Pausable', { create: true });
        for (let i = 0; i < copies; i++) {
          const writable = await (await folder.getFileHandle(`bass ${i}.flac`, { create: true })).createWritable();
          await writable.write(new Uint8Array(bytes));
          await writable.close();
        }
        (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => folder;
      },
      { bytes: fixtureBytes(KNOWN.bassLoop.path), copies: 60 },
    );
    // The list is virtualised (only rows on screen exist), so counts come from the database and
    // the progress banner; the rows on screen are checked against them.
    const stored = (): Promise<Record<'queued' | 'done' | 'failed' | 'skipped', number>> =>
      page.evaluate(async () => {
        const { repository } = (
          window as unknown as {
            samplemind: { repository: { countByStatus(): Promise<Record<'queued' | 'done' | 'failed' | 'skipped', number>> } };
          }
        ).samplemind;
        return repository.countByStatus();
      });
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await expect.poll(async () => (await stored()).done, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused', { exact: true }).waitFor(); // the files in flight have finished
    const whilePaused = (await stored()).done;
    await page.waitForTimeout(2000);
    expect((await stored()).done).toBe(whilePaused);
    expect(whilePaused).toBeLessThan(60);
    await page
      .getByTestId('analysis-count')
      .filter({ hasText: `${whilePaused} /` })
      .waitFor();

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => (await stored()).done, { timeout: 30_000 }).toBeGreaterThan(whilePaused);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('analysis-progress').waitFor({ state: 'detached' });
    await expect.poll(async () => (await stored()).queued, { timeout: 30_000 }).toBe(0); // the files that were in flight have been saved
    const { skipped } = await stored();
    expect(skipped).toBeGreaterThan(0);
    await page.getByText(`${skipped} files were not analysed because analysis was cancelled.`).waitFor();
    expect(await page.locator('.library-row').first().locator('.status').innerText()).toMatch(/^(Analysed|Not analysed)$/);

    await page.reload(); // a cancelled run stays cancelled
    await page.getByTestId('sample-count').filter({ hasText: '60 samples' }).waitFor();
    await page.getByText(`${skipped} files were not analysed because analysis was cancelled.`).waitFor();
    expect(await page.getByTestId('analysis-progress').count()).toBe(0);
    expect((await stored()).skipped).toBe(skipped);

    await page.getByRole('button', { name: 'Analyse them' }).click();
    await waitForAnalysis(page);
    await expect.poll(async () => (await stored()).done, { timeout: 30_000 }).toBe(60);
    expect(await page.locator('.status-skipped').count()).toBe(0);
  });
});
