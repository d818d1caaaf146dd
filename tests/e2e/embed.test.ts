import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';

let app: AppServer;
let host: Server;
let hostOrigin: string;
let browser: Browser;
let page: Page;
const offsite: string[] = [];

/** A third-party page on another origin that embeds the widget, as a site would. */
function hostPage(appOrigin: string): string {
  return `<!doctype html><title>host</title><iframe id="w" src="${appOrigin}/embed.html" width="600" height="300"></iframe>
<script>
window.messages = [];
addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(appOrigin)}) window.messages.push(e.data); });
window.send = (message, transfer) => document.getElementById('w').contentWindow.postMessage(message, ${JSON.stringify(appOrigin)}, transfer || []);
</script>`;
}

beforeAll(async () => {
  app = await serveProductionBuild();
  host = createServer((req, res) => {
    // /isolated is a cross-origin-isolated host (a web DAW using SharedArrayBuffer): its COEP
    // blocks any frame whose response does not opt in with Cross-Origin-Resource-Policy.
    const isolated =
      req.url === '/isolated' ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
    res.writeHead(200, { 'content-type': 'text/html', ...isolated });
    res.end(hostPage(app.origin));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await launchChromium();
  const context = await browser.newContext();
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(app.origin) && !url.startsWith(hostOrigin) && !/^(data|blob):/.test(url)) offsite.push(url);
  });
  page = await context.newPage();
  await page.goto(hostOrigin);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => host?.close(resolve));
});

const waitForMessage = (id: string | null, type?: string) =>
  page.waitForFunction(
    ([id, type]) =>
      (window as unknown as { messages: { id?: unknown; type: string }[] }).messages.find(
        (m) => (id === null || m.id === id) && (!type || m.type === type),
      ),
    [id, type] as const,
    { timeout: 60_000 },
  );

/** The host page asks the widget to analyse a fixture file, its bytes transferred as the API says. */
const sendFixture = (path: string, id: string, name: string): Promise<void> =>
  page.evaluate(
    ({ bytes, id, name }) => {
      const data = new Uint8Array(bytes).buffer;
      (window as unknown as { send: (m: unknown, t: Transferable[]) => void }).send({ type: 'samplemind:analyze', id, name, data }, [data]);
    },
    { bytes: [...readFileSync(`${FIXTURE_LIBRARY}/${path}`)], id, name },
  );

