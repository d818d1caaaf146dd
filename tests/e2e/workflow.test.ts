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
/** Opens the export dialog with `button`, lets `choose` set its layout, exports and reads the ZIP. */
async function downloadZip(
  button: Locator,
  choose: (dialog: Locator) => Promise<void> = async () => undefined,
): Promise<{ fileName: string; entries: ReturnType<typeof readZip> }> {
  await button.click();
  const dialog = button.page().getByRole('dialog', { name: /^Export \d+ samples?$/ });
  await choose(dialog);
  const downloading = button.page().waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export ZIP…' }).click();
  const download = await downloading;
  await dialog.waitFor({ state: 'detached' }); // it closes once the ZIP is written
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
    await row(page, 'epiano-loop.flac').click();
    await page.keyboard.press('k'); // Sync key from the keyboard, as its button does
    expect(await page.getByRole('button', { name: 'Sync key' }).getAttribute('aria-pressed')).toBe('true');
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
    await page.locator('.library-body').focus();
    await page.keyboard.press('b');
    expect(await page.getByRole('button', { name: 'Metronome' }).getAttribute('aria-pressed')).toBe('true');
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
    // The detail panel says what is applied and what it follows: stretched to 100/172 and up 5 semitones, over the click.
    const synced = 'Playing ×0.58 to 100 BPM · +5 st to C major · looped over the click'; // G major to A minor's relative
    await expect.poll(() => page.getByTestId('playback-readout').innerText(), { timeout: 5_000 }).toBe(synced);
    // A stretch worked out from a tempo shown as uncertain ("176?") says so: it is as likely wrong.
    await row(page, 'rock-drums.ogg').click();
    await expect
      .poll(() => page.getByTestId('playback-readout').innerText(), { timeout: 5_000 })
      .toBe('Playing ×0.57 to 100 BPM (tempo uncertain) · looped over the click');
    await row(page, 'epiano-loop.flac').click();
    await expect.poll(() => page.getByTestId('playback-readout').innerText(), { timeout: 5_000 }).toBe(synced);
    expect((await playback()).gainDb).toBe(0); // level matching is off since the first test ('l')
    await page.getByRole('button', { name: 'Level match' }).click();
    await expect.poll(async () => (await playback()).gainDb, { timeout: 5_000 }).toBeLessThan(-1); // -12 LUFS towards -16
    await page.getByRole('button', { name: 'Level match' }).click();
    await expect.poll(async () => (await playback()).gainDb, { timeout: 5_000 }).toBe(0);
    expect(await playing(page)).not.toBeNull();
    // A tempo out of range is not taken: the click does not go to -20 BPM.
    await page.getByLabel('Project tempo (BPM)').fill('-20');
    expect(await page.getByLabel('Project tempo (BPM)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('group', { name: 'Preview settings' }).getByRole('alert').innerText()).toBe('40–300 BPM');
    expect((await playback()).clickBpm).toBe(100);
    await page.getByLabel('Project tempo (BPM)').fill('120');
    expect(await page.getByRole('group', { name: 'Preview settings' }).getByRole('alert').count()).toBe(0);
    // A file that cannot be read stops the preview before it instead of leaving it looping.
    await row(page, 'cover-art.aiff').click();
    await expect.poll(() => playing(page), { timeout: 5_000 }).toBeNull();
    await row(page, 'epiano-loop.flac').click();
    await expect.poll(() => playing(page), { timeout: 5_000 }).not.toBeNull();
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page), { timeout: 5_000 }).toBeNull();
    // A control changed while a preview's file still loads applies once it plays: Sync tempo turned
    // on (S) in the same moment as the click started the preview was lost until the next sample.
    await page.keyboard.press('s');
    expect(await page.getByRole('button', { name: 'Sync tempo' }).getAttribute('aria-pressed')).toBe('false');
    await page.evaluate(() => {
      const loop = [...document.querySelectorAll<HTMLElement>('.library-row')].find((r) => r.innerText.includes('epiano-loop.flac'));
      loop?.click();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }));
    });
    await expect.poll(() => playing(page), { timeout: 5_000 }).not.toBeNull();
    await expect.poll(async () => (await playback()).stretch, { timeout: 5_000 }).toBeCloseTo(120 / 172, 3);
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

  it('corrects one-shot/loop and a root note, keeps them over a reload, and the list and the player follow', async () => {
    const playback = () =>
      page.evaluate(
        () =>
          (window as unknown as { samplemind: { player: { playback: { semitones: number; keepLength: boolean } } } }).samplemind.player
            .playback,
      );
    await row(page, 'bass-G2.m4a').click();
    await page.keyboard.press('Space'); // stop the audition
    expect(await page.getByTestId('detail-kind').innerText()).toBe('One-shot');
    expect(await page.getByTestId('detail-root').innerText()).toBe('G2');
    // A note that is none is refused in place; Escape leaves the analysis' note and gives the keyboard back to it.
    await page.getByTestId('detail-root').click();
    const rootBox = page.getByLabel('Correct the root note (such as G2)');
    await rootBox.fill('H2');
    await rootBox.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'C-1 to G9' }).waitFor();
    expect(await rootBox.getAttribute('aria-invalid')).toBe('true');
    await rootBox.press('Escape');
    expect(await page.getByTestId('detail-root').innerText()).toBe('G2');
    await page.keyboard.press('Enter'); // the focused value opens its box again
    await rootBox.fill('Bb1');
    await rootBox.press('Enter');
    await expect.poll(() => page.getByTestId('detail-root').innerText(), { timeout: 5_000 }).toBe('A#1');
    expect(await rowCells(page, 'bass-G2.m4a')).toMatchObject({ key: 'A#1' });
    // Sync key follows the corrected root: A# goes up 2 to C (from G it would be 5).
    await page.getByLabel('Project key').selectOption('C major');
    await page.getByRole('button', { name: 'Sync key' }).click();
    await page.locator('.library-body').focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await playback()).semitones, { timeout: 5_000 }).toBe(2);
    expect((await playback()).keepLength).toBe(false);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Sync key' }).click();

    // Made a loop, it has no tempo until one is typed, then answers to the kind and BPM filters.
    await page.getByRole('button', { name: 'Correct the type: make it a loop' }).click();
    await expect.poll(() => page.getByTestId('detail-kind').innerText(), { timeout: 5_000 }).toBe('Loop');
    const tempo = page.locator('.value', { has: page.getByTestId('detail-bpm') });
    expect(await tempo.innerText()).toContain('none measured');
    expect(await page.getByTestId('detail-root').count()).toBe(0);
    await page.getByTestId('detail-bpm').click();
    // A tempo out of range is refused with why, and stays in the box to be corrected.
    await page.getByLabel('Correct the tempo (BPM)').fill('1000');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('alert').filter({ hasText: 'Type a tempo from 20 to 400 BPM' }).count()).toBe(1);
    await page.getByLabel('Correct the tempo (BPM)').fill('120');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-bpm').innerText(), { timeout: 5_000 }).toBe('120 BPM');
    const loops120 = async (): Promise<void> => {
      await page.getByRole('radio', { name: 'Loops' }).click();
      await page.getByLabel('Minimum BPM').fill('115');
      await page.getByLabel('Maximum BPM').fill('125');
      await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['bass-G2.m4a']);
    };
    await loops120();
    await row(page, 'bass-G2.m4a').click(); // a loop keeps its length when transposed
    await expect.poll(async () => (await playback()).keepLength, { timeout: 5_000 }).toBe(true);
    await page.keyboard.press('Space');

    await page.reload();
    await row(page, 'bass-G2.m4a').waitFor();
    await loops120();
    await row(page, 'bass-G2.m4a').click();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('detail-kind').innerText()).toBe('Loop');
    expect(await page.getByTestId('detail-bpm').innerText()).toBe('120 BPM');
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();

    // Back to the analysis: a one-shot again, with the root note typed before; then its own G2.
    await tempo.getByRole('button', { name: 'use analysis (none)' }).click();
    const valueOf = (testId: string) => page.locator('.value', { has: page.getByTestId(testId) });
    await valueOf('detail-kind').getByRole('button', { name: 'use analysis (One-shot)' }).click();
    await expect.poll(() => page.getByTestId('detail-root').innerText(), { timeout: 5_000 }).toBe('A#1');
    await valueOf('detail-root').getByRole('button', { name: 'use analysis (G2)' }).click();
    await expect.poll(() => page.getByTestId('detail-root').innerText(), { timeout: 5_000 }).toBe('G2');
    expect(await rowCells(page, 'bass-G2.m4a')).toMatchObject({ bpm: '', key: 'G2' });
  });

  it('lists every shortcut in a help overlay', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Undo bulk edits, the last first (up to 20)');
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

    // Enter in the list opens the details; Space there still plays (it used to press ♡) and Tab reaches their controls.
    await row(page, 'kick.mp3').click();
    await page.keyboard.press('Space');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    const favourite = await page.locator('.detail .favourite').getAttribute('aria-pressed');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.matches('aside.detail'))).toBe(true);
    await page.keyboard.press('Space');
    await page.locator('.library-row.playing', { hasText: 'kick.mp3' }).waitFor();
    expect(await page.locator('.detail .favourite').getAttribute('aria-pressed')).toBe(favourite);
    await page.keyboard.press('Space');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('aside.detail') !== null)).toBe(true);

    // Esc clears the selection, as the help says, and stops its preview.
    await row(page, 'kick.mp3').click();
    await page.locator('.library-row.playing', { hasText: 'kick.mp3' }).waitFor();
    // Screen readers hear what the selection moved to (the rows cannot take the focus).
    const announced = page.getByTestId('selection-announcement');
    expect(await announced.innerText()).toBe('kick.mp3, kick');
    expect(await announced.getAttribute('role')).toBe('status');
    await page.locator('.library-body').focus();
    await page.keyboard.press('Escape');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    expect(await page.locator('.library-row[aria-selected=true]').count()).toBe(0);
    expect(await page.getByTestId('detail-name').count()).toBe(0);
    expect(await announced.innerText()).toBe('');
    // A hidden file input keeps the focus after its dialog closes (Restore a backup…): the keys
    // still audition from there (they did nothing until a click elsewhere).
    await page.getByLabel('Restore a backup', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.library-row[aria-selected=true]').count(), { timeout: 5_000 }).toBe(1);
    await page.keyboard.press('Space'); // stop the audition ↓ started
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

  it('puts a BPM range typed the wrong way round right, and unticks ½×/2× once no tempo is left', async () => {
    const min = page.getByLabel('Minimum BPM');
    const max = page.getByLabel('Maximum BPM');
    await min.fill('180');
    await max.fill('100');
    // Filtering at once, as 100 to 180; leaving the field swaps the two.
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac', 'rock-drums.ogg', 'synth-bass-loop.flac']);
    const halfDouble = page.getByRole('checkbox', { name: '½×/2×' });
    await halfDouble.check();
    expect([await min.inputValue(), await max.inputValue()]).toEqual(['100', '180']);
    // The chip reads the range; the ticked box beside it says ½×/2× (the chip said it again).
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual([expect.stringMatching(/^100–180 BPM\s*×$/)]);
    expect(await halfDouble.isChecked()).toBe(true);
    await min.fill('');
    await max.fill('');
    expect(await halfDouble.count()).toBe(0);
    await min.fill('120');
    expect(await halfDouble.isChecked()).toBe(false);
    // Clear all from the keyboard: the button goes with the chips, and the focus goes to the list
    // (it fell to the page's body, with no ring, and Tab started again from the top).
    await page.getByRole('button', { name: 'Clear all', exact: true }).press('Enter');
    const listHasFocus = () => page.evaluate(() => document.activeElement?.matches('.library-body') ?? false);
    await expect.poll(listHasFocus, { timeout: 5_000 }).toBe(true);
    // ↓ in the search box selects the first result and hands the focus to the list.
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(listHasFocus, { timeout: 5_000 }).toBe(true);
    await page.keyboard.press('Space'); // stop the audition ↓ started
  });

  it('moves the kind filter with the arrow keys, one Tab stop for the three', async () => {
    const all = page.getByRole('radio', { name: 'All' });
    const oneShots = page.getByRole('radio', { name: 'One-shots' });
    expect([await all.getAttribute('tabindex'), await oneShots.getAttribute('tabindex')]).toEqual(['0', '-1']);
    const selected = await page.getByTestId('detail-name').count();
    await all.focus();
    await page.keyboard.press('ArrowRight');
    expect(await oneShots.getAttribute('aria-checked')).toBe('true');
    expect(await oneShots.evaluate((radio) => radio === document.activeElement)).toBe(true);
    await expect.poll(() => visibleNames(page).then((n) => n.length), { timeout: 5_000 }).toBe(5);
    // ← ← wraps round to Loops; the list's own arrow keys did nothing meanwhile.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('radio', { name: 'Loops' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('detail-name').count()).toBe(selected);
    await page.keyboard.press('ArrowRight');
    expect(await all.getAttribute('aria-checked')).toBe('true');
  });

  it('filters by the categories ticked in a list, which arrow keys move through without choosing', async () => {
    const button = page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Category:/ });
    // A native select added a category on each arrow press while focused.
    await button.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('filter-chip').count()).toBe(0);
    // Opened from the keyboard, the list takes the focus: Space ticks Kick, ↓ moves to Snare.
    await button.press('Enter');
    const list = page.getByRole('group', { name: 'Categories' });
    // Each category says how many samples it would list.
    const countOf = (name: string) => list.locator('.category-option', { hasText: name }).locator('.category-count').innerText();
    expect([await countOf('Kick'), await countOf('Drum loop'), await countOf('Strings')]).toEqual(['1', '1', '0']);
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['kick.mp3', 'snare.aiff']);
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual([
      expect.stringContaining('kick'),
      expect.stringContaining('snare'),
    ]);
    // Escape closes the list and gives the focus back to the button, which names what is chosen.
    await page.keyboard.press('Escape');
    expect(await list.count()).toBe(0);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.innerText()).toBe('Kick, snare ▾');
    await button.click();
    await list.getByRole('button', { name: 'Any category' }).click();
    await expect.poll(() => visibleNames(page).then((n) => n.length), { timeout: 5_000 }).toBe(9);
    // A click outside closes it, and so does a resized window (it was placed from the button).
    await page.getByTestId('sample-count').click();
    expect(await list.count()).toBe(0);
    await button.click();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: size.width - 40, height: size.height });
    await expect.poll(() => list.count(), { timeout: 5_000 }).toBe(0);
    await page.setViewportSize(size);
    expect(errors).toEqual([]);
  });

  it('keeps the filters used less often behind More, which says how many are in use and stays open over a reload', async () => {
    const more = page.getByRole('button', { name: /^More filters/ });
    const length = page.getByLabel('Length', { exact: true });
    expect(await length.count()).toBe(0);
    await more.click();
    await length.selectOption('short');
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3']);
    await more.click();
    expect(await length.count()).toBe(0);
    // Closed, the filter still applies: its chip shows, and the button counts it.
    expect(await more.getAttribute('aria-label')).toBe('More filters, 1 in use');
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual([expect.stringContaining('≤ 0.5 s')]);
    expect(await visibleNames(page)).toEqual(['hihat.wav', 'kick.mp3']);
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await more.click();
    await page.reload();
    await page.getByLabel('Minimum rating').waitFor();
    await more.click();
    await page.getByLabel('Minimum rating').waitFor({ state: 'detached' });
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

    // Words no sample has are left out and said so; the next search takes that hint away with it.
    await search.fill('dusty kick');
    await search.press('Enter');
    const hint = page.locator('.notice', { hasText: 'No sample’s name, folder or tags match “dusty”' });
    await hint.waitFor();
    await search.fill('snare');
    await search.press('Enter');
    await hint.waitFor({ state: 'detached', timeout: 2_000 });
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
  });

  it('tags a multi-selection in bulk and undoes it', async () => {
    await row(page, 'hihat.wav').click();
    await row(page, 'kick.mp3').click({ modifiers: ['Control'] });
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    expect(await page.getByTestId('bulk-count').innerText()).toBe('3 samples selected');
    const tagBox = page.getByLabel('Add tags to the selected samples');
    const withTag = (tag: string) => async () =>
      (await samples(page))
        .filter((s) => s.tags?.includes(tag))
        .map((s) => s.name)
        .sort();
    // Ctrl+Z right after Enter, the tag box still focused and empty, undoes the tag it added.
    await tagBox.fill('oops');
    await page.keyboard.press('Enter');
    await expect.poll(withTag('oops'), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    await page.keyboard.press('Control+z');
    await expect.poll(withTag('oops'), { timeout: 5_000 }).toEqual([]);
    await tagBox.fill('drums, Punchy');
    await page.keyboard.press('Enter');
    const tagged = withTag('punchy');
    await expect.poll(tagged, { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    // With text in the box, Ctrl+Z is the box's own: the tags stay.
    await tagBox.pressSequentially('x');
    await page.keyboard.press('Control+z');
    await tagBox.fill('');
    await page.waitForTimeout(300);
    expect(await tagged()).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    await page.getByRole('button', { name: /^More filters/ }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption('drums');
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(tagged, { timeout: 5_000 }).toEqual([]);
    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await page.getByRole('button', { name: /^More filters/ }).click();
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
    // Bulk edits are undone one after the other, the last first; the bar then shows the one before.
    for (const tag of ['one', 'two']) {
      await tagBox.fill(tag);
      await page.keyboard.press('Enter');
      await expect.poll(withTag(tag), { timeout: 5_000 }).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
    }
    expect(await page.locator('.undo-bar').innerText()).toContain('Tagged 3 samples #two');
    await page.keyboard.press('Control+z');
    await expect.poll(withTag('two'), { timeout: 5_000 }).toEqual([]);
    await expect.poll(() => page.locator('.undo-bar').innerText()).toContain('Tagged 3 samples #one');
    await page.keyboard.press('Control+z');
    await expect.poll(withTag('one'), { timeout: 5_000 }).toEqual([]);
    await expect.poll(() => page.locator('.undo-bar').innerText()).toContain('Tagged 3 samples #drums');
    expect(await withTag('drums')()).toEqual(['hihat.wav', 'kick.mp3', 'snare.aiff']);
  });

  it('collects the selection and exports the collection as a ZIP with its sidecars', async () => {
    await page.getByLabel('Add to collection').selectOption('new');
    await page.getByLabel('Name of the new collection').fill('Drum kit');
    await page.keyboard.press('Enter');
    const exportButton = page.getByRole('button', { name: 'Export collection Drum kit as ZIP' });
    await exportButton.waitFor();
    const { fileName, entries } = await downloadZip(exportButton);
    expect(fileName).toBe('Drum kit.zip');
    // In one folder named as the ZIP, so unzipping spills nothing beside it.
    // Below the folder its samples share (One-shots/Drums), not its whole library path.
    expect(entries.map((e) => e.name).sort()).toEqual([
      'Drum kit/hihat.wav',
      'Drum kit/kick.mp3',
      'Drum kit/metadata.csv',
      'Drum kit/metadata.json',
      'Drum kit/snare.aiff',
    ]);
    const kickBytes = await readFile(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`);
    expect(Buffer.from(entries.find((e) => e.name.endsWith('kick.mp3'))!.bytes).equals(kickBytes)).toBe(true);
    const sidecar = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === 'Drum kit/metadata.json')!.bytes)) as Record<
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
    const csv = new TextDecoder().decode(entries.find((e) => e.name === 'Drum kit/metadata.csv')!.bytes);
    expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(4);

    // A smart collection exports what its filters find now; laid out by category, tempo and key in the names.
    const smart = await downloadZip(page.getByRole('button', { name: 'Export collection Loops 100-180 as ZIP' }), async (dialog) => {
      await dialog.getByLabel('One folder per category', { exact: false }).check();
      await dialog.getByLabel('Add the tempo and key', { exact: false }).check();
      // The dialog shows what the names will be before anything is written.
      await expect
        .poll(() => dialog.getByLabel('Example paths in the ZIP').innerText())
        .toContain('Loops 100-180/Keys/Loops/epiano-loop - 172 BPM - G.flac');
    });
    expect(smart.fileName).toBe('Loops 100-180.zip');
    const names = smart.entries.map((e) => e.name).sort();
    expect(names).toEqual([
      'Loops 100-180/Bass/Loops/synth-bass-loop - 108 BPM - F.flac',
      expect.stringMatching(/^Loops 100-180\/Drum loops\/rock-drums( - 176 BPM)?\.ogg$/), // its tempo only where the analysis is sure
      'Loops 100-180/Keys/Loops/epiano-loop - 172 BPM - G.flac',
      'Loops 100-180/metadata.csv',
      'Loops 100-180/metadata.json',
    ]);
    // A selection leaves the file the analysis could not read out, and says so first.
    await row(page, 'kick.mp3').click();
    await page.keyboard.press('Control+a');
    const all = await downloadZip(page.getByRole('button', { name: 'Export as ZIP…' }), async (dialog) => {
      expect(await dialog.getByTestId('export-unreadable').innerText()).toContain('1 of these files could not be read');
    });
    expect(all.fileName).toBe('library.zip'); // the folder all the samples share
    expect(all.entries.map((e) => e.name)).not.toContainEqual(expect.stringContaining('cover-art'));
    expect(all.entries).toHaveLength(FIXTURE_AUDIO_COUNT - 1 + 2);
    await page
      .locator('.notice', { hasText: 'Exported 8 files to library.zip; 1 file the analysis could not read was left out' })
      .waitFor();
    await page.keyboard.press('Escape');

    // One sample is saved as its own file, as it is.
    await row(page, 'kick.mp3').click();
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save a copy…' }).click();
    const saved = await saving;
    expect(saved.suggestedFilename()).toBe('kick.mp3');
    expect((await readFile((await saved.path())!)).equals(await readFile(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`))).toBe(true);

    // The choice is kept for the next export.
    await page.getByRole('button', { name: 'Export collection Drum kit as ZIP' }).click();
    const again = page.getByRole('dialog', { name: 'Export 3 samples' });
    expect(await again.getByLabel('One folder per category', { exact: false }).isChecked()).toBe(true);
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('backs up the library and restores it into a fresh profile', async () => {
    await row(page, 'kick.mp3').click();
    await page.keyboard.press('5');
    await page.keyboard.press('f');
    await expect.poll(async () => (await samples(page)).find((s) => s.name === 'kick.mp3')?.rating, { timeout: 5_000 }).toBe(5);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Back up tags/ }).click();
    await page
      .locator('.notice', { hasText: /^Backed up 9 samples \(\d with tags, ratings, favourites, notes or corrections\) and 2 collections/ })
      .waitFor();
    const backupPath = join(await mkdtemp(join(tmpdir(), 'samplemind-backup-')), 'backup.json');
    await (await downloading).saveAs(backupPath); // the download goes when its browser context closes
    await context.close();

    const fresh = await profileWithLibrary();
    // Work done in the new profile before restoring, on a sample the backup has without tags or rating.
    await row(fresh.page, 'epiano-loop.flac').click();
    await fresh.page.keyboard.press('2');
    const epiano = async () => (await samples(fresh.page)).find((s) => s.name === 'epiano-loop.flac')?.rating ?? 0;
    await expect.poll(epiano, { timeout: 5_000 }).toBe(2);
    const restore = async (): Promise<void> => {
      await fresh.page.getByLabel('Restore a backup').setInputFiles(backupPath);
      const question = fresh.page.getByRole('group', { name: 'Restore backup backup.json?' });
      await expect
        .poll(() => question.innerText(), { timeout: 10_000 })
        .toMatch(/\? \d+ of its \d+ samples get back the tags, ratings, favourites, notes and corrections they had then/);
      await question.getByRole('button', { name: 'Restore' }).click();
      await fresh.page.locator('.notice', { hasText: /Restored backup\.json: .* and 2 collections are the backup's again/ }).waitFor();
    };
    await restore();
    const restored = await samples(fresh.page);
    expect(restored.find((s) => s.name === 'kick.mp3')).toMatchObject({ rating: 5, favourite: 1, tags: ['drums'] });
    expect(restored.filter((s) => s.tags?.includes('drums')).length).toBe(3);
    expect(await epiano()).toBe(0); // a restore rolls back, it does not merge
    // Undo puts the profile back as it was: the rating, and no collections.
    await fresh.page.locator('.notice').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(epiano, { timeout: 5_000 }).toBe(2);
    await fresh.page.getByRole('list', { name: 'Collections' }).locator('.nav-item').first().waitFor({ state: 'detached' });
    expect((await samples(fresh.page)).filter((s) => s.tags?.includes('drums')).length).toBe(0);
    await restore();
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
