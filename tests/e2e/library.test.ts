import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { FIXTURE_AUDIO_COUNT, FIXTURE_EXTRA, FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import {
  audioContextState,
  importFolderThroughInput,
  recordOffsiteRequests,
  row,
  rowCells,
  waitForAnalysis,
  waitForServiceWorkerControl,
} from './app';

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let offsite: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  // A browser without the File System Access API: the <input webkitdirectory> path, files
  // copied into the Origin Private File System.
  await context.addInitScript(() => {
    delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  });
  offsite = recordOffsiteRequests(context, server.origin);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('import, analyse, browse and audition a folder (production build, Chromium)', () => {
  it('shows every audio file as soon as it is found, then analyses them in workers', async () => {
    await page.getByRole('heading', { name: 'Your sample library starts here' }).waitFor();
    // A returning user is told how their tags come back: the folders first, then a restore.
    expect(await page.locator('.empty-library').innerText()).toContain('Add the same folders, then use Restore a backup… in the sidebar');
    await importFolderThroughInput(page, FIXTURE_LIBRARY);
    await page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor();
    await waitForAnalysis(page);
    expect(await page.locator('.status-done').count()).toBe(FIXTURE_AUDIO_COUNT - 1);
    expect(await page.locator('.status-failed').count()).toBe(1);
    expect(await row(page, 'notes.txt').count()).toBe(0);
  });

  it('shows duration, BPM and key that match the known values', async () => {
    expect(await rowCells(page, 'epiano-loop.flac')).toMatchObject({ length: '2.79 s', bpm: String(KNOWN.epianoLoop.bpm), key: 'G maj' });
    expect(await rowCells(page, 'synth-bass-loop.flac')).toMatchObject({ length: '4.44 s', bpm: String(KNOWN.bassLoop.bpm), key: 'F maj' });
    // 2.73 s is one bar at 88 or two at 176: read as two bars, shown as uncertain if the rhythm leans to one.
    const drums = await rowCells(page, 'rock-drums.ogg');
    expect(drums.length).toBe('2.73 s');
    expect(drums.bpm).toMatch(new RegExp(`^${KNOWN.drumLoop.bpm}\\??$`));
    expect(await rowCells(page, 'snare.aiff')).toMatchObject({ length: '0.59 s', bpm: '' });
    expect((await rowCells(page, 'kick.mp3')).loudness).toMatch(/^-\d+\.\d LUFS$/);
  });

  it('names the reason a broken file could not be read', async () => {
    // The progress line goes when the run ends; the summary stays until dismissed, and shows the file.
    const summary = page.locator('.notice', { hasText: 'Analysis finished' });
    expect(await summary.locator('span').innerText()).toBe(
      `Analysis finished: ${FIXTURE_AUDIO_COUNT - 1} files analysed, 1 file could not be read.`,
    );
    // The list gets room below its last row for the notices over it, so that row can scroll clear of them.
    const roomBelowNotices = () =>
      page.evaluate(() => {
        const padding = parseFloat(getComputedStyle(document.querySelector('.library-body')!).paddingBottom);
        return padding - document.querySelector<HTMLElement>('.notices')!.offsetHeight;
      });
    await expect.poll(roomBelowNotices, { timeout: 5_000 }).toBe(28);
    await summary.getByRole('button', { name: 'Show them' }).click();
    expect(await summary.count()).toBe(0);
    expect(await page.getByTestId('detail-name').innerText()).toBe('cover-art.aiff');
    // Only the files that could not be read, each with its reason in a word; the sort is left alone.
    expect(await page.locator('.library-row .cell-name').allInnerTexts()).toEqual(['cover-art.aiff']);
    expect((await rowCells(page, 'cover-art.aiff')).status).toBe('Not audio');
    const chip = page.getByTestId('filter-chip').filter({ hasText: 'could not be read' });
    expect(await page.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending');
    await row(page, 'cover-art.aiff').click();
    expect(await page.getByTestId('detail-error').innerText()).toBe('not an audio file despite its .aiff name: it looks like a PNG image');
    // Nothing to play: the button says so rather than doing nothing.
    const playButton = page.getByRole('complementary', { name: 'Sample details' }).getByRole('button', { name: 'Play' });
    expect(await playButton.isDisabled()).toBe(true);
    expect(await playButton.getAttribute('title')).toBe('This file could not be read, so it cannot be played');
    // M says why there is nothing like it (it did nothing).
    await page.keyboard.press('m');
    const why = page.locator('.notice', { hasText: 'cover-art.aiff could not be analysed, so there is no sound to compare it with.' });
    await why.waitFor();
    await why.getByRole('button', { name: 'Dismiss' }).click();
    // The chip gives the whole library back.
    await chip.getByRole('button').click();
    await expect.poll(() => page.locator('.library-row').count()).toBe(FIXTURE_AUDIO_COUNT);
  });

  it('auditions the selected sample, draws its stored waveform, and moves on with the arrow keys', async () => {
    await row(page, 'epiano-loop.flac').click();
    await page.locator('.library-row.playing', { hasText: 'epiano-loop.flac' }).waitFor();
    expect(await audioContextState(page)).toBe('running');
    expect(await page.getByTestId('detail-bpm').innerText()).toContain('172 BPM');
    expect(await page.getByTestId('detail-key').innerText()).toContain('G maj');
    const canvases = await page
      .getByTestId('waveform')
      .evaluate((el) => el.querySelector('div')?.shadowRoot?.querySelectorAll('canvas').length ?? 0);
    expect(canvases).toBeGreaterThan(0);
    // Every analysed row shows its waveform thumbnail; the broken file has none.
    await expect
      .poll(() => row(page, 'epiano-loop.flac').locator('svg.wave-thumb path').getAttribute('d'), { timeout: 5_000 })
      .toMatch(/^M0 [\d.]+h1v[\d.]+h-1z/);
    expect(await row(page, 'cover-art.aiff').locator('svg.wave-thumb').count()).toBe(0);

    const names = await page.locator('.library-row .cell-name').allInnerTexts();
    const next = names[names.indexOf('epiano-loop.flac') + 1]!;
    await page.keyboard.press('ArrowDown');
    await page.locator('.library-row.selected.playing', { hasText: next }).waitFor();
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    await page.locator('.library-row.selected', { hasText: next }).waitFor();
    await row(page, 'rock-drums.ogg').click();
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing', { hasText: 'rock-drums.ogg' }).waitFor();
    await page.keyboard.press('ArrowUp');
    const previous = names[names.indexOf('rock-drums.ogg') - 1]!;
    await page.locator('.library-row.selected.playing', { hasText: previous }).waitFor();
  });

  it('plays or stops on Space after a click on a button or box, which keeps the focus but not the key', async () => {
    await row(page, 'epiano-loop.flac').click();
    await page.locator('.library-row.playing', { hasText: 'epiano-loop.flac' }).waitFor();
    // ½× clicked: the tempo halves once; Space stops and starts the sample (it halved again at each press).
    await page.getByRole('button', { name: '½× halve the tempo' }).click();
    await expect.poll(() => page.getByTestId('detail-bpm').innerText(), { timeout: 5_000 }).toContain('86 BPM');
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing', { hasText: 'epiano-loop.flac' }).waitFor();
    expect(await page.getByTestId('detail-bpm').innerText()).toContain('86 BPM');
    await page.getByRole('button', { name: /^use analysis/ }).click();
    await expect.poll(() => page.getByTestId('detail-bpm').innerText(), { timeout: 5_000 }).toContain('172 BPM');
    // A top-bar toggle the same way: it stays as clicked.
    const levelMatch = page.getByRole('button', { name: 'Level match' });
    const pressed = () => levelMatch.getAttribute('aria-pressed');
    const before = await pressed();
    await levelMatch.click();
    const clicked = await pressed();
    expect(clicked).not.toBe(before);
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    expect(await pressed()).toBe(clicked);
    // Reached with Tab, a button still takes Space as its own.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await levelMatch.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press(' ');
    expect(await pressed()).toBe(before);
  });

  it('plays AIFF, which the browser itself cannot decode', async () => {
    await row(page, 'snare.aiff').click();
    await page.locator('.library-row.playing', { hasText: 'snare.aiff' }).waitFor();
  });

  it('sorts by any column and filters by name and folder as you type', async () => {
    const names = async (): Promise<string[]> => page.locator('.library-row .cell-name').allInnerTexts();
    const bpms = async (): Promise<number[]> => {
      const column = (await page.locator('[role=columnheader]').allInnerTexts()).findIndex((h) => h.startsWith('BPM'));
      const cells = await page.locator(`.library-row [role=gridcell]:nth-child(${column + 1})`).allInnerTexts();
      return cells.filter((c) => c.trim() !== '').map((c) => parseFloat(c));
    };
    await page.getByRole('button', { name: /^BPM/ }).click();
    const ascending = await bpms();
    expect(ascending).toHaveLength(3); // the three loops; one-shots have no tempo and sort last
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect((await names()).slice(3)).not.toContain('epiano-loop.flac');
    await page.getByRole('button', { name: /^BPM/ }).click();
    // The list renders results as a deferred transition: on a loaded machine a frame or two after the input.
    await expect.poll(bpms).toEqual([...ascending].reverse());
    await page.getByRole('searchbox').fill('drums');
    await expect.poll(async () => (await names()).sort()).toEqual(['hihat.wav', 'kick.mp3', 'rock-drums.ogg', 'snare.aiff']);
    await page.getByRole('searchbox').fill('loops bass');
    await expect.poll(names).toEqual(['synth-bass-loop.flac']);
    // ↓ in the search box goes straight to the result (the selection, elsewhere, is not among them).
    expect(await page.getByTestId('detail-name').innerText()).not.toBe('synth-bass-loop.flac');
    await page.keyboard.press('ArrowDown');
    await page.locator('.library-row.selected.playing', { hasText: 'synth-bass-loop.flac' }).waitFor();
    await page.keyboard.press(' ');
    await page.locator('.library-row.playing').waitFor({ state: 'detached' });
    await page.getByRole('searchbox').fill('');
    await expect.poll(async () => (await names()).length, { timeout: 5_000 }).toBe(FIXTURE_AUDIO_COUNT);
  });

  it('says why a typed search finds nothing, and what Enter does with it', async () => {
    const search = page.getByRole('searchbox');
    const noResults = page.locator('.no-results');
    // Mid-typing, "kick 808" is in no name; Enter would read "kick" as the category.
    await search.fill('kick 808');
    await expect
      .poll(() => noResults.innerText())
      .toBe(
        'No sample’s name, folder or tags have “kick 808”. Press Enter to read it as a description (kick, 120 bpm, A minor…). Clear all filters',
      );
    // A word that names nothing and is in no name: Enter says so and what would find it (it did nothing, silently).
    await search.fill('dark');
    await expect.poll(() => noResults.innerText()).toBe('No sample’s name, folder or tags have “dark”. Clear all filters');
    await search.press('Enter');
    await page.locator('.notice', { hasText: 'To find samples by how they sound, add the optional model' }).waitFor();
    await search.fill('');
    await page.locator('.notice', { hasText: 'optional model' }).getByRole('button', { name: 'Dismiss' }).click();
  });

  it("shows each sample's category, and keeps the user's correction of it", async () => {
    expect(await rowCells(page, 'hihat.wav')).toMatchObject({ category: 'hi-hat' });
    expect((await rowCells(page, 'epiano-loop.flac')).category).toBe('keys');
    await row(page, 'kick.mp3').click();
    await page.getByLabel('Correct the category').selectOption('percussion');
    await page.getByText('set by you').waitFor();
    expect((await rowCells(page, 'kick.mp3')).category).toBe('percussion');
    await page.reload();
    await row(page, 'kick.mp3').waitFor();
    expect((await rowCells(page, 'kick.mp3')).category).toBe('percussion');
    await row(page, 'kick.mp3').click();
    await page.getByRole('button', { name: /use analysis/ }).click();
    await expect.poll(async () => (await rowCells(page, 'kick.mp3')).category).not.toBe('percussion');
  });

  it('opens after a reload filtered, searched and sorted as it was left', async () => {
    const filters = page.getByRole('region', { name: 'Filters' });
    await filters.getByRole('radiogroup', { name: 'Kind' }).getByRole('radio', { name: 'Loops' }).click();
    await page.getByRole('searchbox', { name: /Search samples/ }).fill('loop');
    const bpmHeader = page.getByRole('columnheader', { name: /BPM/ });
    await bpmHeader.getByRole('button').click();
    await bpmHeader.getByRole('button').click();
    const names = () => page.locator('.library-row .cell-name').allInnerTexts();
    const before = await names();
    expect(before.length).toBeGreaterThan(1);
    await page.reload();
    await page.locator('.library-row').first().waitFor();
    expect((await page.getByTestId('filter-chip').allInnerTexts()).map((t) => t.replace(/\s*×$/, ''))).toEqual(['“loop”', 'Loops']);
    expect(await page.getByRole('searchbox', { name: /Search samples/ }).inputValue()).toBe('loop');
    expect(await bpmHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual(before);
    // Back to the whole library by name: the next visit opens so too.
    await page
      .locator('.chips')
      .getByRole('button', { name: /Remove filter/ })
      .first()
      .click();
    await page
      .locator('.chips')
      .getByRole('button', { name: /Remove filter/ })
      .first()
      .click();
    await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').click();
    expect(await page.evaluate(() => localStorage.getItem('samplemind.browsing'))).toBeNull();
  });

  it('shows only what fits the project, following its tempo and key, drums and one-shots included', async () => {
    const fits = page.getByRole('button', { name: 'Fits project', exact: true });
    expect(await fits.count()).toBe(0); // nothing to fit before a project tempo or key is set
    await page.getByLabel('Project tempo (BPM)').fill('172');
    await page.getByLabel('Project key').selectOption('G major');
    await fits.click();
    const names = async () => (await page.locator('.library-row .cell-name').allInnerTexts()).map((n) => n.trim()).sort();
    expect(await fits.getAttribute('aria-pressed')).toBe('true');
    expect((await page.getByTestId('filter-chip').allInnerTexts()).map((t) => t.replace(/\s*×$/, ''))).toEqual([
      'fits project (172 BPM · G major)',
    ]);
    // The 176 BPM drum loop is 2 % off and has no key; the bass loop at 108 in F major fits neither.
    await expect
      .poll(names)
      .toEqual(['bass-G2.m4a', 'epiano-loop.flac', 'hihat.wav', 'kick.mp3', 'rock-drums.ogg', 'snare.aiff', 'vocal-drop-it.opus']);
    await page.getByLabel('Project tempo (BPM)').fill('108');
    await page.getByLabel('Project key').selectOption('F major');
    // G, the bass note's root, is in F major's scale too.
    await expect.poll(names).toEqual(['bass-G2.m4a', 'hihat.wav', 'kick.mp3', 'snare.aiff', 'synth-bass-loop.flac', 'vocal-drop-it.opus']);
    // Saved as a smart collection, it means the project of the day: its count and its list follow the top bar.
    await page.getByRole('radiogroup', { name: 'Kind' }).getByRole('radio', { name: 'Loops' }).click();
    await page.getByRole('button', { name: 'Save the current filters as a smart collection' }).click();
    const name = page.getByLabel('Name of the smart collection');
    expect(await name.inputValue()).toBe('Loops · fits project');
    await name.press('Enter');
    const saved = page.getByRole('list', { name: 'Collections' }).locator('.nav-item', { hasText: 'Loops · fits project' });
    await expect.poll(() => saved.locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('1');
    await page.getByLabel('Project tempo (BPM)').fill('172');
    await page.getByLabel('Project key').selectOption('G major');
    await expect.poll(() => saved.locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('2');
    await page.getByRole('button', { name: 'All samples' }).click();
    await saved.click();
    expect((await page.getByTestId('filter-chip').allInnerTexts()).map((t) => t.replace(/\s*×$/, ''))).toEqual([
      'Loops',
      'fits project (172 BPM · G major)',
    ]);
    await expect.poll(names).toEqual(['epiano-loop.flac', 'rock-drums.ogg']);
    await page.getByRole('radiogroup', { name: 'Kind' }).getByRole('radio', { name: 'All' }).click();
    // With no project left the filter goes too (it stayed on, with a project the top bar no longer showed).
    await page.getByLabel('Project tempo (BPM)').fill('');
    expect((await page.getByTestId('filter-chip').allInnerTexts()).map((t) => t.replace(/\s*×$/, ''))).toEqual(['fits project (G major)']);
    await page.getByLabel('Project key').selectOption('');
    expect(await page.getByTestId('filter-chip').count()).toBe(0);
    expect(await fits.count()).toBe(0);
  });

  it('is installable: a manifest with icons and a service worker that controls the page', async () => {
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // The test's browser context is incognito, which alone keeps Chromium from offering to install.
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ name: 'SampleMind', display: 'standalone' });
  });

  it('reloads with the network off and finds the library intact and playable', async () => {
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.reload();
    await page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor();
    expect(await rowCells(page, 'epiano-loop.flac')).toMatchObject({ bpm: '172', key: 'G maj' });
    await row(page, 'synth-bass-loop.flac').click();
    await page.locator('.library-row.playing', { hasText: 'synth-bass-loop.flac' }).waitFor();
  });

  it('imports and analyses one more file while offline', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add folder' }).first().click();
    await (await chooser).setFiles(FIXTURE_EXTRA.replace(/\/[^/]+$/, ''));
    await page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT + 1} samples` })
      .waitFor();
    await waitForAnalysis(page);
    expect(await rowCells(page, 'brass-stab-G2.flac')).toMatchObject({ length: '1.90 s', status: 'Analysed' });
    await context.setOffline(false);
  });

  it('never made a request outside its own origin, and threw no page errors', () => {
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
