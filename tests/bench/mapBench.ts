/**
 * The map of the library at scale (`npm run bench -- --map-only [--library 100000]`): the synthetic
 * library of tests/bench/library.ts seeded into a fresh on-disk Chromium profile, plus one sound
 * embedding per sample (clustered synthetic vectors, ~40 centres loosely tied to the sample's
 * category), then, in the production build:
 *
 * - open: from the click on "Map" to the status showing the count and the canvas drawn (the
 *   embeddings read, the layout in the worker, the grid, colours and first draw), with the stages
 *   as the main thread saw them, the long tasks and the longest gap between frames meanwhile;
 * - idle: long tasks while the open map sits still (it refreshes every 5 s), and a refresh timed;
 * - pan (a drag across the canvas in 60 steps) and wheel zoom (10 notches in, 10 out): frame
 *   intervals from requestAnimationFrame, the cost of each draw (the rAF callback that called
 *   putImageData), and for the pan how far the map actually moved;
 * - hover: from the pointermove onto a point (found in the canvas pixels) to the tooltip in the
 *   DOM and to the frame after it, for ~10 points;
 * - reopening the map (the layout is kept for the session), and opening it after a reload (the saved layout);
 * - the JS heap and the array buffers' backing stores (typed arrays: the embeddings, the layout)
 *   after a forced GC in the list view, with the map open, and back in the list;
 * - last, the embeddings' read alone (repository.listEmbeddings, what the first open starts with).
 *
 * MAP_BENCH_DEBUG=1 also prints every long animation frame of the two opens with the scripts that
 * ran longest in it. Timings are wall-clock on whatever else the machine is doing: the table
 * prints the load average.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LibraryRepository } from '../../src/db/libraryRepository';
import { DATABASE_NAME } from '../../src/db/schema';
import { SOUND_EMBEDDING_LAYOUT, SOUND_EMBEDDING_VERSION } from '../../src/domain/similarity/soundEmbedding';
import type { LibraryMap } from '../../src/services/libraryMap';
import { serveProductionBuild } from '../support/browser';
import { heapMb, launchProfile, printTimingTable, rendererRssMb, seedLibrary, waitForListSnapshot } from './library';
import type * as Synthetic from './syntheticLibrary';

/** What the page exposes to benchmarks (src/app/main.tsx), and what this bench installs there. */
interface MapBenchWindow {
  samplemind: { repository: LibraryRepository; map: LibraryMap };
  SampleMindSynthetic: typeof Synthetic;
  __mapProbe: Probe;
}

interface Probe {
  /** Recording frames, draws and pointer moves (between start and stop of a gesture). */
  recording: boolean;
  frames: number[];
  /** [start, duration] of each requestAnimationFrame callback that called putImageData. */
  draws: [number, number][];
  /** Pointer moves and wheel events on the canvas while recording. */
  inputs: number;
  longTasks: [number, number][];
  loafs: { start: number; duration: number; blocking: number; scripts: string }[];
  /** Open: the click on "Map", the status with the count, the first draw after it, map service states. */
  clickAt: number;
  statusAt: number;
  stages: Record<string, number>;
  /** Hover: the pointermove onto the canvas, the tooltip in the DOM, the task after the next frame. */
  hoverArmed: boolean;
  hoverMoveAt: number;
  tooltipAt: number;
  tooltipPaintAt: number;
}

export interface MapBenchOptions {
  count: number;
  seed: number;
  /** Embedding cluster centres, and the noise around them (the centres' own spread is 1). */
  clusters: number;
  spread: number;
  /** Points hovered. */
  hovers: number;
}

export interface MapBenchResult {
  chromium: string;
  seedSeconds: number;
  embeddingSeconds: number;
  load: [number, number];
  rows: string[][];
}

