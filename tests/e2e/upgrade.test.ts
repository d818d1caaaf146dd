import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { importAndAnalyse, openAppWithoutDirectoryPicker, row, rowCells } from './app';

let server: AppServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  page = await openAppWithoutDirectoryPicker(browser, server.origin);
  await importAndAnalyse(page, 'tests/fixtures/similar', 8);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Turns the library into one an earlier analyser left: no analyser stamps, one kick called a tom and tagged by the user. */
async function ageLibrary(page: Page, name: string): Promise<void> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('samplemind');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['samples', 'analysisStamps'], 'readwrite');
          tx.objectStore('analysisStamps').clear();
          const cursor = tx.objectStore('samples').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const sample = c.value as { name: string; analysis: { category: string }; tags?: string[]; updatedAt: number };
            if (sample.name === name)
              c.update({ ...sample, analysis: { ...sample.analysis, category: 'tom' }, tags: ['mine'], updatedAt: Date.now() });
            c.continue();
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    name,
  );
}

describe('an update that improves the analysis (production build, Chromium)', () => {
  it('analyses samples from an earlier version again in the background, keeping the user’s tags', async () => {
    expect((await rowCells(page, 'kick-lite.flac')).category).toBe('kick');
    await ageLibrary(page, 'kick-lite.flac');
    await page.reload();
    await row(page, 'kick-lite.flac').waitFor();
    expect((await rowCells(page, 'kick-lite.flac')).category).toBe('tom'); // as the earlier version left it
    await expect.poll(async () => (await rowCells(page, 'kick-lite.flac')).category, { timeout: 30_000 }).toBe('kick');
    await row(page, 'kick-lite.flac').click();
    await expect.poll(() => page.getByRole('complementary', { name: 'Sample details' }).innerText()).toContain('mine');
  }, 60_000);
});
