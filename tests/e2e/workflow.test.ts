import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { readZip } from '../support/zipReader';
import { importFolderThroughInput, row, rowCells, waitForAnalysis } from './app';

let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];

interface TestWindow {
  samplemind: {
    player: { current: number | null; playback: { gainDb: number } };
    repository: { listSamples(): Promise<{ id: number; name: string; tags?: string[]; rating?: number; favourite?: 0 | 1 }[]> };
  };
}

/** A fresh browser profile with the fixture library imported and analysed. */
async function profileWithLibrary(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, acceptDownloads: true });
  // The <input webkitdirectory> import path, and downloads rather than the save dialog for exports.
  await context.addInitScript(() => {
    delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.origin);
  await importFolderThroughInput(page, FIXTURE_LIBRARY);
  await page
    .getByTestId('sample-count')
    .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
    .waitFor();
  await waitForAnalysis(page);
  return { context, page };
}

const samples = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.listSamples());
const playing = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.player.current);
const selectedName = (page: Page) => page.locator('.library-row.current .cell-name').innerText();
const visibleNames = (page: Page) => page.locator('.library-row .cell-name').allInnerTexts();

/** Clicks an export button and reads the ZIP the browser downloads: its suggested name and its entries. */
async function downloadZip(button: Locator): Promise<{ fileName: string; entries: ReturnType<typeof readZip> }> {
  const downloading = button.page().waitForEvent('download');
  await button.click();
  const download = await downloading;
  return { fileName: download.suggestedFilename(), entries: readZip(new Uint8Array(await readFile((await download.path())!))) };
}

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  ({ context, page } = await profileWithLibrary());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a producer's workflow (production build, Chromium)", () => {
  it('auditions through the list with the keyboard, level-matched', async () => {
    await row(page, 'bass-G2.m4a').click();
    await page.keyboard.press('ArrowDown'); // cover-art.aiff (broken, still selectable)
    await page.keyboard.press('ArrowDown');
    expect(await selectedName(page)).toBe('epiano-loop.flac');
    await expect.poll(() => playing(page), { timeout: 10_000 }).not.toBeNull();
    const epiano = (await samples(page)).find((s) => s.name === 'epiano-loop.flac')!;
    expect(await playing(page)).toBe(epiano.id);
    // Level matching (on by default) turns this -12 LUFS loop down towards -16 LUFS.
    const gain = await page.evaluate(() => (window as unknown as TestWindow).samplemind.player.playback.gainDb);
    expect(gain).toBeLessThan(-2);
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page), { timeout: 5_000 }).toBeNull();
    await page.keyboard.press('l'); // level matching off
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page), { timeout: 10_000 }).toBe(epiano.id);
    expect(await page.evaluate(() => (window as unknown as TestWindow).samplemind.player.playback.gainDb)).toBe(0);
    await page.keyboard.press('Space');
  });

  it('drags a sample out as a file (desktop/DAW download URL and a File for web apps)', async () => {
    const kick = row(page, 'kick.mp3');
    await kick.dispatchEvent('mousedown');
    await page.waitForTimeout(300); // the file is read on mouse down, before the drag starts
    const transfer = await page.evaluateHandle(() => new DataTransfer());
    await kick.dispatchEvent('dragstart', { dataTransfer: transfer });
    const carried = await transfer.evaluate(async (dt) => ({
      downloadUrl: dt.getData('DownloadURL'),
      text: dt.getData('text/plain'),
      files: await Promise.all([...dt.files].map(async (f) => ({ name: f.name, type: f.type, size: (await f.arrayBuffer()).byteLength }))),
    }));
    expect(carried.downloadUrl).toMatch(/^audio\/mpeg:kick\.mp3:blob:/);
    expect(carried.text).toBe('library/One-shots/Drums/kick.mp3');
    const bytes = await readFile(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`);
    expect(carried.files).toEqual([{ name: 'kick.mp3', type: 'audio/mpeg', size: bytes.length }]);

    // A selection is dragged whole: pressing one of its rows reads every selected file.
    await kick.click();
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    const snare = row(page, 'snare.aiff');
    await snare.dispatchEvent('mousedown');
    await page.waitForTimeout(300);
    const both = await page.evaluateHandle(() => new DataTransfer());
    await snare.dispatchEvent('dragstart', { dataTransfer: both });
    const names = await both.evaluate((dt) => [...dt.files].map((f) => f.name).sort());
    expect(names).toEqual(['kick.mp3', 'snare.aiff']);
    await page.keyboard.press('Escape');
  });

  it('plays loops at the project tempo and melodic samples in the project key', async () => {
    await page.getByLabel('Project tempo (BPM)').fill('120');
    await page.getByLabel('Project key').selectOption('A minor');
    await page.getByRole('button', { name: 'Sync tempo' }).click();
    await page.getByRole('button', { name: 'Sync key' }).click();
    await row(page, 'epiano-loop.flac').click();
    const playback = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              samplemind: {
                player: {
                  playback: { gainDb: number; stretch: number; semitones: number; clickBpm?: number | null; loopSeconds?: number | null };
                };
              };
            }
          ).samplemind.player.playback,
      );
    // 172 BPM played at 120, pitch kept; G major moved up a fourth to C major, A minor's relative major.
    await expect.poll(async () => (await playback()).stretch, { timeout: 5_000 }).toBeCloseTo(120 / 172, 3);
    expect((await playback()).semitones).toBe(5);
    await page.keyboard.press('Space');
    // Over a metronome: the loop repeats against clicks at the project tempo.
    await page.getByRole('button', { name: 'Metronome' }).click();
    await page.locator('.library-body').focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await playback()).clickBpm, { timeout: 5_000 }).toBe(120);
    await page.waitForTimeout(4500); // longer than the stretched loop (2.79 s at 172 -> 4.0 s at 120): it must still be playing
    expect(await playing(page)).not.toBeNull();
    // The playhead starts over with the loop instead of resting at its end.
    const position = await page.evaluate(() =>
      (window as unknown as { samplemind: { player: { position(): number | null } } }).samplemind.player.position(),
    );
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(2.79);
    expect((await playback()).loopSeconds).toBeCloseTo(2.7907, 3); // cut to its bars: the whole file repeats
    // The playing preview follows the controls at once: a new project tempo, level matching off.
    await page.getByLabel('Project tempo (BPM)').fill('100');
    await expect.poll(async () => (await playback()).stretch, { timeout: 5_000 }).toBeCloseTo(100 / 172, 3);
    // The top bar says what is applied: stretched to 100/172 and up 5 semitones.
    await expect.poll(() => page.getByTestId('playback-readout').innerText(), { timeout: 5_000 }).toBe('×0.58 · +5 st');
    expect((await playback()).gainDb).toBe(0); // level matching is off since the first test ('l')
    await page.getByRole('button', { name: 'Level match' }).click();
    await expect.poll(async () => (await playback()).gainDb, { timeout: 5_000 }).toBeLessThan(-1); // -12 LUFS towards -16
    await page.getByRole('button', { name: 'Level match' }).click();
    await expect.poll(async () => (await playback()).gainDb, { timeout: 5_000 }).toBe(0);
    expect(await playing(page)).not.toBeNull();
    // A tempo out of range is not taken: the click does not go to -20 BPM.
    await page.getByLabel('Project tempo (BPM)').fill('-20');
    expect(await page.getByLabel('Project tempo (BPM)').getAttribute('aria-invalid')).toBe('true');
    expect((await playback()).clickBpm).toBe(100);
    await page.getByLabel('Project tempo (BPM)').fill('120');
    // A file that cannot be read stops the preview before it instead of leaving it looping.
    await row(page, 'cover-art.aiff').click();
    await expect.poll(() => playing(page), { timeout: 5_000 }).toBeNull();
    await row(page, 'epiano-loop.flac').click();
    await expect.poll(() => playing(page), { timeout: 5_000 }).not.toBeNull();
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page), { timeout: 5_000 }).toBeNull();
    await page.getByRole('button', { name: 'Metronome' }).click();
    await page.getByRole('button', { name: 'Sync tempo' }).click();
    await page.getByRole('button', { name: 'Sync key' }).click();
  });

  it('corrects a tempo by halving it, keeps it in the list, and goes back to the analysis', async () => {
    await row(page, 'epiano-loop.flac').click();
    await page.keyboard.press('Space'); // stop the audition
    await page.getByRole('button', { name: /halve the tempo/ }).click();
    await expect.poll(() => page.getByTestId('detail-bpm').innerText(), { timeout: 5_000 }).toBe('86 BPM');
    expect(await rowCells(page, 'epiano-loop.flac')).toMatchObject({ bpm: '86' });
    const detail = page.locator('.value', { has: page.getByTestId('detail-bpm') });
    await detail.getByRole('button', { name: 'use analysis (172 BPM)' }).click();
    await expect.poll(() => page.getByTestId('detail-bpm').innerText(), { timeout: 5_000 }).toBe('172 BPM');
  });

  it('lists every shortcut in a help overlay', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Undo the last bulk edit');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // With a sample selected, Enter on a focused button presses it (it used to jump to ♡ instead).
    await row(page, 'kick.mp3').click();
    await page.keyboard.press('Space'); // stop the audition the click started
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // The dialog has the keyboard: the list behind it does not move, and Tab stays inside.
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('detail-name').innerText()).toBe('kick.mp3');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('combines kind, BPM range and compatible keys, shown as removable chips', async () => {
    await page.getByRole('radio', { name: 'Loops' }).click();
    await page.getByLabel('Minimum BPM').fill('100');
    await page.getByLabel('Maximum BPM').fill('180');
    await page.getByRole('checkbox', { name: '½×/2×' }).check(); // the drum loop may read as 88, half of 176
    await page.getByLabel('Key', { exact: true }).selectOption('D major');
    await page.getByLabel('Compatible keys').check();
    // D major (10B) mixes with G major (9B): the e-piano loop; the F major bass loop and the keyless drum loop drop out.
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac']);
    expect(await page.getByTestId('sample-count').innerText()).toBe('1 of 9 samples');
    await page.getByRole('button', { name: /Remove filter D major/ }).click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac', 'rock-drums.ogg', 'synth-bass-loop.flac']);
    // Saved as a smart collection, the search comes back with one click.
    await page.getByRole('button', { name: 'Save the current filters as a smart collection' }).click();
    await page.getByLabel('Name of the smart collection').fill('Loops 100-180');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await expect.poll(() => visibleNames(page).then((n) => n.length), { timeout: 5_000 }).toBe(9);
    await page.getByRole('button', { name: /^⚡ Loops 100-180/ }).click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac', 'rock-drums.ogg', 'synth-bass-loop.flac']);
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('100–180 BPM')]));
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await expect.poll(() => visibleNames(page).then((n) => n.length), { timeout: 5_000 }).toBe(9);
  });

  it('turns a typed description into removable filter chips on Enter', async () => {
    const search = page.getByRole('searchbox');
    await search.fill('loops in G major between 100 and 180 bpm');
    await search.press('Enter');
    // The e-piano loop (G major, 172 BPM); the F major bass loop and the keyless drum loop drop out.
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac']);
    expect(await search.inputValue()).toBe('');
    const chips = await page.getByTestId('filter-chip').allInnerTexts();
    expect(chips).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Loops'),
        expect.stringContaining('100–180 BPM'),
        expect.stringContaining('G major'),
      ]),
    );
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await expect.poll(() => visibleNames(page).then((n) => n.length), { timeout: 5_000 }).toBe(9);
  });

  it('tags a multi-selection in bulk and undoes it', async () => {
    await row(page, 'hihat.wav').click();
    await row(page, 'kick.mp3').click({ modifiers: ['Control'] });
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    expect(await page.getByTestId('bulk-count').innerText()).toBe('3 samples selected');
    await page.getByLabel('Add tags to the selected samples').fill('drums, Punchy');
    await page.keyboard.press('Enter');
    const tagged = async () =>
      (await samples(page))
        .filter((s) => s.tags?.includes('punchy'))
        .map((s) => s.name)
        .sort();
    await expect.poll(tagged, { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    await page.getByLabel('Tag', { exact: true }).selectOption('drums');
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(tagged, { timeout: 5_000 }).toEqual([]);
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    // Tag again for the next steps; the undo entry is replaced, nothing else changes.
    await page.getByLabel('Add tags to the selected samples').fill('drums');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await samples(page)).filter((s) => s.tags?.includes('drums')).length, { timeout: 5_000 }).toBe(3);
    // The Undo bar sits beside the samples the edit changed, not on another sample's panel.
    await row(page, 'epiano-loop.flac').click();
    await page.keyboard.press('Space'); // stop the audition the click started
    expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await row(page, 'hihat.wav').click();
    await row(page, 'kick.mp3').click({ modifiers: ['Control'] });
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: 'Undo' }).waitFor();
  });

  it('collects the selection and exports the collection as a ZIP with its sidecars', async () => {
    await page.getByLabel('Add to collection').selectOption('new');
    await page.getByLabel('Name of the new collection').fill('Drum kit');
    await page.keyboard.press('Enter');
    const exportButton = page.getByRole('button', { name: 'Export collection Drum kit as ZIP' });
    await exportButton.waitFor();
    const { fileName, entries } = await downloadZip(exportButton);
    expect(fileName).toBe('Drum kit.zip');
    expect(entries.map((e) => e.name).sort()).toEqual([
      'One-shots/Drums/hihat.wav',
      'One-shots/Drums/kick.mp3',
      'One-shots/Drums/snare.aiff',
      'metadata.csv',
      'metadata.json',
    ]);
    const kickBytes = await readFile(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`);
    expect(Buffer.from(entries.find((e) => e.name.endsWith('kick.mp3'))!.bytes).equals(kickBytes)).toBe(true);
    const sidecar = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === 'metadata.json')!.bytes)) as Record<
      string,
      unknown
    >[];
    expect(sidecar.map((r) => [r.name, r.category, r.tags])).toEqual(
      expect.arrayContaining([
        ['kick.mp3', 'kick', ['drums']],
        ['snare.aiff', 'snare', ['drums']],
        ['hihat.wav', 'hihat', ['drums']],
      ]),
    );
    const csv = new TextDecoder().decode(entries.find((e) => e.name === 'metadata.csv')!.bytes);
    expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(4);

    // A smart collection exports what its filters find now.
    const smart = await downloadZip(page.getByRole('button', { name: 'Export collection Loops 100-180 as ZIP' }));
    expect(smart.fileName).toBe('Loops 100-180.zip');
    const smartEntries = smart.entries;
    expect(smartEntries.map((e) => e.name).sort()).toEqual([
      'Loops/epiano-loop.flac',
      'Loops/rock-drums.ogg',
      'Loops/synth-bass-loop.flac',
      'metadata.csv',
      'metadata.json',
    ]);
  });

  it('backs up the library and restores it into a fresh profile', async () => {
    await row(page, 'kick.mp3').click();
    await page.keyboard.press('5');
    await page.keyboard.press('f');
    await expect.poll(async () => (await samples(page)).find((s) => s.name === 'kick.mp3')?.rating, { timeout: 5_000 }).toBe(5);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Back up tags/ }).click();
    const backupPath = join(await mkdtemp(join(tmpdir(), 'samplemind-backup-')), 'backup.json');
    await (await downloading).saveAs(backupPath); // the download goes when its browser context closes
    await context.close();

    const fresh = await profileWithLibrary();
    await fresh.page.getByLabel('Restore a backup').setInputFiles(backupPath);
    await fresh.page.getByText(/Restored \d+ samples and 2 collections/).waitFor({ timeout: 10_000 });
    const restored = await samples(fresh.page);
    expect(restored.find((s) => s.name === 'kick.mp3')).toMatchObject({ rating: 5, favourite: 1, tags: ['drums'] });
    expect(restored.filter((s) => s.tags?.includes('drums')).length).toBe(3);
    await fresh.page
      .getByRole('button', { name: /Drum kit/ })
      .first()
      .click();
    await expect.poll(() => visibleNames(fresh.page), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);

    // Deleting a collection asks first, in place: "Keep" keeps it, "Delete" removes it (its samples stay).
    const collections = fresh.page.getByRole('list', { name: 'Collections' });
    const deleteSmart = async (): Promise<void> => {
      await collections.locator('.nav-item', { hasText: 'Loops 100-180' }).hover();
      await fresh.page.getByRole('button', { name: 'Delete collection Loops 100-180' }).click();
    };
    await deleteSmart();
    await fresh.page.getByRole('group', { name: 'Delete collection Loops 100-180?' }).getByRole('button', { name: 'Keep' }).click();
    await collections.locator('.nav-item', { hasText: 'Loops 100-180' }).waitFor();
    await deleteSmart();
    await fresh.page.getByRole('group', { name: 'Delete collection Loops 100-180?' }).getByRole('button', { name: 'Delete' }).click();
    await collections.locator('.nav-item', { hasText: 'Loops 100-180' }).waitFor({ state: 'detached' });
    expect(await collections.locator('.nav-item', { hasText: 'Drum kit' }).count()).toBe(1);
    expect(await samples(fresh.page)).toHaveLength(9); // a collection goes, its samples stay
    expect(pageErrors).toEqual([]);
    await fresh.context.close();
  });
});