/**
 * One embedding per sample, written in batches of 5,000 per IndexedDB transaction. The repository
 * stores embeddings one sample per transaction (saveEmbedding) and its bulk importRecords has no
 * embeddings, so this writes the app's `embeddings` table (schema.ts: key sampleId, index version)
 * directly, in the format saveEmbedding writes. Vectors: `clusters` gaussian centres, each owned by
 * one category (round robin); a sample takes one of its category's centres 80 % of the time, else
 * any centre, plus gaussian noise.
 */
export async function seedEmbeddings(
  page: Page,
  options: Pick<MapBenchOptions, 'seed' | 'clusters' | 'spread'>,
): Promise<{ seconds: number }> {
  return page.evaluate(
    async ({ seed, clusters, spread, dim, version, database }) => {
      const w = window as unknown as MapBenchWindow;
      const started = performance.now();
      const samples = await w.samplemind.repository.listSamples();
      const rng = w.SampleMindSynthetic.random(seed * 7919 + 17);
      const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      const categories = [...new Set(samples.map((s) => s.analysis?.category ?? ''))].filter(Boolean).sort();
      const centres = Float32Array.from({ length: clusters * dim }, gaussian);
      const owned = new Map(
        categories.map((c, k) => [c, Array.from({ length: clusters }, (_, i) => i).filter((i) => i % categories.length === k)]),
      );
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const chunk = 5000;
      for (let start = 0; start < samples.length; start += chunk) {
        const records = samples.slice(start, start + chunk).map((sample) => {
          const own = owned.get(sample.analysis?.category ?? '') ?? [];
          const centre = own.length > 0 && rng() < 0.8 ? own[Math.floor(rng() * own.length)]! : Math.floor(rng() * clusters);
          const vector = new Float32Array(dim);
          for (let d = 0; d < dim; d++) vector[d] = centres[centre * dim + d]! + spread * gaussian();
          return { sampleId: sample.id, version, vector };
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('embeddings', 'readwrite');
          const store = tx.objectStore('embeddings');
          for (const record of records) store.put(record);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      }
      db.close();
      return { seconds: (performance.now() - started) / 1000 };
    },
    { ...options, dim: SOUND_EMBEDDING_LAYOUT.dimension, version: SOUND_EMBEDDING_VERSION, database: DATABASE_NAME },
  );
}

/**
 * Installs the probe: long tasks and long animation frames, a frame recorder (its own rAF loop),
 * the cost of every rAF callback that draws (putImageData), pointer moves, the map service's
 * states, the status text and the tooltip.
 */
async function installProbe(page: Page, count: number): Promise<void> {
  await page.evaluate((count) => {
    const w = window as unknown as MapBenchWindow;
    const probe: Probe = {
      recording: false,
      frames: [],
      draws: [],
      inputs: 0,
      longTasks: [],
      loafs: [],
      clickAt: 0,
      statusAt: 0,
      stages: {},
      hoverArmed: false,
      hoverMoveAt: 0,
      tooltipAt: 0,
      tooltipPaintAt: 0,
    };
    w.__mapProbe = probe;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
    interface LoafScript {
      invoker: string;
      sourceURL: string;
      duration: number;
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts: LoafScript[] })[]) {
        const scripts = [...e.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => `${s.invoker || '?'} ${s.duration.toFixed(0)} ms${s.sourceURL ? ` (${s.sourceURL.split('/').pop()})` : ''}`)
          .join(', ');
        probe.loafs.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts });
      }
    }).observe({ type: 'long-animation-frame' });
    const raf = window.requestAnimationFrame.bind(window);
    const tick = (t: number): void => {
      if (probe.recording) probe.frames.push(t);
      raf(tick);
    };
    raf(tick);
    let drew = false;
    const put = CanvasRenderingContext2D.prototype.putImageData as (...args: unknown[]) => void;
    (CanvasRenderingContext2D.prototype as unknown as { putImageData: (...args: unknown[]) => void }).putImageData = function (
      this: CanvasRenderingContext2D,
      ...args: unknown[]
    ) {
      put.apply(this, args);
      drew = true;
    };
    window.requestAnimationFrame = (callback) =>
      raf((t) => {
        drew = false;
        const start = performance.now();
        callback(t);
        if (drew) probe.draws.push([start, performance.now() - start]);
        drew = false;
      });
    window.addEventListener('click', (e) => (probe.clickAt ||= e.timeStamp), true);
    window.addEventListener(
      'pointermove',
      (e) => {
        if (!(e.target instanceof HTMLCanvasElement)) return;
        if (probe.recording) probe.inputs++;
        if (probe.hoverArmed && !probe.hoverMoveAt) probe.hoverMoveAt = e.timeStamp;
      },
      true,
    );
    window.addEventListener('wheel', (e) => e.target instanceof HTMLCanvasElement && probe.recording && probe.inputs++, {
      capture: true,
      passive: true,
    });
    new MutationObserver(() => {
      if (!probe.statusAt && document.querySelector('[data-testid="map-status"]')?.textContent?.startsWith(`${count} sounds`)) {
        probe.statusAt = performance.now();
      }
      if (probe.hoverArmed && !probe.tooltipAt && document.querySelector('[data-testid="map-tooltip"]')) {
        probe.tooltipAt = performance.now();
        raf(() => setTimeout(() => (probe.tooltipPaintAt = performance.now()), 0));
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    w.samplemind.map.subscribe(() => {
      const state = w.samplemind.map.getState();
      const key = state.status === 'computing' ? state.stage : state.status;
      probe.stages[key] ??= performance.now();
    });
  }, count);
}

