import { describe, expect, it } from 'vitest';
import { FIXTURE_AUDIO_COUNT, FIXTURE_LIBRARY } from '../fixtures/fixtures';
import { appForTests, importFolderThroughInput, row, waitForAnalysis } from './app';
import { seriousViolations } from './axe';

const app = appForTests();

/** Violation ids with where they occur, readable in a failure message. */
const describeViolations = async (): Promise<string[]> =>
  (await seriousViolations(app.page)).map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

describe('accessibility (axe-core, WCAG 2.1 A/AA, production build)', () => {
  it('has no serious or critical violations on the empty library', async () => {
    expect(await describeViolations()).toEqual([]);
  });

  it('has none with a library, filters, a selected sample and its details', async () => {
    await importFolderThroughInput(app.page, FIXTURE_LIBRARY);
    await app.page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor();
    await waitForAnalysis(app.page);
    await row(app.page, 'epiano-loop.flac').click();
    await app.page.getByRole('radio', { name: 'Loops' }).click();
    expect(await describeViolations()).toEqual([]);
  });

  it('has none with several samples selected and with the help overlay open', async () => {
    await row(app.page, 'rock-drums.ogg').click({ modifiers: ['Shift'] });
    await app.page.getByTestId('bulk-count').waitFor();
    expect(await describeViolations()).toEqual([]);
    await app.page.keyboard.press('?');
    await app.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await describeViolations()).toEqual([]);
  });

  it('keeps Tab inside a dialog, past a closed section with a field in it', async () => {
    await app.page.keyboard.press('Escape'); // the help overlay the test before left open
    await app.page.getByRole('button', { name: 'Sound search by words: settings' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Sound search by words (optional)' });
    await dialog.waitFor();
    // The closed "Advanced" holds a URL field: it counted as the last control, so Tab left the dialog.
    for (let i = 0; i < 12; i++) {
      await app.page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    for (let i = 0; i < 12; i++) {
      await app.page.keyboard.press('Shift+Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await app.page.keyboard.press('Escape');
  });

  it('lets a keyboard user skip the top bar, the sidebar and the filters to the list', async () => {
    await app.page.reload(); // a fresh page: the keyboard starts at its top
    await app.page
      .getByTestId('sample-count')
      .filter({ hasText: `${FIXTURE_AUDIO_COUNT} samples` })
      .waitFor();
    await app.page.keyboard.press('Tab');
    const skip = app.page.getByRole('link', { name: 'Skip to the sample list' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0); // shown once focused
    await app.page.keyboard.press('Enter');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Sample list');
    expect(await describeViolations()).toEqual([]);
  });
});
