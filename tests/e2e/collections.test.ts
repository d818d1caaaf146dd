import type { JSHandle, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAMPLE_IDS_TYPE } from '../../src/domain/library/sampleDrag';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { appForTests, importAndAnalyse, row } from './app';
import { seriousViolations } from './axe';

const app = appForTests();

interface Repository {
  listSamples(): Promise<{ id: number; name: string }[]>;
  collections: {
    list(): Promise<{ name: string; sampleIds: number[]; query?: string }[]>;
    create(name: string, sampleIds: number[]): Promise<unknown>;
  };
}
type TestWindow = Window & { samplemind: { repository: Repository } };

const collections = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.collections.list());
/** The names of the samples in a collection, as the database has them. */
async function members(page: Page, name: string): Promise<string[]> {
  const samples = await page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.listSamples());
  const collection = (await collections(page)).find((c) => c.name === name);
  return (collection?.sampleIds ?? []).map((id) => samples.find((s) => s.id === id)?.name ?? String(id));
}
const sidebarCollection = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Collections' }).locator('.nav-row', { has: page.locator('.nav-item', { hasText: name }) });

/** Starts dragging `name` (the selection, when it is in it) the way the list does, and returns what the drag carries. */
async function startDrag(page: Page, name: string): Promise<JSHandle<DataTransfer>> {
  const source = row(page, name);
  await source.dispatchEvent('mousedown');
  await page.waitForTimeout(300); // the files are read on mouse down, before the drag starts
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await source.dispatchEvent('dragstart', { dataTransfer: transfer });
  return transfer;
}