/** Resets what one measurement reads. */
async function resetProbe(page: Page, recording: boolean): Promise<void> {
  await page.evaluate((recording) => {
    const probe = (window as unknown as MapBenchWindow).__mapProbe;
    Object.assign(probe, { recording, frames: [], draws: [], inputs: 0, longTasks: [], loafs: [], clickAt: 0, statusAt: 0, stages: {} });
  }, recording);
}

interface OpenRun {
  clickAt: number;
  statusMs: number;
  drawnMs: number;
  /** The first draw's requestAnimationFrame callback. */
  firstDrawMs: number;
  stages: Record<string, number>;
  litPixels: number;
  canvas: { width: number; height: number };
  longTasks: [number, number][];
  loafs: Probe['loafs'];
  longestFrameGap: number;
}

/** Clicks "Map" and waits for the status with the count and the first draw after it. */
async function openMap(page: Page): Promise<OpenRun> {
  await resetProbe(page, true);
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.waitForFunction(
    () => {
      const probe = (window as unknown as MapBenchWindow).__mapProbe;
      return probe.statusAt > 0 && probe.draws.some(([start]) => start > probe.statusAt);
    },
    null,
    { polling: 100, timeout: 600_000 },
  );
  await page.waitForTimeout(500); // long tasks are reported a little late
  return page.evaluate(() => {
    const probe = (window as unknown as MapBenchWindow).__mapProbe;
    probe.recording = false;
    const draw = probe.draws.find(([start]) => start > probe.statusAt)!;
    const drawnAt = draw[0] + draw[1];
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"]')!;
    const pixels = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let litPixels = 0;
    for (let i = 0; i < pixels.length; i++) if (pixels[i] !== pixels[0]) litPixels++;
    const frames = probe.frames.filter((t) => t <= drawnAt);
    let longestFrameGap = 0;
    for (let i = 1; i < frames.length; i++) longestFrameGap = Math.max(longestFrameGap, frames[i]! - frames[i - 1]!);
    const relative = Object.fromEntries(Object.entries(probe.stages).map(([stage, t]) => [stage, t - probe.clickAt]));
    return {
      clickAt: probe.clickAt,
      statusMs: probe.statusAt - probe.clickAt,
      drawnMs: drawnAt - probe.clickAt,
      firstDrawMs: draw[1],
      stages: relative,
      litPixels,
      canvas: { width: canvas.width, height: canvas.height },
      longTasks: probe.longTasks.filter(([start]) => start >= probe.clickAt - 50 && start <= drawnAt),
      loafs: probe.loafs.filter((l) => l.start >= probe.clickAt - 50 && l.start <= drawnAt),
      longestFrameGap,
    };
  });
}

