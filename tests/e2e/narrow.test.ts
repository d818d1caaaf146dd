import { describe, expect, it } from 'vitest';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { appForTests, importAndAnalyse, row } from './app';

const app = appForTests();

/** The single-column layout of a phone (390 × 844 CSS px, an iPhone 14's): narrowLayout.css. */
describe('on a phone (production build, Chromium)', () => {
  it('keeps the top bars to a few lines: finding by sound and the project settings scroll sideways on one', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    await importAndAnalyse(page, FIXTURE_LIBRARY, FIXTURE_AUDIO_COUNT);
    const strip = page.locator('.preview-tools');
    const layout = await strip.evaluate((element) => {
      const middles = [...element.querySelectorAll('button, input:not([type=file]), select, label.button')].map((control) => {
        const box = control.getBoundingClientRect();
        return box.top + box.height / 2;
      });
      const offTheFirstLine = middles.filter((middle) => Math.abs(middle - middles[0]!) > 4).length;
      return { offTheFirstLine, scrolls: element.scrollWidth > element.clientWidth };
    });
    // By sound…, Record, Level match, tempo, key, Sync tempo, the click and Sync key on one line
    // (they took three), the rest of it a scroll away.
    expect(layout).toEqual({ offTheFirstLine: 0, scrolls: true });
    const listTop = await page.locator('.library-header').evaluate((header) => header.getBoundingClientRect().top);
    expect(listTop).toBeLessThan(200); // it was 245 of the 844
    // Scrolled into view, the last of them works as on a desktop.
    const syncKey = page.getByRole('button', { name: /Sync key/ });
    await syncKey.scrollIntoViewIfNeeded();
    expect(await syncKey.isVisible()).toBe(true);
    // The page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('opens the folders from ☰ and the selected sample under the list', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Folders and collections' }).click();
    const folders = page.getByRole('tree', { name: 'Folders' });
    await folders.locator('.nav-item', { hasText: 'Loops' }).first().locator('.nav-label').click();
    // Picking a folder closes the drawer and shows its samples.
    await folders.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.locator('.library-row .cell-name').allInnerTexts())
      .toEqual(['epiano-loop.flac', 'rock-drums.ogg', 'synth-bass-loop.flac']);
    await row(page, 'epiano-loop.flac').click();
    expect(await page.getByTestId('detail-name').innerText()).toBe('epiano-loop.flac');
    const close = page.getByRole('button', { name: 'Close details' });
    expect(await close.isVisible()).toBe(true);
    await close.click();
    await page.getByTestId('detail-name').waitFor({ state: 'detached' });
  });
});
