import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { seriousViolations } from './axe';
import { chooseCategory, importAndAnalyse, openAppWithoutDirectoryPicker } from './app';

/** Eight drum hits from two kits: three kicks, two snares, two hi-hats, a clap (tests/fixtures/README.md). */
const SIMILAR_FIXTURES = 'tests/fixtures/similar';
const NAMES = /^(kick|snare|hihat|clap)/;

let server: AppServer;
let browser: Browser;
let page: Page;

/** Centres of the coloured blobs the canvas shows (points are a few pixels wide), in page coordinates. */
async function pointsOnCanvas(): Promise<{ x: number; y: number; rgb: string }[]> {
  return page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const rect = canvas.getBoundingClientRect();
    const seen = new Uint8Array(width * height);
    const found: { x: number; y: number; rgb: string }[] = [];
    for (let i = 0; i < width * height; i++) {
      const [r, g, b] = [data[4 * i]!, data[4 * i + 1]!, data[4 * i + 2]!];
      // Background is #0d1119; a point in full colour is far brighter (a faded one stays under 200), not next to one already found.
      if (seen[i] || r + g + b < 200) continue;
      const x = i % width;
      const y = Math.floor(i / width);
      for (let dy = -6; dy <= 6; dy++) for (let dx = -6; dx <= 6; dx++) seen[(y + dy) * width + x + dx] = 1;
      found.push({ x: rect.left + ((x + 1) * rect.width) / width, y: rect.top + ((y + 1) * rect.height) / height, rgb: `${r},${g},${b}` });
    }
    return found;
  });
}