/** MAP_BENCH_DEBUG=1: every long animation frame while the map opened, with the scripts that ran longest in it. */
function printAnimationFrames(label: string, run: OpenRun): void {
  for (const l of run.loafs) {
    console.warn(
      `[${label}] long animation frame at +${ms(l.start - run.clickAt)} ms: ${ms(l.duration)} ms (blocking ${ms(l.blocking)}): ${l.scripts}`,
    );
  }
}

interface GestureRun {
  intervals: number[];
  draws: number[];
  inputs: number;
  longTasks: number[];
  seconds: number;
}

/** Runs `gesture` with the frame recorder on; frame intervals, draw costs, pointer moves and long tasks during it. */
async function recordGesture(page: Page, gesture: () => Promise<void>): Promise<GestureRun> {
  await resetProbe(page, true);
  const started = Date.now();
  await gesture();
  const seconds = (Date.now() - started) / 1000;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
  return page.evaluate((seconds) => {
    const probe = (window as unknown as MapBenchWindow).__mapProbe;
    probe.recording = false;
    const intervals = probe.frames.slice(1).map((t, i) => t - probe.frames[i]!);
    return { intervals, draws: probe.draws.map(([, d]) => d), inputs: probe.inputs, longTasks: probe.longTasks.map(([, d]) => d), seconds };
  }, seconds);
}

/** In client coordinates: a spot near (fx, fy) of the canvas with no point within `clear` px (for starting a drag or a zoom there). */
async function emptySpot(page: Page, fx: number, fy: number, clear = 12): Promise<{ x: number; y: number }> {
  return page.getByTestId('map-canvas').evaluate(
    (canvas: HTMLCanvasElement, { fx, fy, clear }) => {
      const { width, height } = canvas;
      const pixels = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, width, height).data.buffer);
      const background = pixels[0]!;
      const empty = (x: number, y: number): boolean => {
        for (let dy = -clear; dy <= clear; dy++)
          for (let dx = -clear; dx <= clear; dx++) {
            const [px, py] = [x + dx, y + dy];
            if (px < 0 || py < 0 || px >= width || py >= height || pixels[py * width + px] !== background) return false;
          }
        return true;
      };
      const rect = canvas.getBoundingClientRect();
      const [cx, cy] = [Math.round(fx * width), Math.round(fy * height)];
      for (let r = 0; r < Math.max(width, height); r += 2) {
        for (let a = 0; a < 64; a++) {
          const x = Math.round(cx + r * Math.cos((a * Math.PI) / 32));
          const y = Math.round(cy + r * Math.sin((a * Math.PI) / 32));
          if (empty(x, y)) return { x: rect.left + ((x + 0.5) * rect.width) / width, y: rect.top + ((y + 0.5) * rect.height) / height };
        }
      }
      throw new Error('no empty spot on the map');
    },
    { fx, fy, clear },
  );
}

/** Keeps a copy of the canvas pixels, for panShift. */
async function snapshotCanvas(page: Page): Promise<void> {
  await page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    (window as unknown as { __mapBefore: Uint32Array }).__mapBefore = new Uint32Array(image.data.buffer);
  });
}