describe('collections from one sample, by drag and drop, and saved searches (production build, Chromium)', () => {
  it('adds the selected sample from its detail panel, shows and undoes it, and takes it out again', async () => {
    const { page } = app;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await importAndAnalyse(page, FIXTURE_LIBRARY, FIXTURE_AUDIO_COUNT);

    // One sample selected (a plain click, no Ctrl-click on a second): a new collection from its panel.
    await row(page, 'kick.mp3').click();
    const detail = page.getByRole('complementary', { name: 'Sample details' });
    const picker = detail.getByLabel('Add to collection');
    await picker.selectOption('new');
    await detail.getByLabel('Name of the new collection').fill('Track X');
    await page.keyboard.press('Enter');
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3']);
    expect(await detail.getByTestId('collection-notice').innerText()).toContain('New collection “Track X” with kick.mp3');
    expect(await detail.getByTestId('sample-collections').innerText()).toContain('Track X');
    // The keyboard is back on the picker, for the next one.
    expect(await picker.evaluate((select) => select === document.activeElement)).toBe(true);

    // Audition on with the keyboard to the snare, and put it in "Track X".
    await row(page, 'snare.aiff').click();
    expect(await detail.getByTestId('collection-notice').count()).toBe(0); // the kick's notice is not the snare's
    expect(await detail.getByTestId('sample-collections').count()).toBe(0);
    await page.keyboard.press('c'); // C takes the keyboard to the picker
    expect(await picker.evaluate((select) => select === document.activeElement)).toBe(true);
    // ↓ and typed letters do not pick while it is closed (each pick adds to a collection), and
    // Escape gives the keyboard back to the panel.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('t');
    await page.keyboard.press('Escape');
    expect(await detail.evaluate((panel) => panel === document.activeElement)).toBe(true);
    expect(await members(page, 'Track X')).toEqual(['kick.mp3']);
    // So does Escape in the tag box (T), and what was typed there is dropped, not added.
    await page.keyboard.press('t');
    await page.keyboard.type('maybe');
    await page.keyboard.press('Escape');
    expect(await detail.evaluate((panel) => panel === document.activeElement)).toBe(true);
    expect(await detail.locator('.tag-chip').count()).toBe(0);
    expect(await detail.getByLabel('Add tags to this sample').inputValue()).toBe('');
    expect(await detail.getByTestId('collection-notice').count()).toBe(0);
    await page.keyboard.press('c');
    await picker.selectOption({ label: 'Track X (1)' });
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3', 'snare.aiff']);
    expect(await detail.getByTestId('collection-notice').innerText()).toContain('Added snare.aiff to “Track X”');
    await expect.poll(() => sidebarCollection(page, 'Track X').locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('2');
    // It is in it now: the picker ticks it and does not offer it again.
    const option = picker.locator('option', { hasText: 'Track X' });
    expect(await option.innerText()).toBe('✓ Track X (2)');
    expect(await option.isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]); // the notice, the ticked option, the collection's chip

    // Undo takes out what was added, and only that.
    await detail.getByTestId('collection-notice').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3']);
    await picker.selectOption({ label: 'Track X (1)' });
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3', 'snare.aiff']);

    // × on the collection it is in takes it out; the library keeps it.
    await detail.getByRole('button', { name: 'Take it out of collection Track X' }).click();
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3']);
    await detail.getByTestId('sample-collections').waitFor({ state: 'detached' });
    expect(await row(page, 'snare.aiff').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('adds a dragged row, or the dragged selection, to the collection it is dropped on, and keeps the drag out of the app', async () => {
    const { page } = app;
    const trackX = sidebarCollection(page, 'Track X');

    // One row: it carries its file for the desktop and its id for the app.
    const single = await startDrag(page, 'hihat.wav');
    const carried = await single.evaluate(
      (dt, type) => ({ ids: dt.getData(type), url: dt.getData('DownloadURL'), files: dt.files.length }),
      SAMPLE_IDS_TYPE,
    );
    expect(carried.url).toMatch(/^audio\/(x-)?wav:hihat\.wav:blob:/);
    expect(carried.files).toBe(1);
    expect(JSON.parse(carried.ids)).toHaveLength(1);

    // Over the collection: highlighted, and not mistaken for files to import (the window's drop zone stays away).
    await trackX.dispatchEvent('dragenter', { dataTransfer: single });
    await trackX.dispatchEvent('dragover', { dataTransfer: single });
    expect(await trackX.getAttribute('class')).toContain('drop-target');
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    await trackX.dispatchEvent('drop', { dataTransfer: single });
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3', 'hihat.wav']);
    expect(await trackX.getAttribute('class')).not.toContain('drop-target');
    await page.getByText('Added hihat.wav to “Track X”').waitFor({ timeout: 5_000 });

    // A selection goes whole; a sample in it already is counted, not added twice.
    await row(page, 'kick.mp3').click();
    await row(page, 'snare.aiff').click({ modifiers: ['Control'] });
    await row(page, 'bass-G2.m4a').click({ modifiers: ['Control'] });
    const several = await startDrag(page, 'snare.aiff');
    await trackX.dispatchEvent('dragenter', { dataTransfer: several });
    await trackX.dispatchEvent('dragover', { dataTransfer: several });
    await trackX.dispatchEvent('drop', { dataTransfer: several });
    await expect.poll(() => members(page, 'Track X'), { timeout: 5_000 }).toEqual(['kick.mp3', 'hihat.wav', 'snare.aiff', 'bass-G2.m4a']);
    await page.getByText('Added 2 samples to “Track X” (1 was in it already)').waitFor({ timeout: 5_000 });
    // Nothing was imported again by the drop.
    expect(await page.getByTestId('sample-count').innerText()).toContain(`${FIXTURE_AUDIO_COUNT} samples`);
    await page.keyboard.press('Escape');
  });

  it('names a saved search after what it searches for', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Loops' }).click();
    await page.getByLabel('Minimum BPM').fill('100');
    await page.getByLabel('Maximum BPM').fill('180');
    await page.getByRole('button', { name: 'Save the current filters as a smart collection' }).click();
    const name = page.getByLabel('Name of the smart collection');
    expect(await name.inputValue()).toBe('Loops · 100–180 BPM');
    await name.press('Enter');
    await expect
      .poll(async () => (await collections(page)).filter((c) => c.query).map((c) => c.name), { timeout: 5_000 })
      .toEqual(['Loops · 100–180 BPM']);
    // The whole name on hover, however narrow the sidebar.
    expect(await sidebarCollection(page, 'Loops · 100–180 BPM').locator('.nav-item').getAttribute('title')).toContain(
      'Loops · 100–180 BPM',
    );
    // It says how many samples it finds, as a hand-picked collection says how many it holds.
    await expect.poll(() => sidebarCollection(page, 'Loops · 100–180 BPM').locator('.nav-count').innerText(), { timeout: 5_000 }).toBe('3');
  });
  it('lists the first of many collections a sample is in, and the rest on request', async () => {
    const { page } = app;
    await page.evaluate(async () => {
      const { repository } = (window as unknown as TestWindow).samplemind;
      const hihat = (await repository.listSamples()).find((s) => s.name === 'hihat.wav')!;
      for (const name of ['Set A', 'Set B', 'Set C', 'Set D', 'Set E', 'Set F']) await repository.collections.create(name, [hihat.id]);
    });
    await page.getByRole('button', { name: 'Clear all', exact: true }).click(); // the loops filter of the test before
    await page.reload();
    await row(page, 'hihat.wav').click();
    const list = page.getByRole('complementary', { name: 'Sample details' }).getByTestId('sample-collections');
    const hihat = (await page.evaluate(() => (window as unknown as TestWindow).samplemind.repository.listSamples())).find(
      (s) => s.name === 'hihat.wav',
    )!;
    const total = (await collections(page)).filter((c) => c.sampleIds.includes(hihat.id)).length;
    expect(total).toBeGreaterThanOrEqual(6); // the six above, and any the tests before put it in
    expect(await list.locator('.collection-chip').count()).toBe(4);
    await list.getByRole('button', { name: `+${total - 4} more` }).click();
    expect(await list.locator('.collection-chip').count()).toBe(total);
    await list.getByRole('button', { name: 'fewer' }).click();
    expect(await list.locator('.collection-chip').count()).toBe(4);
  });
});
