import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_MICROPHONE_ARGS, launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { seriousViolations } from './axe';
import { importAndAnalyse, openAppWithoutDirectoryPicker, row } from './app';

/** Eight drum hits from two kits: three kicks, two snares, two hi-hats, a clap (tests/fixtures/README.md). */
const SIMILAR_FIXTURES = 'tests/fixtures/similar';

let server: AppServer;
let browser: Browser;
let page: Page;
const visibleNames = (): Promise<string[]> => page.locator('.library-row .cell-name').allInnerTexts();

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium(FAKE_MICROPHONE_ARGS);
  page = await openAppWithoutDirectoryPicker(browser, server.origin);
  await importAndAnalyse(page, SIMILAR_FIXTURES, 8);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('more like this (production build, Chromium)', () => {
  it('lists the other kicks first for a kick, combined with the filters, and goes back with Esc', async () => {
    await row(page, 'kick-lite.flac').click();
    await page.getByRole('button', { name: 'More like this' }).click();
    const bar = page.getByRole('region', { name: 'More like this' });
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 10_000 }).toBe('7 closest one-shots, best first');
    expect(await page.getByTestId('similar-reference').innerText()).toBe('kick-lite.flac');
    // Not in the list, the reference still plays on Space: its panel shows it.
    await page.locator('.library-body').focus();
    await page.waitForFunction(
      () => (window as unknown as { samplemind: { player: { current: number | null } } }).samplemind.player.current === null,
    );
    // Watched frame by frame from before the key: a kick is over in a fraction of a second.
    const played = page.waitForFunction(
      () => (window as unknown as { samplemind: { player: { current: number | null } } }).samplemind.player.current !== null,
      null,
      { polling: 'raf', timeout: 5_000 },
    );
    await page.keyboard.press(' ');
    await played;
    expect(await page.getByTestId('detail-name').innerText()).toBe('kick-lite.flac');
    const names = await visibleNames();
    expect(names).toHaveLength(7);
    expect(names.slice(0, 2).sort()).toEqual(['kick-hard.flac', 'kick-old.flac']);
    expect(names).not.toContain('kick-lite.flac');
    // The bar and its sliders pass axe-core's WCAG 2.1 A/AA checks like the rest of the app.
    expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Only pitch counts: another order, still every other sample.
    for (const aspect of ['Timbre', 'Envelope', 'Rhythm', 'Brightness']) await bar.getByLabel(`${aspect} weight`).fill('0');
    await bar.getByLabel('Pitch weight').fill('3');
    await expect.poll(() => bar.getByRole('button', { name: 'Overall' }).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => visibleNames().then((n) => n.length), { timeout: 5_000 }).toBe(7);
    await bar.getByRole('button', { name: 'Overall' }).click();
    await expect
      .poll(() => visibleNames().then((n) => n.slice(0, 2).sort()), { timeout: 5_000 })
      .toEqual(['kick-hard.flac', 'kick-old.flac']);

    // Combined with a search: only the snares are candidates now.
    await page.getByRole('searchbox').fill('snare');
    await expect.poll(() => visibleNames().then((n) => [...n].sort()), { timeout: 5_000 }).toEqual(['snare-808.flac', 'snare-ee.flac']);
    await page.getByRole('searchbox').fill('');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => visibleNames().then((n) => n.length), { timeout: 5_000 }).toBe(8);
  });

  it('finds the samples that sound like a file from outside the library, without importing it', async () => {
    // The kick of the main fixture library (another kick of the same kit as kick-lite/hard/old).
    await page.getByLabel('Find by sound: choose an example file').setInputFiles(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`);
    const bar = page.getByRole('region', { name: 'More like this' });
    await expect.poll(() => page.getByTestId('similar-reference').innerText(), { timeout: 15_000 }).toBe('kick.mp3');
    // Kept to the example's kind, as "more like this" keeps to the reference's (this library holds one-shots only).
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 10_000 }).toBe('8 closest one-shots, best first');
    expect((await visibleNames()).slice(0, 3).sort()).toEqual(['kick-hard.flac', 'kick-lite.flac', 'kick-old.flac']);
    expect((await bar.innerText()).toLowerCase()).toContain('your example, not added to the library');
    expect(await page.getByTestId('sample-count').innerText()).toBe('8 samples'); // the example was not imported
    // What the example is, and a way to hear it (the list cannot play it: it is not in the library).
    expect(await bar.getByTestId('example-facts').innerText()).toMatch(/^kick · One-shot/);
    await bar.getByRole('button', { name: 'Play the example' }).click();
    await bar.getByRole('button', { name: 'Stop the example' }).waitFor();
    await bar.getByRole('button', { name: 'Stop the example' }).click();
    await bar.getByRole('button', { name: 'Close more like this' }).click();
    await bar.waitFor({ state: 'detached' });
  });

  it('searches with a file dropped on "By sound…" instead of importing it', async () => {
    const bytes = [...(await readFile(`${FIXTURE_LIBRARY}/One-shots/Drums/kick.mp3`))];
    const dataTransfer = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'dropped-kick.mp3', { type: 'audio/mpeg' }));
      return transfer;
    }, bytes);
    await page.locator('.example-button').dispatchEvent('drop', { dataTransfer });
    const bar = page.getByRole('region', { name: 'More like this' });
    await expect.poll(() => page.getByTestId('similar-reference').innerText(), { timeout: 15_000 }).toBe('dropped-kick.mp3');
    expect((await visibleNames()).slice(0, 3).sort()).toEqual(['kick-hard.flac', 'kick-lite.flac', 'kick-old.flac']);
    expect(await page.getByTestId('sample-count').innerText()).toBe('8 samples');
    await bar.getByRole('button', { name: 'Close more like this' }).click();
    await bar.waitFor({ state: 'detached' });
  });

  it('records an example from the microphone (a fake one that beeps) and searches with it', async () => {
    await page.getByRole('button', { name: 'Record an example from the microphone and find what sounds like it' }).click();
    const stop = page.getByRole('button', { name: 'Stop recording and search' });
    await stop.waitFor();
    await page.waitForTimeout(1500);
    await stop.click();
    const bar = page.getByRole('region', { name: 'More like this' });
    await expect.poll(() => page.getByTestId('similar-reference').innerText(), { timeout: 15_000 }).toBe('Microphone recording.wav');
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 10_000 }).toBe('8 closest one-shots, best first');
    expect(await page.getByTestId('sample-count').innerText()).toBe('8 samples');
    await bar.getByRole('button', { name: 'Close more like this' }).click();
    await bar.waitFor({ state: 'detached' });
  });

  it('starts from the keyboard with M on the selected sample, found by its name', async () => {
    // Its name typed to find it shows it alone: the search goes, or there was nothing to compare it with.
    await page.getByRole('searchbox').fill('snare-808');
    await expect.poll(visibleNames, { timeout: 5_000 }).toEqual(['snare-808.flac']);
    await row(page, 'snare-808.flac').click();
    await page.keyboard.press('m');
    const bar = page.getByRole('region', { name: 'More like this' });
    await expect.poll(() => page.getByTestId('similar-reference').innerText(), { timeout: 10_000 }).toBe('snare-808.flac');
    await expect.poll(() => visibleNames().then((n) => n.length), { timeout: 10_000 }).toBe(7);
    expect(await page.getByRole('searchbox').inputValue()).toBe('');
    await bar.getByRole('button', { name: 'Close more like this' }).click();
    await bar.waitFor({ state: 'detached' });
  });
  it('finds near-duplicates, keeps the best copy, and tags or hides the others', async () => {
    // The same kick again as an MP3 copy and a byte-identical FLAC, in another folder.
    const folder = join(await mkdtemp(join(tmpdir(), 'samplemind-dupes-')), 'Copies');
    await mkdir(folder);
    await copyFile(`${SIMILAR_FIXTURES}/kick-hard.flac`, join(folder, 'kick-hard (copy).flac'));
    await copyFile(`${FIXTURE_LIBRARY}/One-shots/Drums/snare.aiff`, join(folder, 'snare.aiff'));
    await importAndAnalyse(page, folder, 10);

    // More like this lists other sounds: the kick's copy once, and not at all for the kick itself.
    const bar = page.getByRole('region', { name: 'More like this' });
    await row(page, 'kick-lite.flac').click();
    await page.getByRole('button', { name: 'More like this' }).click();
    await expect
      .poll(() => bar.getByRole('status').innerText(), { timeout: 10_000 })
      .toBe('8 closest one-shots, best first · 1 copy of the same sound left out');
    expect((await visibleNames()).filter((name) => name.startsWith('kick-hard'))).toHaveLength(1);
    await row(page, 'kick-hard.flac').click();
    await page.getByRole('button', { name: 'More like this', exact: true }).click();
    await expect.poll(() => visibleNames(), { timeout: 10_000 }).not.toContain('kick-hard (copy).flac');
    expect(await bar.getByRole('status').innerText()).toBe('8 closest one-shots, best first · 1 copy of the same sound left out');
    await bar.getByRole('button', { name: 'Close more like this' }).click();

    await page.getByRole('button', { name: 'Find near-duplicates…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Near-duplicates' });
    await expect
      .poll(() => dialog.getByRole('status').innerText(), { timeout: 10_000 })
      .toMatch(/^1 sound is in the library more than once/);
    const group = await dialog.getByTestId('duplicate-group').innerText();
    expect(group).toMatch(/Keep: kick-hard(?: \(copy\))?\.flac · FLAC/);
    expect(group.match(/kick-hard/g)).toHaveLength(2);
    await dialog.getByRole('button', { name: 'Tag the 1 extra copy #duplicate' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Tagged, the copies are listed (a chip says why) to be looked over.
    await expect.poll(() => visibleNames(), { timeout: 5_000 }).toHaveLength(1);
    const tagged = (await visibleNames())[0]!;
    expect(tagged).toMatch(/^kick-hard/);
    await page.getByRole('button', { name: 'Remove filter #duplicate' }).click();

    // Hiding: the extra copy leaves the list (a removable chip says so) and comes back with the chip.
    await page.getByRole('button', { name: 'Find near-duplicates…' }).click();
    await dialog.getByRole('button', { name: 'Tag and hide the extra copy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => visibleNames(), { timeout: 5_000 }).toHaveLength(9);
    expect(await visibleNames()).not.toContain(tagged);
    await page.getByRole('button', { name: 'Remove filter hiding #duplicate' }).click();
    await expect.poll(() => visibleNames(), { timeout: 5_000 }).toHaveLength(10);
  });
});