/** How far right (in canvas pixels) the map moved since snapshotCanvas: the shift that best matches the points, and the share matched. */
async function panShift(page: Page, maxShift: number): Promise<{ shift: number; matched: number }> {
  return page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement, maxShift) => {
    const before = (window as unknown as { __mapBefore: Uint32Array }).__mapBefore;
    const { width } = canvas;
    const after = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, width, canvas.height).data.buffer);
    const background = before[0]!;
    const lit: number[] = [];
    for (let i = 0; i < before.length; i++) if (before[i] !== background) lit.push(i);
    const sample = lit.filter((_, k) => k % Math.max(1, Math.floor(lit.length / 20000)) === 0);
    let best = { shift: 0, matched: 0 };
    for (let shift = 0; shift <= maxShift; shift++) {
      let hits = 0;
      let seen = 0;
      for (const i of sample) {
        const x = i % width;
        if (x + shift >= width) continue;
        seen++;
        if (after[i + shift] === before[i]) hits++;
      }
      if (seen > 0 && hits / seen > best.matched) best = { shift, matched: hits / seen };
    }
    return best;
  }, maxShift);
}

/** `count` lit pixels spread over the canvas (one per cell of a grid, nearest the cell's centre), in client coordinates. */
async function pointsToHover(page: Page, count: number): Promise<{ x: number; y: number }[]> {
  return page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement, count) => {
    const { width, height } = canvas;
    const pixels = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, width, height).data.buffer);
    const background = pixels[0]!;
    const rect = canvas.getBoundingClientRect();
    const side = 6;
    const found: { x: number; y: number }[] = [];
    for (let cell = 0; cell < side * side; cell++) {
      // A fixed scatter over the cells (7 is coprime with 36), so the points spread out.
      const c = (cell * 7) % (side * side);
      const [x0, y0] = [Math.floor(((c % side) * width) / side), Math.floor((Math.floor(c / side) * height) / side)];
      const [x1, y1] = [Math.floor((((c % side) + 1) * width) / side), Math.floor(((Math.floor(c / side) + 1) * height) / side)];
      const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
      let best: { x: number; y: number; d: number } | null = null;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          if (pixels[y * width + x] === background) continue;
          const d = (x - cx) ** 2 + (y - cy) ** 2;
          if (!best || d < best.d) best = { x, y, d };
        }
      if (!best) continue;
      const at = { x: rect.left + ((best.x + 0.5) * rect.width) / width, y: rect.top + ((best.y + 0.5) * rect.height) / height };
      // Not under the legend or anything else drawn over the canvas.
      if (document.elementFromPoint(at.x, at.y) === canvas) found.push(at);
      if (found.length === count) break;
    }
    return found;
  }, count);
}

interface HoverRun {
  domMs: number;
  paintMs: number;
  name: string;
}

/** Moves off the canvas (the tooltip goes), then onto `at`: the pointermove to the tooltip in the DOM and to the task after the next frame. */
async function hoverOnce(page: Page, at: { x: number; y: number }, away: { x: number; y: number }): Promise<HoverRun | null> {
  await page.mouse.move(away.x, away.y);
  await page.getByTestId('map-tooltip').waitFor({ state: 'detached', timeout: 5000 });
  await page.waitForTimeout(400); // the last hover's audition attempt and redraw settle
  await page.evaluate(() => {
    const probe = (window as unknown as MapBenchWindow).__mapProbe;
    Object.assign(probe, { hoverArmed: true, hoverMoveAt: 0, tooltipAt: 0, tooltipPaintAt: 0 });
  });
  await page.mouse.move(at.x, at.y);
  try {
    await page.waitForFunction(() => (window as unknown as MapBenchWindow).__mapProbe.tooltipPaintAt > 0, null, {
      polling: 20,
      timeout: 5000,
    });
  } catch {
    return null;
  }
  return page.evaluate(() => {
    const probe = (window as unknown as MapBenchWindow).__mapProbe;
    probe.hoverArmed = false;
    return {
      domMs: probe.tooltipAt - probe.hoverMoveAt,
      paintMs: probe.tooltipPaintAt - probe.hoverMoveAt,
      name: document.querySelector('[data-testid="map-tooltip"] strong')?.textContent ?? '',
    };
  });
}

