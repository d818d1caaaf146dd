/**
 * Audition latency: from the key press (its event timestamp) to the moment the app schedules the
 * sample's audio source, in headless Chromium against the production build with the fixture
 * library imported. "Cold" is a sample's first audition (file read and decoded), "warm" a repeat
 * (decoded buffer cached). The audio device adds its own output latency on top; it is reported
 * separately (AudioContext.outputLatency, baseLatency).
 *
 *   npx tsx tests/bench/audition.ts   (also run by npm run bench)
 */
import type { Browser } from 'playwright-core';
import { launchChromium, serveProductionBuild } from '../support/browser';

export interface AuditionLatency {
  /** Click on a row nothing has loaded yet. */
  coldMs: number[];
  /** ↓ to the next row, preloaded while the previous one played. */
  nextMs: number[];
  /** Back over rows already played (decoded buffer cached). */
  warmMs: number[];
  baseLatencyMs: number;
  outputLatencyMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const max = (xs: number[]): number => Math.max(...xs);

export async function auditionLatency(browser: Browser, origin: string, folder = 'tests/fixtures/library'): Promise<AuditionLatency> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  await context.addInitScript(() => {
    delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
    const w = window as unknown as { __keyAt: number; __startAt: number };
    w.__keyAt = 0;
    w.__startAt = 0;
    window.addEventListener('keydown', (e) => (w.__keyAt = e.timeStamp), true);
    window.addEventListener('pointerdown', (e) => (w.__keyAt = e.timeStamp), true);
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.__startAt = performance.now();
      return start.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto(origin);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add folder' }).first().click();
  await (await chooser).setFiles(folder);
  for (let i = 0; i < 240; i++) {
    const c = await page.evaluate(() =>
      (
        window as unknown as { samplemind: { repository: { countByStatus(): Promise<Record<string, number>> } } }
      ).samplemind.repository.countByStatus(),
    );
    if (c.queued === 0 && (c.done ?? 0) > 0) break;
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(500);
  const press = async (key: string | number): Promise<number | null> => {
    await page.evaluate(() => ((window as unknown as { __startAt: number }).__startAt = 0));
    if (typeof key === 'number') await page.locator('.library-row').nth(key).click();
    else await page.keyboard.press(key);
    for (let i = 0; i < 100; i++) {
      const t = await page.evaluate(() => {
        const w = window as unknown as { __keyAt: number; __startAt: number };
        return w.__startAt > 0 ? w.__startAt - w.__keyAt : null;
      });
      if (t !== null) return t;
      await page.waitForTimeout(20);
    }
    return null; // nothing played (a broken file)
  };
  const rows = await page.locator('.library-row').count();
  const coldMs: number[] = [];
  const nextMs: number[] = [];
  const warmMs: number[] = [];
  // Clicks on rows three apart: nothing preloaded them (a cold read and decode).
  for (let i = 0; i < rows; i += 3) {
    const t = await press(i);
    if (t !== null) coldMs.push(t);
    await page.waitForTimeout(300);
  }
  await press('Home');
  for (let i = 1; i < rows; i++) {
    const t = await press('ArrowDown');
    if (t !== null) nextMs.push(t);
    await page.waitForTimeout(150);
  }
  for (let round = 0; round < 2; round++) {
    for (let i = 1; i < rows; i++) {
      const t = await press(round === 0 ? 'ArrowUp' : 'ArrowDown');
      if (t !== null) warmMs.push(t);
      await page.waitForTimeout(150);
    }
  }
  const latency = await page.evaluate(() => {
    const context = new AudioContext();
    const out = { base: context.baseLatency * 1000, output: (context.outputLatency ?? 0) * 1000 };
    void context.close();
    return out;
  });
  await context.close();
  return { coldMs, nextMs, warmMs, baseLatencyMs: latency.base, outputLatencyMs: latency.output };
}

export function printAuditionTable(r: AuditionLatency): void {
  const f = (n: number): string => n.toFixed(1);
  console.log('\nAudition latency (key press -> audio source started), fixture library');
  console.log('| case | n | median ms | max ms |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| click on a row not loaded yet (read + decode) | ${r.coldMs.length} | ${f(median(r.coldMs))} | ${f(max(r.coldMs))} |`);
  console.log(`| ↓ to the next row (preloaded) | ${r.nextMs.length} | ${f(median(r.nextMs))} | ${f(max(r.nextMs))} |`);
  console.log(`| back over played rows (cached) | ${r.warmMs.length} | ${f(median(r.warmMs))} | ${f(max(r.warmMs))} |`);
  console.log(`AudioContext baseLatency ${f(r.baseLatencyMs)} ms, outputLatency ${f(r.outputLatencyMs)} ms (device, added on top)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await serveProductionBuild();
  const browser = await launchChromium();
  try {
    printAuditionTable(await auditionLatency(browser, server.origin));
  } finally {
    await browser.close();
    await server.close();
  }
}
