import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { appForTests, importAndAnalyse, row } from './app';

const app = appForTests();

interface Repository {
  listSamples(): Promise<{ id: number; name: string; folderId: number; favourite?: 0 | 1; rating?: number; tags?: string[] }[]>;
  listFolders(): Promise<{ id: number; name: string }[]>;
  collections: { list(): Promise<{ name: string; sampleIds: number[] }[]> };
}
type TestWindow = Window & { samplemind: { repository: Repository } };

const samples = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.listSamples());
const folders = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.listFolders());
const collections = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.collections.list());
const visibleNames = (page: Page) => page.locator('.library-row .cell-name').allInnerTexts();
/** The top-level nodes of the folder tree: the folders the user added. */
const sourceFolders = (page: Page) => page.locator('[role=tree][aria-label=Folders] > li > .nav-item .nav-label').allInnerTexts();
/** The folders whose files the app keeps copies of in the Origin Private File System. */
const copiedFolders = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const library = await root.getDirectoryHandle('library');
    const names: string[] = [];
    for await (const name of (library as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });

describe('editing the library (production build, Chromium)', () => {
  it('removes a folder with its samples through the folder tree, and takes a sample out of a collection', async () => {
    const { page } = app;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await importAndAnalyse(page, FIXTURE_LIBRARY, FIXTURE_AUDIO_COUNT);
    await importAndAnalyse(page, `${FIXTURE_LIBRARY}/Loops`, FIXTURE_AUDIO_COUNT + 3); // a second source folder, "Loops"
    expect(await sourceFolders(page)).toEqual(['library', 'Loops']);
    const loops = (await folders(page)).find((f) => f.name === 'Loops')!;
    expect((await copiedFolders(page)).length).toBe(2);

    // A collection with samples of both folders: two of the Loops folder's loops, and two drums.
    const tree = page.getByRole('tree', { name: 'Folders' });
    await tree.locator(':scope > li > .nav-item').filter({ hasText: 'Loops' }).locator('.nav-label').click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['epiano-loop.flac', 'rock-drums.ogg', 'synth-bass-loop.flac']);
    await row(page, 'rock-drums.ogg').click();
    await row(page, 'synth-bass-loop.flac').click({ modifiers: ['Control'] });
    await page.getByLabel('Add to collection').selectOption('new');
    await page.getByLabel('Name of the new collection').fill('Picks');
    await page.keyboard.press('Enter');
    await tree.locator(':scope > li > .nav-item').filter({ hasText: 'Loops' }).locator('.nav-label').click(); // the filter off
    await row(page, 'kick.mp3').click();
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    await page.getByLabel('Add to collection').selectOption({ label: 'Picks (2)' });
    await expect.poll(async () => (await collections(page))[0]?.sampleIds.length, { timeout: 5_000 }).toBe(4);

    // × asks first, in place; Escape keeps the folder and gives the keyboard back to ×.
    const remove = page.getByRole('button', { name: 'Remove folder Loops from the library' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: 'Remove folder Loops from the library?' });
    expect(await question.innerText()).toContain(
      'Remove “Loops” and its 3 samples from the library? The copies kept in this browser are deleted; your files on disk are not touched.',
    );
    // The keyboard starts on the safe answer.
    expect(await question.getByRole('button', { name: 'Keep' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await remove.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await question.getByRole('button', { name: 'Remove' }).click();

    // Gone from the list, its count, the tree, the database, the collection and the browser's storage, without a reload.
    await page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor({ timeout: 10_000 });
    expect(await sourceFolders(page)).toEqual(['library']);
    expect(await tree.getByRole('button', { name: 'Remove folder library from the library' }).count()).toBe(1);
    const left = await samples(page);
    expect(left).toHaveLength(FIXTURE_AUDIO_COUNT);
    expect(left.filter((s) => s.folderId === loops.id)).toEqual([]);
    expect((await folders(page)).map((f) => f.name)).toEqual(['library']);
    expect(await copiedFolders(page)).not.toContain(String(loops.id));
    const picks = page.getByRole('list', { name: 'Collections' }).locator('.nav-item', { hasText: 'Picks' });
    await expect.poll(() => picks.locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('2');

    // In the open collection, the detail panel takes the selected sample out of it; the next one is shown.
    await picks.click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['kick.mp3', 'snare.aiff']);
    // The count is the collection's: "2 of 9 samples" read as seven hidden by a filter.
    expect(await page.getByTestId('sample-count').innerText()).toBe('2 samples');
    await row(page, 'kick.mp3').click();
    await page.getByRole('button', { name: 'Remove from “Picks”' }).click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['snare.aiff']);
    expect(await page.getByTestId('detail-name').innerText()).toBe('snare.aiff');
    const kick = left.find((s) => s.name === 'kick.mp3')!;
    const snare = left.find((s) => s.name === 'snare.aiff')!;
    expect((await collections(page))[0]?.sampleIds).toEqual([snare.id]);
    expect(left.some((s) => s.id === kick.id)).toBe(true); // out of the collection, still in the library
    await page.getByRole('button', { name: 'All samples' }).click();
    await expect.poll(() => visibleNames(page).then((names) => names.includes('kick.mp3')), { timeout: 5_000 }).toBe(true);
    expect(errors).toEqual([]);
  });

  it('takes away the notice about unreadable files with the last folder that held them', async () => {
    const { page } = app;
    // The first import's summary stays until dismissed: cover-art.aiff, in "library", is not audio.
    const unreadable = page.locator('.notice', { hasText: '1 file could not be read' });
    expect(await unreadable.count()).toBe(1);
    // Work on a sample, for the next test: the snare is also in "Picks".
    await row(page, 'snare.aiff').click();
    await page.keyboard.press('f');
    await page.keyboard.press('4');
    await expect.poll(async () => (await samples(page)).find((s) => s.name === 'snare.aiff')?.rating, { timeout: 5_000 }).toBe(4);
    await page.getByRole('button', { name: 'Remove folder library from the library' }).click();
    const question = page.getByRole('group', { name: 'Remove folder library from the library?' });
    expect(await question.innerText()).toContain(
      'Tags, ratings, favourites, notes and collections are kept: add the folder again and they come back.',
    );
    await question.getByRole('button', { name: 'Remove' }).click();
    const removed = page.locator('.notice', { hasText: 'Removed “library”' });
    await removed.waitFor();
    expect(await removed.innerText()).toContain('The tags, ratings, collections… of one of them come back when you add the folder again.');
    // "Show them" would have shown nothing.
    expect(await unreadable.count()).toBe(0);
    // The library is empty now; the start screen says the work is not lost.
    expect(await page.getByTestId('kept-work').innerText()).toContain('samples in “Loops”, “library” are kept: add those folders again');
  });

  it("gives a removed folder's work back when it is added again: favourite, rating and collection", async () => {
    const { page } = app;
    await importAndAnalyse(page, FIXTURE_LIBRARY, FIXTURE_AUDIO_COUNT);
    const snare = (await samples(page)).find((s) => s.name === 'snare.aiff')!;
    expect(snare).toMatchObject({ favourite: 1, rating: 4 });
    expect((await samples(page)).filter((s) => s.favourite || s.rating)).toHaveLength(1);
    await page.locator('.notice', { hasText: 'of 1 sample in “library” are back, as they were when the folder was removed' }).waitFor();
    const picks = page.getByRole('list', { name: 'Collections' }).locator('.nav-item', { hasText: 'Picks' });
    await expect.poll(() => picks.locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('1');
    expect((await collections(page))[0]?.sampleIds).toEqual([snare.id]);
    await page.getByRole('button', { name: /Favourites/ }).click();
    await expect.poll(() => visibleNames(page), { timeout: 5_000 }).toEqual(['snare.aiff']);
  });
});