/** The share of the canvas the lit pixels span (width, height), and the widest run of lit pixels in a row (a dot's size). */
async function cloudOnCanvas(): Promise<{
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  dot: number;
}> {
  return page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let [left, right, top, bottom, dot] = [width, 0, height, 0, 0];
    for (let y = 0; y < height; y++) {
      for (let x = 0, run = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        run = data[i]! + data[i + 1]! + data[i + 2]! >= 200 ? run + 1 : 0;
        if (run === 0) continue;
        [left, right, top, bottom, dot] = [
          Math.min(left, x),
          Math.max(right, x),
          Math.min(top, y),
          Math.max(bottom, y),
          Math.max(dot, run),
        ];
      }
    }
    return { left, right, top, bottom, width, height, dot };
  });
}

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  page = await openAppWithoutDirectoryPicker(browser, server.origin);
  await importAndAnalyse(page, SIMILAR_FIXTURES, 8);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('map of the library (production build, Chromium)', () => {
  it('draws every analysed sound, plays the one under the pointer and selects it on click', async () => {
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await expect.poll(() => page.getByTestId('map-status').innerText(), { timeout: 30_000 }).toMatch(/^8 sounds/);
    await expect.poll(async () => (await pointsOnCanvas()).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    const [point] = await pointsOnCanvas();
    await page.mouse.move(point!.x, point!.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor({ timeout: 5_000 });
    const name = await tooltip.locator('strong').innerText();
    expect(name).toMatch(NAMES);
    await tooltip.getByText('▶ playing').waitFor({ timeout: 10_000 });

    await page.mouse.click(point!.x, point!.y);
    await expect.poll(() => page.getByTestId('detail-name').innerText(), { timeout: 5_000 }).toBe(name);
  });

  it('fades the sounds the filters leave out and colours by key on request', async () => {
    // No hover or selection rings: only the points are counted.
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('map-tooltip').count()).toBe(0);
    const bright = (await pointsOnCanvas()).length;
    await chooseCategory(page, 'Kick');
    await expect.poll(() => page.getByTestId('map-status').innerText()).toMatch(/8 sounds, 3 match the filters/);
    await expect.poll(async () => (await pointsOnCanvas()).length).toBeLessThan(bright);
    await page
      .getByRole('button', { name: /Remove filter/ })
      .first()
      .click();
    await page.getByLabel('Colour by').selectOption('key');
    await page.getByRole('list', { name: 'Key colours (Camelot)' }).waitFor();
    await page.getByLabel('Colour by').selectOption('category');
    await page.getByRole('list', { name: 'Category colours' }).getByText('kick').waitFor();
  });

  it('lassoes sounds into a selection that becomes a collection', async () => {
    await page.getByRole('button', { name: 'Lasso' }).click();
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    const corner = (fx: number, fy: number): [number, number] => [box.x + box.width * fx, box.y + box.height * fy];
    await page.mouse.move(...corner(0.01, 0.01));
    await page.mouse.down();
    for (const [fx, fy] of [
      [0.99, 0.01],
      [0.99, 0.99],
      [0.01, 0.99],
    ] as const)
      await page.mouse.move(...corner(fx, fy), { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('map-status').innerText()).toMatch(/^8 selected by the lasso/);
    await page.getByLabel('Add to collection').selectOption('new');
    await page.getByLabel('Name of the new collection').fill('From the map');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Collections' }).getByText('From the map').waitFor({ timeout: 5_000 });
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const { repository } = (
            window as unknown as {
              samplemind: { repository: { collections: { list(): Promise<{ name: string; sampleIds: number[] }[]> } } };
            }
          ).samplemind;
          return (await repository.collections.list()).find((c) => c.name === 'From the map')?.sampleIds.length ?? 0;
        }),
      )
      .toBe(8);
  });

  it('keeps its layout across a reload instead of laying the map out again', async () => {
    type MapApi = { samplemind: { map: { getState(): { status: string; layout?: { ids: Int32Array; xy: Float32Array } } } } };
    const positions = () =>
      page.evaluate(() => {
        const state = (window as unknown as MapApi).samplemind.map.getState();
        if (state.status !== 'ready' || !state.layout) return null;
        const { ids, xy } = state.layout;
        return Object.fromEntries(Array.from(ids, (id, i) => [id, [xy[2 * i], xy[2 * i + 1]]]));
      });
    const before = await positions();
    expect(before && Object.keys(before)).toHaveLength(8);
    await page.reload();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await expect.poll(() => page.getByTestId('map-status').innerText(), { timeout: 30_000 }).toMatch(/^8 sounds/);
    expect(await positions()).toEqual(before);
    // The layout came from the database: the layout worker was never started in this page.
    const workerLoads = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => /map\.worker/.test(e.name)).length,
    );
    expect(workerLoads).toBe(0);
  });

  it('fits the cloud to the canvas, with dots big enough to see', async () => {
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await pointsOnCanvas()).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    const cloud = await cloudOnCanvas();
    // Eight points: the cloud reaches the margin on one axis at least (it used to fill about a third).
    expect(Math.max((cloud.right - cloud.left) / cloud.width, (cloud.bottom - cloud.top) / cloud.height)).toBeGreaterThan(0.8);
    expect(cloud.left).toBeGreaterThan(0);
    expect(cloud.top).toBeGreaterThan(0);
    // A few sounds get 6 px dots (they were 3).
    expect(cloud.dot).toBeGreaterThanOrEqual(5);
  });

  it('zooms one wheel notch gently, round the pointer', async () => {
    const before = await cloudOnCanvas();
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    // Out, so nothing leaves the canvas: the pointer a quarter of the way across, in the top margin (no hover ring).
    const [px, py] = [box.width * 0.25, 4];
    await page.mouse.move(box.x + px, box.y + py);
    await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await cloudOnCanvas()).right).not.toBe(before.right);
    const after = await cloudOnCanvas();
    const factor = (after.right - after.left) / (before.right - before.left);
    expect(factor).toBeGreaterThan(1 / 1.25);
    expect(factor).toBeLessThan(1 / 1.12);
    // The spot under the pointer stays put: the cloud's edges close in on it.
    expect(after.left).toBeCloseTo(px + (before.left - px) * factor, -1);
    expect(after.right).toBeCloseTo(px + (before.right - px) * factor, -1);
    await page.getByRole('button', { name: 'Fit' }).click();
  });

  it('steps with the arrow keys to the nearest sound in their direction on the map, not to the next row of the list', async () => {
    await page.mouse.move(0, 0);
    // Every point's name, by hovering it (a selection ring can show up as a second blob of the same point).
    const points: { x: number; y: number; name: string }[] = [];
    for (const point of await pointsOnCanvas()) {
      await page.mouse.move(point.x, point.y);
      const name = await page.getByTestId('map-tooltip').locator('strong').innerText({ timeout: 5_000 });
      if (!points.some((p) => p.name === name)) points.push({ ...point, name });
      await page.mouse.move(0, 0);
      await expect.poll(() => page.getByTestId('map-tooltip').count()).toBe(0);
    }
    expect(points.length).toBeGreaterThanOrEqual(5);
    const yOf = (name: string): number => points.find((p) => p.name === name)!.y;
    const xOf = (name: string): number => points.find((p) => p.name === name)!.x;
    /** From `point`, presses these arrow keys in turn and reads where the selection went after each. */
    const stepFrom = async (point: { x: number; y: number }, keys: string[]): Promise<string[]> => {
      await page.mouse.click(point.x, point.y);
      await page.mouse.move(0, 0);
      const names: string[] = [];
      for (const key of keys) {
        await page.keyboard.press(key);
        await page.waitForTimeout(150);
        names.push(await page.getByTestId('detail-name').innerText());
      }
      return names;
    };
    for (const point of points) {
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => page.getByTestId('detail-name').innerText()).toBe(point.name);
      const [below, above] = (await stepFrom(point, ['ArrowDown', 'ArrowUp'])) as [string, string];
      // Below it on screen, or (the lowest point) nowhere to go.
      if (below === point.name) expect(points.every((p) => p.y <= point.y + 2)).toBe(true);
      else expect(yOf(below)).toBeGreaterThan(point.y);
      if (below !== point.name) expect(yOf(above)).toBeLessThan(yOf(below));
      // → and ← (which seek in the list) go right and left of the sound they start from.
      const [right, left] = (await stepFrom(point, ['ArrowRight', 'ArrowLeft'])) as [string, string];
      if (right === point.name) expect(points.every((p) => p.x <= point.x + 2)).toBe(true);
      else expect(xOf(right)).toBeGreaterThan(point.x);
      if (right !== point.name) expect(xOf(left)).toBeLessThan(xOf(right));
    }
  });
  it('takes the keyboard by Tab after its tools, shows it has it, and moves between sounds with the arrows', async () => {
    await page.getByRole('button', { name: 'Fit' }).focus();
    await page.keyboard.press('Tab');
    const canvas = page.getByTestId('map-canvas');
    expect(await canvas.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await canvas.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
    expect(await canvas.getAttribute('aria-label')).toContain('The arrow keys move to the nearest sound that way');
    const before = await page.getByTestId('detail-name').innerText();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('detail-name').innerText()).not.toBe(before);
    expect(await canvas.evaluate((element) => element === document.activeElement)).toBe(true);
  });
});
