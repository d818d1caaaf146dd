import { copyFile, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import { serveModel, type ModelServer } from '../support/modelServer';
import { buildTinyClap, tinyTextModel, TINY_CLAP_WORDS, writeTinyClap } from '../support/tinyClap';
import { chooseCategory, importAndAnalyse, openAppWithoutDirectoryPicker, recordOffsiteRequests, waitForServiceWorkerControl } from './app';
import { seriousViolations } from './axe';

const tiny = buildTinyClap();
const AUDIO = 'onnx/audio_model_quantized.onnx';
let server: AppServer;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  folder = await writeTinyClap(join(await mkdtemp(join(tmpdir(), 'samplemind-clap-')), 'clap-htsat-unfused'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSettings(): Promise<{ context: BrowserContext; page: Page; offsite: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const offsite = recordOffsiteRequests(context, server.origin);
  const page = await context.newPage();
  await page.goto(server.origin);
  await page.getByRole('button', { name: 'Sound search' }).click();
  await page.getByRole('dialog', { name: 'Sound search by words (optional)' }).waitFor();
  return { context, page, offsite };
}

async function setHost(page: Page, url: string): Promise<void> {
  await page.getByText('Advanced').click();
  await page.getByLabel('Model host').fill(url);
  await page.getByLabel('Model host').press('Enter');
}

const status = (page: Page) => page.getByTestId('clap-status');

/** Calls the CLAP client in the page: two text embeddings, one audio embedding, zero-shot tags, the load note. */
function embedInPage(page: Page) {
  return page.evaluate(async () => {
    type Vec = Float32Array;
    const app = window as unknown as {
      samplemind: {
        clap: {
          ready(): Promise<{
            client: {
              embedText(t: string[]): Promise<Vec[]>;
              embedAudio(s: Vec, r: number): Promise<Vec>;
              zeroShotTags(e: Vec, l: string[]): Promise<{ label: string; score: number }[]>;
              info?: { backend: string; note: string; loadMs: number };
            };
          }>;
        };
      };
    };
    const { client } = await app.samplemind.clap.ready();
    const started = performance.now();
    const texts = await client.embedText(['dusty vinyl snare', 'bright plucky synth']);
    const firstCallMs = performance.now() - started;
    const tone = Float32Array.from({ length: 44_100 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44_100));
    const audio = await client.embedAudio(tone, 44_100);
    const tags = await client.zeroShotTags(audio, ['kick', 'snare', 'synth']);
    return { texts: texts.map((t) => Array.from(t)), audio: Array.from(audio), tags, info: client.info, firstCallMs };
  });
}

/** What the tiny text model gives for the two phrases, computed here with onnxruntime-web in Node. */
async function expectedTextEmbeddings(): Promise<number[][]> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(tinyTextModel());
  const ids = (text: string) => [0, ...text.split(' ').map((w) => 4 + TINY_CLAP_WORDS.indexOf(w)), 2];
  const rows = [ids('dusty vinyl snare'), ids('bright plucky synth')];
  const feeds = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [2, 5]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(10).fill(1n), [2, 5]),
  };
  const data = (await session.run(feeds)).text_embeds!.data as Float32Array;
  return [0, 1].map((r) => {
    const row = Array.from(data.slice(r * 16, r * 16 + 16));
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

const norm = (v: number[]) => Math.hypot(...v);

describe('sound search model (production build, Chromium, tiny CLAP)', () => {
  it('downloads with progress into Cache Storage, runs on WASM, and loads from the cache once the host is gone', async () => {
    const models: ModelServer = await serveModel(tiny, { chunkDelayMs: 40 });
    const { context, page, offsite } = await openSettings();
    await waitForServiceWorkerControl(page);
    await expect.poll(() => status(page).innerText()).toContain('Not installed');
    await setHost(page, models.url);
    const total = [...tiny.values()].reduce((s, b) => s + b.length, 0);
    const download = page.getByRole('button', { name: /^Download \(\d+ KB\)$/ });
    await expect.poll(() => download.innerText()).toBe(`Download (${Math.round(total / 1000)} KB)`); // exact, from HEAD
    await page.evaluate(async () => {
      const app = window as unknown as {
        samplemind: { clap: { ready(): Promise<{ model: { subscribe(l: (s: unknown) => void): void } }> } };
      };
      const w = window as unknown as { clapStates: unknown[] };
      w.clapStates = [];
      (await app.samplemind.clap.ready()).model.subscribe((s) => w.clapStates.push(s));
    });
    const started = Date.now();
    await download.click();
    await page.getByRole('progressbar', { name: 'Model download' }).waitFor();
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toBe('Installed. Ready, also offline.');
    const installMs = Date.now() - started;
    const states =
      (await page.evaluate(() => (window as unknown as { clapStates: { status: string; progress?: { done: number } }[] }).clapStates)) ??
      [];
    const done = states.filter((s) => s.status === 'downloading').map((s) => s.progress!.done);
    expect(done.length).toBeGreaterThan(6);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(states.map((s) => s.status)).toContain('verifying');
    const cached = await page.evaluate(async () => {
      const cache = await caches.open('samplemind-clap-v1');
      return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
    });
    expect(cached).toEqual([...tiny.keys()].map((p) => `/samplemind-clap/${p}`).sort());
    // The worker's runtime came with the install (from our own origin), before the model ever ran:
    // a model installed while online also starts offline.
    const runtimeCached = await page.evaluate(async () =>
      (await (await caches.open('onnxruntime-webgpu')).keys()).some((r) => /\/ort-wasm-simd-threaded\.asyncify-[^/]+\.wasm$/.test(r.url)),
    );
    expect(runtimeCached).toBe(true);

    const first = await embedInPage(page);
    expect(first.info).toMatchObject({ backend: 'wasm', note: 'no WebGPU adapter, using WASM' });
    const expected = await expectedTextEmbeddings();
    first.texts.forEach((t, i) => t.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, 4)));
    expect(norm(first.audio)).toBeCloseTo(1, 4);
    expect(first.tags.map((t) => t.label).sort()).toEqual(['kick', 'snare', 'synth']);
    expect(first.tags.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 4);
    const timings = await page.evaluate(
      async () =>
        (
          await (
            window as unknown as { samplemind: { clap: { ready(): Promise<{ model: { timings: object } }> } } }
          ).samplemind.clap.ready()
        ).model.timings,
    );
    console.log(
      `tiny CLAP: install ${installMs} ms in the UI (${JSON.stringify(timings)}), load ${first.info?.loadMs.toFixed(0)} ms, first embed call ${first.firstCallMs.toFixed(0)} ms`,
    );

    // The host goes away; a reload still finds the model in the cache and runs it.
    await models.close();
    const requestsBefore = models.requests.length;
    await page.reload();
    await page.getByRole('button', { name: 'Sound search' }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 10_000 }).toBe('Installed. Ready, also offline.');
    const second = await embedInPage(page);
    expect(second.texts).toEqual(first.texts);
    expect(second.audio.length).toBe(16);
    expect(models.requests.length).toBe(requestsBefore);
    // Nothing offsite but the model host: the runtime's WASM comes from our own origin.
    expect(offsite.filter((url) => !url.startsWith(models.url))).toEqual([]);

    await page.getByRole('button', { name: 'Remove the model' }).click();
    await expect.poll(() => status(page).innerText()).toContain('Not installed');
    expect(await page.evaluate(() => caches.has('samplemind-clap-v1'))).toBe(false);
    await context.close();
  });

  it('names a file the host lacks (model_missing) and a corrupted download (model_corrupt)', async () => {
    const audio = tiny.get(AUDIO)!;
    const models = await serveModel(new Map([...tiny].filter(([path]) => path !== 'tokenizer.json')));
    const { context, page } = await openSettings();
    await setHost(page, models.url);
    await page.getByRole('button', { name: /^Download/ }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 20_000 }).toContain('tokenizer.json is missing');
    const code = () =>
      page.evaluate(async () => {
        const app = window as unknown as {
          samplemind: { clap: { ready(): Promise<{ model: { getState(): { error?: { code: string } } } }> } };
        };
        return (await app.samplemind.clap.ready()).model.getState().error?.code;
      });
    expect(await code()).toBe('model_missing');

    models.set('tokenizer.json', tiny.get('tokenizer.json')!);
    models.set(
      AUDIO,
      audio.map((b, i) => (i > 40 ? (b * 31 + i) & 0xff : b)),
    );
    await page.getByRole('button', { name: /^Download/ }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 20_000 }).toContain(`${AUDIO} is damaged`);
    expect(await code()).toBe('model_corrupt');
    expect(
      await page.evaluate(() =>
        caches
          .open('samplemind-clap-v1')
          .then((c) => c.keys())
          .then((k) => k.length),
      ),
    ).toBe(0);
    await context.close();
    await models.close();
  });

  it('installs from a folder with no network at all when the folder carries the runtime, and says what is missing when not', async () => {
    const { context, page } = await openSettings();
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.getByTestId('clap-folder').setInputFiles(folder);
    await expect
      .poll(() => status(page).innerText(), { timeout: 20_000 })
      .toMatch(/^The sound-search runtime \(27 MB, part of SampleMind\) could not be fetched .*Connect to the internet once/);
    expect(await page.evaluate(async () => (await (await caches.open('samplemind-clap-v1')).keys()).length)).toBe(0);
    // The same model with onnxruntime-web's runtime file beside it: installs and runs, still offline.
    const withRuntime = await mkdtemp(join(tmpdir(), 'samplemind-clap-runtime-'));
    await writeTinyClap(join(withRuntime, 'clap-htsat-unfused'));
    const runtime = createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm');
    await copyFile(runtime, join(withRuntime, 'ort-wasm-simd-threaded.asyncify.wasm'));
    await page.getByTestId('clap-folder').setInputFiles(withRuntime);
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toBe('Installed from a folder. Ready, also offline.');
    const offline = await embedInPage(page);
    expect(offline.texts).toHaveLength(2);
    expect(norm(offline.texts[0]!)).toBeCloseTo(1, 4);
    await context.close();
  });

  it('loads the model from a local folder with no network request at all', async () => {
    const { context, page, offsite } = await openSettings();
    await page.getByTestId('clap-folder').setInputFiles(folder);
    await expect.poll(() => status(page).innerText(), { timeout: 20_000 }).toBe('Installed from a folder. Ready, also offline.');
    // The dialog passes axe-core's WCAG 2.1 A/AA checks like the rest of the app.
    expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const result = await embedInPage(page);
    expect(result.texts).toHaveLength(2);
    expect(norm(result.texts[0]!)).toBeCloseTo(1, 4);
    expect(offsite).toEqual([]);

    // The worker's own checks: a file gone from the cache, then a damaged one, each with its code.
    const loadAfter = (damage: 'delete' | 'garbage') =>
      page.evaluate(
        async ({ damage, path }) => {
          const cache = await caches.open('samplemind-clap-v1');
          const key = new URL(`/samplemind-clap/${path}`, location.origin).href;
          if (damage === 'delete') await cache.delete(key);
          else await cache.put(key, new Response(new Uint8Array(2048).fill(7)));
          const app = window as unknown as {
            samplemind: { clap: { ready(): Promise<{ client: { dispose(): void; load(): Promise<unknown> } }> } };
          };
          const { client } = await app.samplemind.clap.ready();
          client.dispose();
          return client.load().then(
            () => null,
            (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
          );
        },
        { damage, path: AUDIO },
      );
    const missing = await loadAfter('delete');
    expect(missing).toMatchObject({ code: 'model_missing' });
    expect(missing!.message).toContain(AUDIO);
    const corrupt = await loadAfter('garbage');
    expect(corrupt?.code).toBe('model_corrupt');
    console.log(`worker errors: ${JSON.stringify([missing, corrupt])}`);
    await context.close();
  });

  it('lists the samples that sound like a description once the model is installed, and searches names without it', async () => {
    const page = await openAppWithoutDirectoryPicker(browser, server.origin);
    await importAndAnalyse(page, 'tests/fixtures/similar', 8);
    const search = page.getByRole('searchbox');
    const bar = page.getByRole('region', { name: 'More like this' });

    // Without the model: the words are a name search (nothing is called "dusty vinyl").
    await search.fill('dusty vinyl');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('sample-count').innerText()).toBe('0 of 8 samples');
    expect(await bar.count()).toBe(0);
    await search.fill('');

    await page.getByRole('button', { name: 'Sound search' }).click();
    await page.getByTestId('clap-folder').setInputFiles(folder);
    await expect.poll(() => status(page).innerText(), { timeout: 20_000 }).toBe('Installed from a folder. Ready, also offline.');
    await page.keyboard.press('Escape');

    // With it: every analysed sample is listened to once, then ranked against the words.
    await search.fill('dusty vinyl');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('similar-reference').innerText(), { timeout: 30_000 }).toBe('“dusty vinyl”');
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 60_000 }).toBe('8 closest, best first');
    expect(await search.inputValue()).toBe('');
    expect(await page.locator('.library-row').count()).toBe(8);
    // Filters still apply: only the kicks, ranked by the same words.
    await chooseCategory(page, 'Kick');
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 30_000 }).toBe('3 closest, best first');

    // Suggested tags: proposed by the model, applied only when clicked.
    await page.locator('.library-row').first().click();
    await page.getByRole('button', { name: 'Suggest tags' }).click();
    const suggestions = page.getByRole('button', { name: /^Add tag / });
    await expect.poll(() => suggestions.count(), { timeout: 20_000 }).toBe(3);
    const label = (await suggestions.first().getAttribute('aria-label'))!.replace('Add tag ', '');
    expect(label).toMatch(/^[a-z-]+$/);
    await suggestions.first().click();
    await expect.poll(() => suggestions.first().isDisabled()).toBe(true);
    await page.getByText(`Tagged 1 sample #${label}`).waitFor();

    // After a reload the installed model is found again (its cache exists) and search by words still works.
    await page.reload();
    await page.getByTestId('sample-count').filter({ hasText: '8 samples' }).waitFor({ timeout: 30_000 });
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { samplemind: { words: { available: boolean } } }).samplemind.words.available),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await search.fill('dusty vinyl');
    await search.press('Enter');
    // The Kick filter set before the reload is still on (the list opens as it was left).
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 30_000 }).toBe('3 closest, best first');
    await page.context().close();
  });
});