/** JS heap after a forced GC (heapMb) and the array buffers' backing stores (typed arrays live there, outside the heap). */
async function heapAndBuffersMb(page: Page): Promise<string> {
  const heap = await heapMb(page);
  const cdp = await page.context().newCDPSession(page);
  const { backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return `${heap.toFixed(0)} + ${(backingStorageSize / 2 ** 20).toFixed(0)} MB`;
}

/** The read the map's first open starts with (SimilarityIndex.ready), alone: its time and the main-thread task it costs. */
async function readEmbeddings(page: Page): Promise<{ ms: number; count: number; longestTask: number }> {
  return page.evaluate(async () => {
    const { repository } = (window as unknown as MapBenchWindow).samplemind;
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    const records = await repository.embeddings.list();
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    observer.disconnect();
    return { ms: elapsed, count: records.length, longestTask: Math.max(0, ...tasks) };
  });
}

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: number[]): number => {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (values: number[]): number => sorted(values)[Math.floor(values.length * 0.95)] ?? NaN;
const worst = (values: number[]): number => (values.length ? Math.max(...values) : NaN);
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : 'n/a');
const thousands = (n: number): string => n.toLocaleString('en-GB');

function gestureRows(label: string, run: GestureRun): string[][] {
  const over33 = run.intervals.filter((d) => d > 33.4).length;
  return [
    [
      `${label}: frame interval`,
      ms(median(run.intervals)),
      ms(worst(run.intervals)),
      `p95 ${ms(p95(run.intervals))} ms; ${run.intervals.length} frames in ${run.seconds.toFixed(2)} s, ${over33} over 33 ms; ` +
        `${run.longTasks.length} long tasks${run.longTasks.length ? ` (longest ${ms(worst(run.longTasks))} ms)` : ''}`,
    ],
    [
      `${label}: draw (rAF callback)`,
      ms(median(run.draws)),
      ms(worst(run.draws)),
      `${run.draws.length} draws for ${run.inputs} input events on the canvas; p95 ${ms(p95(run.draws))} ms`,
    ],
  ];
}

