import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { importFolderThroughInput, openAppWithoutDirectoryPicker, row, waitForAnalysis } from './app';
import { seriousViolations } from './axe';

let server: AppServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  page = await openAppWithoutDirectoryPicker(browser, server.origin);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Violation ids with where they occur, readable in a failure message. */
const describeViolations = async (): Promise<string[]> =>
  (await seriousViolations(page)).map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('accessibility (axe-core, WCAG 2.1 A/AA, production build)', () => {
  it('has no serious or critical violations on the empty library', async () => {
    expect(await describeViolations()).toEqual([]);
  });

  it('has none with a library, filters, a selected sample and its details', async () => {
    await importFolderThroughInput(page, FIXTURE_LIBRARY);
    await page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor();
    await waitForAnalysis(page);
    await row(page, 'epiano-loop.flac').click();
    await page.getByRole('radio', { name: 'Loops' }).click();
    expect(await describeViolations()).toEqual([]);
  });

  it('has none with several samples selected and with the help overlay open', async () => {
    await row(page, 'rock-drums.ogg').click({ modifiers: ['Shift'] });
    await page.getByTestId('bulk-count').waitFor();
    expect(await describeViolations()).toEqual([]);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await describeViolations()).toEqual([]);
  });
});