describe('the embed widget in a cross-origin iframe', () => {
  it('announces itself with samplemind:ready', async () => {
    const ready = await (await waitForMessage(null, 'samplemind:ready')).jsonValue();
    expect(ready).toEqual({ type: 'samplemind:ready', version: 1 });
  });

  it('analyses a file sent by postMessage and answers with the batch analyser record', async () => {
    await sendFixture(KNOWN.epianoLoop.path, 'loop-1', 'epiano.flac');
    const answer = (await (await waitForMessage('loop-1')).jsonValue()) as { type: string; result: Record<string, unknown> };
    expect(answer.type).toBe('samplemind:result');
    expect(answer.result).toMatchObject({
      path: 'epiano.flac',
      ok: true,
      format: 'flac',
      bpm: KNOWN.epianoLoop.bpm,
      key: 'G',
      scale: 'major',
      kind: 'loop',
    });
    expect(answer.result['duration']).toBeCloseTo(KNOWN.epianoLoop.duration, 2);
    // The widget shows the result to the visitor too.
    const widget = page.frameLocator('#w');
    await widget.getByText('172 BPM').waitFor();
    // The visitor can hear it, from the bytes sent (nothing is fetched).
    await widget.getByRole('button', { name: 'Play' }).click();
    await widget.getByRole('button', { name: 'Stop' }).waitFor();
    await widget.getByRole('button', { name: 'Stop' }).click();
    await widget.getByRole('button', { name: 'Play' }).waitFor();
  });

  it("keeps a pack's long file name to one line, so the values stay in a 300 px frame", async () => {
    const name = `${'Super_Long_Sample_Pack_Name_Vol_3_Hard_Hitting_Analog_'.repeat(2)}Keys_01.flac`;
    await sendFixture(KNOWN.epianoLoop.path, 'long-1', name);
    await waitForMessage('long-1');
    const widget = page.frameLocator('#w');
    const title = widget.locator('#name');
    await expect.poll(() => title.textContent()).toBe(name);
    expect(await title.getAttribute('title')).toBe(name);
    const { oneLine, cut } = await title.evaluate((el) => ({
      oneLine: el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).fontSize),
      cut: el.scrollWidth > el.clientWidth,
    }));
    expect({ oneLine, cut }).toEqual({ oneLine: true, cut: true });
    const loudness = widget.locator('.values > div').last();
    const bottom = await loudness.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(300);
  });

  it('shows a value the analysis is unsure of as the app does: amber, with a question mark', async () => {
    await sendFixture(KNOWN.drumLoop.path, 'drums-1', 'rock.ogg');
    const answer = (await (await waitForMessage('drums-1')).jsonValue()) as unknown as { result: { bpm: number; bpmConfidence: number } };
    // Two bars at 176 or one at 88: the tempo is a toss-up (docs/CLASSIFIER.md).
    expect(answer.result).toMatchObject({ bpm: KNOWN.drumLoop.bpm });
    expect(answer.result.bpmConfidence).toBeLessThan(0.5);
    const widget = page.frameLocator('#w');
    const tempo = widget.locator('dd', { hasText: 'BPM' });
    await expect.poll(() => tempo.textContent()).toBe('176 BPM?');
    expect(await tempo.getAttribute('class')).toBe('uncertain');
    expect(await tempo.getAttribute('title')).toMatch(/^Low confidence \(\d+ %\)$/);
    expect(await widget.locator('dd', { hasText: 'drum loop' }).getAttribute('class')).toBeNull(); // sure: plain
    // A loop shows its kind and a key (a drum loop has none), not a root note.
    const shown = await widget
      .locator('.values > div')
      .evaluateAll((pairs) =>
        Object.fromEntries(pairs.map((pair) => [pair.querySelector('dt')!.textContent, pair.querySelector('dd')!.textContent])),
      );
    expect(shown).toMatchObject({ Type: 'Loop', Key: '—' });
    expect(shown).not.toHaveProperty('Root');
  });

  it('refuses a broken file with its reason, and a malformed message with bad_request', async () => {
    const png = [...readFileSync(`${FIXTURE_LIBRARY}/${KNOWN.broken.path}`)];
    await page.evaluate((png) => {
      const send = (window as unknown as { send: (m: unknown, t?: Transferable[]) => void }).send;
      const data = new Uint8Array(png).buffer;
      send({ type: 'samplemind:analyze', id: 'png', name: 'cover.aiff', data }, [data]);
      send({ type: 'samplemind:analyze', id: 'bad', name: 'x.wav', data: 'not a buffer' });
      send({ type: 'samplemind:analyse-everything', id: 7 });
    }, png);
    expect(await (await waitForMessage('png')).jsonValue()).toMatchObject({ type: 'samplemind:error', error: { code: 'not_audio' } });
    expect(await (await waitForMessage('bad')).jsonValue()).toEqual({
      type: 'samplemind:error',
      id: 'bad',
      error: { code: 'bad_request', message: '"data" must be an ArrayBuffer holding the file' },
    });
    expect(await (await waitForMessage(7 as unknown as string)).jsonValue()).toMatchObject({
      type: 'samplemind:error',
      error: { code: 'bad_request' },
    });
  });

  it('loads and answers on a cross-origin-isolated host page too', async () => {
    const isolatedHost = await page.context().newPage();
    try {
      await isolatedHost.goto(`${hostOrigin}/isolated`);
      expect(await isolatedHost.evaluate(() => crossOriginIsolated)).toBe(true);
      await isolatedHost.waitForFunction(
        () => (window as unknown as { messages: { type: string }[] }).messages.some((m) => m.type === 'samplemind:ready'),
        null,
        {
          timeout: 60_000,
        },
      );
      const bytes = [...readFileSync(`${FIXTURE_LIBRARY}/${KNOWN.epianoLoop.path}`)];
      await isolatedHost.evaluate((bytes) => {
        const data = new Uint8Array(bytes).buffer;
        (window as unknown as { send: (m: unknown, t: Transferable[]) => void }).send(
          { type: 'samplemind:analyze', id: 'iso', name: 'epiano.flac', data },
          [data],
        );
      }, bytes);
      const answer = await isolatedHost.waitForFunction(
        () => (window as unknown as { messages: { id?: string }[] }).messages.find((m) => m.id === 'iso'),
        null,
        { timeout: 60_000 },
      );
      expect(await answer.jsonValue()).toMatchObject({ type: 'samplemind:result', result: { ok: true, bpm: KNOWN.epianoLoop.bpm } });
    } finally {
      await isolatedHost.close();
    }
  });

  it('made no request outside the two origins', () => {
    expect(offsite).toEqual([]);
  });
});
