import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';

/** Helpers that drive the app the way a user does, for the e2e suites. */

export interface AppUnderTest {
  server: AppServer;
  browser: Browser;
  page: Page;
}

/**
 * For a test file that needs nothing more: the production build served and Chromium started with
 * a page on the app before its tests, both closed after them. Its fields are set once they run.
 */
export function appForTests(): AppUnderTest {
  const app = {} as AppUnderTest;
  beforeAll(async () => {
    app.server = await serveProductionBuild();
    app.browser = await launchChromium();
    app.page = await openAppWithoutDirectoryPicker(app.browser, app.server.origin);
  }, 60_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export async function importFolderThroughInput(page: Page, folder: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add folder' }).first().click();
  await (await chooser).setFiles(folder);
}

export async function waitForAnalysis(page: Page): Promise<void> {
  await page.locator('[data-testid=analysis-progress]').waitFor({ state: 'detached', timeout: 90_000 });
  await page.waitForFunction(() => document.querySelectorAll('.status-queued').length === 0, null, { timeout: 90_000 });
}

/** Adds a folder through the input, waits until its `count` files are listed, then until they are analysed. */
export async function importAndAnalyse(page: Page, folder: string, count: number): Promise<void> {
  await importFolderThroughInput(page, folder);
  await page
    .getByTestId('sample-count')
    .filter({ hasText: `${count} samples` })
    .waitFor({ timeout: 30_000 });
  await waitForAnalysis(page);
}

/** Shows only `category` ("Kick") through the filter bar's category checkboxes, then closes them. */
export async function chooseCategory(page: Page, category: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Filters' })
    .getByRole('button', { name: /^Category:/ })
    .click();
  await page.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: category, exact: true }).check();
  await page.keyboard.press('Escape');
}

export function row(page: Page, name: string) {
  return page.locator('.library-row', { has: page.locator('.cell-name', { hasText: name }) });
}

/** The text of each cell of a row, by column header. */
export async function rowCells(page: Page, name: string): Promise<Record<string, string>> {
  const headers = await page.locator('[role=columnheader]').allInnerTexts();
  const cells = await row(page, name).locator('[role=gridcell]').allInnerTexts();
  return Object.fromEntries(headers.map((h, i) => [h.replace(/[▲▼]/g, '').trim().toLowerCase(), (cells[i] ?? '').trim()]));
}

/** Records every request the pages of a context make that leaves `origin`. */
export function recordOffsiteRequests(context: BrowserContext, origin: string): string[] {
  const offsite: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) offsite.push(url);
  });
  return offsite;
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  }
}

export function audioContextState(page: Page): Promise<string> {
  return page.evaluate(() =>
    (window as unknown as { samplemind: { player: { contextState(): string } } }).samplemind.player.contextState(),
  );
}

/**
 * A page on the app in a fresh profile of a browser without the File System Access directory
 * picker (folders come in through <input webkitdirectory>, copied into OPFS).
 */
export async function openAppWithoutDirectoryPicker(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  await context.addInitScript(() => {
    delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  });
  const page = await context.newPage();
  await page.goto(origin);
  return page;
}