export async function mapBench(options: MapBenchOptions): Promise<MapBenchResult> {
  const server = await serveProductionBuild();
  const profile = mkdtempSync(join(tmpdir(), 'samplemind-map-bench-profile-'));
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const chromiumVersion = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    page.on('pageerror', (error) => console.warn(`[page error] ${error.message}`));
    page.on('crash', () => console.warn('[page crashed]'));
    let measuring = false;
    page.on('framenavigated', (frame) => {
      if (measuring && frame === page.mainFrame()) console.warn(`[page navigated during the measurements: ${frame.url()}]`);
    });
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') console.warn(`[page ${message.type()}] ${message.text()}`);
    });
    await page.goto(server.origin);
    await page.getByText('Your sample library starts here').waitFor();
    // The service worker installed and in control first: had it finished precaching after a later reload, it would reload the page.
    await page.evaluate(async () => void (await navigator.serviceWorker?.ready));
    const { seconds: seedSeconds } = await seedLibrary(page, options.count, options.seed);
    const { seconds: embeddingSeconds } = await seedEmbeddings(page, options);

    // The first open after seeding reads every record and saves the list snapshot; a user comes back to a reload from it.
    await page.reload();
    await page.waitForSelector('[role="row"][data-sample-id]', { timeout: 120_000 });
    await waitForListSnapshot(page);
    await page.reload();
    await page.waitForSelector('[role="row"][data-sample-id]', { timeout: 120_000 });
    await page.waitForTimeout(8000); // idle-time work after a load (text index, name order check, embedding back-fill check)

    const loadBefore = loadavg()[0]!;
    const heapList = await heapAndBuffersMb(page);
    const rssList = rendererRssMb(profile);
    await installProbe(page, options.count);
    measuring = true;
    const open = await openMap(page);
    if (process.env.MAP_BENCH_DEBUG) printAnimationFrames('open', open);

    // The open map, left alone: it refreshes every 5 s.
    await resetProbe(page, false);
    await page.waitForTimeout(11_000);
    const idleTasks = await page.evaluate(() => (window as unknown as MapBenchWindow).__mapProbe.longTasks.map(([, d]) => d));
    const refreshMs = await page.evaluate(async () => {
      const { map } = (window as unknown as MapBenchWindow).samplemind;
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await map.refresh();
        times.push(performance.now() - started);
      }
      return times;
    });
    const heapMap = await heapAndBuffersMb(page);
    const rssMap = rendererRssMb(profile);

    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    // Pan: a drag to the right across half the canvas, from a spot with no point under it.
    const start = await emptySpot(page, 0.25, 0.5);
    await page.mouse.move(start.x, start.y);
    await page.waitForTimeout(300);
    await snapshotCanvas(page);
    const dragPx = Math.round(box.width * 0.5);
    const pan = await recordGesture(page, async () => {
      await page.mouse.down();
      await page.mouse.move(start.x + dragPx, start.y, { steps: 60 });
      await page.mouse.up();
    });
    const canvasScale = open.canvas.width / box.width;
    const moved = await panShift(page, Math.round(dragPx * canvasScale * 1.2));
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.waitForTimeout(300);

    // Wheel zoom: 10 notches in, 10 out, over a spot near the centre.
    const centre = await emptySpot(page, 0.5, 0.5);
    await page.mouse.move(centre.x, centre.y);
    await page.waitForTimeout(300);
    const wheel = await recordGesture(page, async () => {
      for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -100 : 100);
    });
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.waitForTimeout(300);

    // Hover: the pointer onto ~10 points found in the canvas pixels, from the toolbar each time.
    const statusBox = (await page.getByTestId('map-status').boundingBox())!;
    const away = { x: statusBox.x + 5, y: statusBox.y + statusBox.height / 2 };
    const targets = await pointsToHover(page, options.hovers);
    const hovers: HoverRun[] = [];
    for (const target of targets) {
      const run = await hoverOnce(page, target, away);
      if (run) hovers.push(run);
    }
    await page.mouse.move(away.x, away.y);

    // Back to the list (the map keeps its layout for the session), then the map again.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.waitForSelector('[role="row"][data-sample-id]');
    await page.waitForTimeout(1000);
    const heapListAgain = await heapAndBuffersMb(page);
    const reopen = await openMap(page);
    if (process.env.MAP_BENCH_DEBUG) printAnimationFrames('reopen', reopen);
    const read = await readEmbeddings(page);

    // A new session: back to the list, reload, open the map from the layout the last one saved.
    measuring = false;
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.waitForSelector('[role="row"][data-sample-id]');
    await page.reload();
    await page.waitForSelector('[role="row"][data-sample-id]', { timeout: 120_000 });
    await page.waitForTimeout(8000);
    await installProbe(page, options.count);
    const afterReload = await openMap(page);
    const loadAfter = loadavg()[0]!;

    const rows: string[][] = [];
    const stage = (name: string): string => (open.stages[name] !== undefined ? `${ms(open.stages[name])}` : '-');
    rows.push(['open: click → status shows the count', ms(open.statusMs), '', `"${thousands(options.count)} sounds · …"`]);
    rows.push([
      'open: click → first draw',
      ms(open.drawnMs),
      '',
      `stages seen on the main thread (ms after the click): prepare ${stage('prepare')}, neighbours ${stage('neighbours')}, ` +
        `layout ${stage('layout')}, place ${stage('place')}, ready ${stage('ready')}; ` +
        `first draw ${ms(open.firstDrawMs)} ms; canvas ${open.canvas.width}×${open.canvas.height}, ${thousands(open.litPixels)} lit pixels`,
    ]);
    const openTasks = open.longTasks.map(([, d]) => d);
    const longestLoaf = [...open.loafs].sort((a, b) => b.duration - a.duration)[0];
    rows.push([
      'open: longest main-thread task',
      openTasks.length ? ms(worst(openTasks)) : '< 50',
      '',
      `${openTasks.length} long tasks, ${ms(openTasks.reduce((a, b) => a + b, 0))} ms in all ` +
        `(at ${open.longTasks.map(([s, d]) => `+${ms(s - open.clickAt)}: ${ms(d)}`).join(', ')}); ` +
        `longest gap between frames ${ms(open.longestFrameGap)} ms` +
        (longestLoaf ? `; longest animation frame ${ms(longestLoaf.duration)} ms: ${longestLoaf.scripts}` : ''),
    ]);
    rows.push([
      'map open, idle 11 s: long tasks',
      idleTasks.length ? ms(worst(idleTasks)) : '< 50',
      '',
      `${idleTasks.length} long tasks; map.refresh() with nothing new: ${refreshMs.map(ms).join(', ')} ms`,
    ]);
    rows.push(...gestureRows(`pan (drag ${dragPx} px, 60 steps)`, pan));
    rows.push([
      'pan: how far the map moved',
      ms(moved.shift / canvasScale),
      '',
      `px, for a drag of ${dragPx} px (${(100 * moved.matched).toFixed(0)} % of the points match at that shift)`,
    ]);
    rows.push(...gestureRows('wheel zoom (20 notches)', wheel));
    rows.push([
      'hover → tooltip in the DOM',
      ms(median(hovers.map((h) => h.domMs))),
      ms(worst(hovers.map((h) => h.domMs))),
      `${hovers.length} of ${targets.length} points showed a tooltip`,
    ]);
    rows.push([
      'hover → tooltip on screen (frame after it)',
      ms(median(hovers.map((h) => h.paintMs))),
      ms(worst(hovers.map((h) => h.paintMs))),
      'to a task queued from the next requestAnimationFrame',
    ]);
    rows.push([
      'reopen (layout kept): click → first draw',
      ms(reopen.drawnMs),
      '',
      `longest task ${reopen.longTasks.length ? ms(worst(reopen.longTasks.map(([, d]) => d))) : '< 50'} ms; first draw ${ms(reopen.firstDrawMs)} ms`,
    ]);
    rows.push([
      'open after a reload (saved layout): click → first draw',
      ms(afterReload.drawnMs),
      '',
      `longest task ${afterReload.longTasks.length ? ms(worst(afterReload.longTasks.map(([, d]) => d))) : '< 50'} ms; ` +
        `status ${ms(afterReload.statusMs)} ms; first draw ${ms(afterReload.firstDrawMs)} ms`,
    ]);
    rows.push([
      'JS heap + array buffers after GC',
      '',
      '',
      `list ${heapList}; map open ${heapMap}; list again (layout kept) ${heapListAgain}; ` +
        `renderer RSS list ${rssList.toFixed(0)} MB, map ${rssMap.toFixed(0)} MB`,
    ]);
    rows.push([
      'read the embeddings (listEmbeddings)',
      ms(read.ms),
      '',
      `${thousands(read.count)} records, longest main-thread task ${read.longestTask ? ms(read.longestTask) : '< 50'} ms (run alone, after the rest)`,
    ]);
    return { chromium: chromiumVersion, seedSeconds, embeddingSeconds, load: [loadBefore, loadAfter], rows };
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function printMapTable(result: MapBenchResult, count: number): void {
  printTimingTable(
    `\nMap of ${thousands(count)} synthetic sounds, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model.trim()}, ` +
      `Chromium ${result.chromium} headless (library seeded in ${result.seedSeconds.toFixed(1)} s, embeddings in ${result.embeddingSeconds.toFixed(1)} s)`,
    'Times in ms from the input event (click, pointer move) or per frame.',
    result.load,
    result.rows,
  );
}
