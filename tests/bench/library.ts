/**
 * The library part of `npm run bench` (alone: `npm run bench -- --library-only`): a synthetic
 * library (tests/bench/syntheticLibrary.ts) seeded into a fresh on-disk Chromium profile through
 * the app's own repository, then, in the production build:
 *
 * - reload to an interactive list, several runs: navigation start to the first row in the DOM,
 *   to the next frame plus a task after it (the main thread answers), and to the first key press
 *   handled (Playwright presses a key the moment it sees a row; Event Timing's first-input);
 * - filters, sorts and text searches, each applied to the real store (`samplemind.store`) and
 *   timed from the store update until the list's DOM shows the new result (count and every
 *   rendered row checked against `selectVisibleRows`), median of several runs; "sync" is the
 *   part inside the store update (the selector's filtering and sorting);
 * - scrolling 5,000 rows at 8 rows a frame (a fling) and 1,000 at 2 a frame (steady wheel), the
 *   scroll position set from requestAnimationFrame: frame intervals, long tasks, long animation frames;
 * - the JS heap after a forced GC, empty and with the library loaded, and the renderer's RSS;
 * - last, searches and sorts right after a reload (three reloads each), before the idle-time
 *   work is done: the worst case a user can meet.
 *
 * Timings are wall-clock on whatever else the machine is doing: the table prints the load average.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { LibraryRepository } from '../../src/db/libraryRepository';
import type { LibraryQuery } from '../../src/domain/library/libraryQuery';
import type { SortDirection, SortKey } from '../../src/domain/library/sampleQuery';
import type { useLibraryStore, selectVisibleRows } from '../../src/state/libraryStore';
import { CHROMIUM_ARGS, chromiumPath, serveProductionBuild } from '../support/browser';
import { seedEmbeddings } from './mapBench';
import type * as Synthetic from './syntheticLibrary';

/** What the page exposes to benchmarks (src/app/main.tsx). */
interface BenchWindow {
  samplemind: { repository: LibraryRepository; store?: typeof useLibraryStore; visibleRows?: typeof selectVisibleRows };
  SampleMindSynthetic: typeof Synthetic;
  __benchLoad: LoadProbe;
}

interface LoadProbe {
  firstRow: number;
  frame: number;
  task: number;
  longTasks: [number, number][];
}

/** The generator bundled for the page, so the library is generated there instead of shipped through the driver. */
export async function syntheticLibraryScript(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'syntheticLibrary.ts'), formats: ['iife'], name: 'SampleMindSynthetic' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: { type: string; code?: string }[] };
  return output.output.find((o) => o.type === 'chunk')!.code!;
}

/** Chromium with an on-disk profile (IndexedDB on disk, as for a user), or a throwaway one. */
export async function launchProfile(dir: string, options: { blockServiceWorkers?: boolean } = {}): Promise<BrowserContext> {
  const executablePath = chromiumPath();
  const context = await chromium.launchPersistentContext(dir, {
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    ...(options.blockServiceWorkers ? { serviceWorkers: 'block' as const } : {}),
  });
  // tsx (esbuild keepNames) wraps functions in __name(); page.evaluate code runs in the page.
  await context.addInitScript('window.__name = (fn) => fn');
  return context;
}

/** Generates `count` samples in the page (the app must be open on an empty library) and stores them with their peaks. */
export async function seedLibrary(page: Page, count: number, seed: number): Promise<{ seconds: number }> {
  await page.addScriptTag({ content: await syntheticLibraryScript() });
  return page.evaluate(
    async ({ count, seed }) => {
      const w = window as unknown as BenchWindow;
      const { syntheticLibrary, syntheticPeaks } = w.SampleMindSynthetic;
      const repository = w.samplemind.repository;
      const started = performance.now();
      const library = syntheticLibrary(count, seed);
      await repository.importRecords({ folders: library.folders, collections: library.collections });
      const chunk = 5000;
      for (let i = 0; i < library.samples.length; i += chunk) {
        const samples = library.samples.slice(i, i + chunk);
        await repository.importRecords({ samples, peaks: samples.filter((s) => s.status === 'done').map(syntheticPeaks) }, chunk);
      }
      return { seconds: (performance.now() - started) / 1000 };
    },
    { count, seed },
  );
}

/** Installed before the app's scripts on every navigation: records when the first row appears and the main thread next answers. */
const LOAD_PROBE = `(() => {
  const load = { firstRow: 0, frame: 0, task: 0, longTasks: [] };
  window.__benchLoad = load;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) load.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (load.firstRow || !document.querySelector('[role="row"][data-sample-id]')) return;
    load.firstRow = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      load.frame = performance.now();
      setTimeout(() => { load.task = performance.now(); }, 0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface LoadRun {
  firstRow: number;
  interactive: number;
  keyHandled: number;
  longestTask: number;
  /** End of the last long task within 3 s of interactive (0: none). */
  busyUntil: number;
}

/** Reloads and waits until the list is interactive (LOAD_PROBE's task ran). */
async function reloadUntilInteractive(page: Page, pressKey: boolean): Promise<void> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('[role="row"][data-sample-id]', { timeout: 60_000 });
  if (pressKey) await page.keyboard.press('Shift'); // handled by no shortcut; Event Timing records when the page got to it
  await page.waitForFunction(() => (window as unknown as BenchWindow).__benchLoad.task > 0, null, { polling: 50, timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as BenchWindow).samplemind.store !== undefined);
}

/** Waits until the app has saved its list snapshot (a few seconds after a load that read every record). */
export async function waitForListSnapshot(page: Page): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    const stamp = await page.evaluate(() => (window as unknown as BenchWindow).samplemind.repository.listSnapshotStamp());
    if (stamp !== null) return;
    await page.waitForTimeout(250);
  }
  throw new Error('the app saved no list snapshot within 60 s of loading the library');
}

async function reloadRun(page: Page): Promise<LoadRun> {
  await reloadUntilInteractive(page, true);
  await page.waitForTimeout(3000); // late long tasks (deferred renders, effects)
  return page.evaluate(async () => {
    const load = (window as unknown as BenchWindow).__benchLoad;
    const firstInput = await new Promise<PerformanceEventTiming | undefined>((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries()[0] as PerformanceEventTiming)).observe({
        type: 'first-input',
        buffered: true,
      });
      setTimeout(() => resolve(undefined), 500);
    });
    const window3s = load.task + 3000;
    const tasks = load.longTasks.filter(([start]) => start < window3s);
    return {
      firstRow: load.firstRow,
      interactive: load.task,
      keyHandled: firstInput ? firstInput.processingEnd : NaN,
      longestTask: Math.max(0, ...tasks.map(([, d]) => d)),
      busyUntil: Math.max(0, ...tasks.map(([s, d]) => s + d)),
    };
  });
}

type Step = { text: string } | { query: Partial<LibraryQuery> } | { sort: [SortKey, SortDirection] };
interface Scenario {
  label: string;
  steps: Step[];
}

const FILTERS: Scenario[] = [
  { label: 'filter: loops + drum-loop', steps: [{ query: { kind: 'loop', categories: ['drum-loop'] } }] },
  { label: 'filter: one-shots + kick, snare', steps: [{ query: { kind: 'one-shot', categories: ['kick', 'snare'] } }] },
  { label: 'filter: BPM 120-128', steps: [{ query: { bpm: { min: 120, max: 128, halfDouble: false } } }] },
  { label: 'filter: BPM 120-128, half/double', steps: [{ query: { bpm: { min: 120, max: 128, halfDouble: true } } }] },
  { label: 'filter: key A minor + compatible', steps: [{ query: { key: { tonic: 'A', scale: 'minor', compatible: true } } }] },
  { label: 'filter: favourites', steps: [{ query: { favourites: true } }] },
  { label: 'filter: tag "dark"', steps: [{ query: { tags: ['dark'] } }] },
  {
    label: 'filter: <= 1 s, >= -12 LUFS, 3+ stars',
    steps: [{ query: { duration: { min: null, max: 1 }, loudness: { min: -12, max: null }, minRating: 3 } }],
  },
  {
    label: 'filter: loops 118-126 ½×/2×, Am compat.',
    steps: [
      { query: { kind: 'loop', bpm: { min: 118, max: 126, halfDouble: true }, key: { tonic: 'A', scale: 'minor', compatible: true } } },
    ],
  },
];
const SORTS: Scenario[] = (['name', 'dir', 'category', 'duration', 'bpm', 'key', 'loudness', 'rating', 'status'] as const).flatMap(
  (key) => [
    {
      label: `sort: ${key} ${key === 'name' ? 'desc' : 'asc'}`,
      steps: [{ sort: [key, key === 'name' ? 'desc' : 'asc'] as [SortKey, SortDirection] }],
    },
  ],
);
SORTS.push({ label: 'sort: bpm desc', steps: [{ sort: ['bpm', 'desc'] }] });
/** Right after a reload, before the idle-time work (checking the saved orders, warming the rest) is done. */
const RIGHT_AFTER_LOAD: Scenario[] = [
  { label: 'right after load: search "kick"', steps: [{ text: 'kick' }] },
  { label: 'right after load: search "snaer" (typo)', steps: [{ text: 'snaer' }] },
  { label: 'right after load: sort by bpm', steps: [{ sort: ['bpm', 'asc'] }] },
  { label: 'right after load: sort by loudness desc', steps: [{ sort: ['loudness', 'desc'] }] },
  { label: 'right after load: sort by name desc', steps: [{ sort: ['name', 'desc'] }] },
];
/** Reloads per right-after-load scenario (each run needs a reload of its own). */
const RIGHT_AFTER_LOAD_RUNS = 3;
const SEARCHES: Scenario[] = [
  { label: 'search: "kick" (word)', steps: [{ text: 'kick' }] },
  { label: 'search: "snaer" (typo)', steps: [{ text: 'snaer' }] },
  { label: 'search: "deep house" (two words)', steps: [{ text: 'deep house' }] },
  { label: 'search: "punchy kick 03"', steps: [{ text: 'punchy kick 03' }] },
  { label: 'search + filter: "vox", loops', steps: [{ query: { kind: 'loop' } }, { text: 'vox' }] },
  // Typed key by key (the search box updates the store on every keystroke): each keystroke is a step.
  { label: 'typing "deep house" (per key)', steps: [...'deep house'].map((_, i) => ({ text: 'deep house'.slice(0, i + 1) })) },
];

interface StepTiming {
  results: number;
  syncMs: number;
  domMs: number;
}

/** Runs each scenario `runs` times from the unfiltered list sorted by name; the last step of each scenario is timed. */
async function runScenarios(page: Page, scenarios: Scenario[], runs: number): Promise<Map<string, StepTiming[]>> {
  const timings = await page.evaluate(
    async ({ scenarios, runs }) => {
      const w = window as unknown as BenchWindow;
      const store = w.samplemind.store!;
      const visibleRows = w.samplemind.visibleRows!;
      const empty = store.getState().query;
      const body = document.querySelector<HTMLElement>('.library-body')!;
      const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
      /** Whether the DOM shows exactly the store's visible rows: the count, and each rendered row at its index. */
      const shows = (): boolean => {
        const expected = visibleRows(store.getState());
        const count = Number.parseInt((document.querySelector('[data-testid="sample-count"]')?.textContent ?? '').replaceAll(',', ''), 10);
        if (count !== expected.length) return false;
        const rendered = body.querySelectorAll<HTMLElement>('[role="row"][data-sample-id]');
        if (expected.length > 0 && rendered.length === 0) return false;
        for (const row of rendered) {
          const index = Number(row.getAttribute('aria-rowindex')) - 2;
          if (expected[index]?.id !== Number(row.dataset.sampleId)) return false;
        }
        return true;
      };
      /** performance.now() when the DOM first shows the store's state (checked after every DOM change). */
      const domShows = (): Promise<number> =>
        new Promise((resolve) => {
          if (shows()) return resolve(performance.now());
          const timer = setTimeout(() => {
            observer.disconnect();
            resolve(NaN);
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (!shows()) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now());
          });
          observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        });
      const settle = async (): Promise<void> => {
        await domShows();
        await frame();
        await frame();
        await new Promise((resolve) => setTimeout(resolve, 50));
      };
      const apply = (step: Step): void => {
        if ('text' in step) store.getState().setText(step.text);
        else if ('query' in step) store.getState().setQuery({ ...store.getState().query, ...step.query });
        else store.setState({ sortKey: step.sort[0], sortDirection: step.sort[1] });
      };
      const out: Record<string, { results: number; syncMs: number; domMs: number }[]> = {};
      for (const scenario of scenarios) {
        out[scenario.label] = [];
        for (let run = 0; run < runs; run++) {
          store.setState({ query: empty, sortKey: 'name', sortDirection: 'asc', collectionId: null });
          body.scrollTop = 0;
          await settle();
          const steps = scenario.steps;
          const perKey = scenario.label.includes('per key');
          for (let i = 0; i < steps.length; i++) {
            const timed = perKey || i === steps.length - 1;
            const started = performance.now();
            apply(steps[i]!);
            const sync = performance.now();
            const dom = await domShows();
            if (timed)
              out[scenario.label]!.push({ results: visibleRows(store.getState()).length, syncMs: sync - started, domMs: dom - started });
            await settle();
          }
        }
      }
      store.setState({ query: empty, sortKey: 'name', sortDirection: 'asc' });
      await settle();
      return out;
    },
    { scenarios, runs },
  );
  return new Map(Object.entries(timings));
}

interface ScrollRun {
  frames: number;
  p50: number;
  p95: number;
  longest: number;
  over33: number;
  longTasks: number;
  longestTask: number;
  longestAnimationFrame: number;
  lastRowIndex: number;
}

/** Scrolls the list through `rows` rows, `perFrame` rows a frame, from a requestAnimationFrame loop. */
async function scrollRun(page: Page, rows: number, perFrame: number): Promise<ScrollRun> {
  return page.evaluate(
    async ({ rows, perFrame }) => {
      const body = document.querySelector<HTMLElement>('.library-body')!;
      const rowHeight = body.querySelector<HTMLElement>('[role="row"][data-sample-id]')!.offsetHeight;
      body.scrollTop = 0;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const tasks: number[] = [];
      const frames: number[] = [];
      const longTasks = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
      longTasks.observe({ type: 'longtask' });
      const animation = new PerformanceObserver((list) => list.getEntries().forEach((e) => frames.push(e.duration)));
      animation.observe({ type: 'long-animation-frame' });
      const target = Math.min(rows * rowHeight, body.scrollHeight - body.clientHeight);
      const intervals: number[] = [];
      await new Promise<void>((resolve) => {
        let last = 0;
        const tick = (t: number): void => {
          if (last) intervals.push(t - last);
          last = t;
          if (body.scrollTop >= target) return resolve();
          body.scrollTop = Math.min(target, body.scrollTop + perFrame * rowHeight);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      longTasks.disconnect();
      animation.disconnect();
      const sorted = [...intervals].sort((a, b) => a - b);
      const rendered = [...body.querySelectorAll('[role="row"][data-sample-id]')].map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
      return {
        frames: intervals.length,
        p50: sorted[Math.floor(sorted.length * 0.5)]!,
        p95: sorted[Math.floor(sorted.length * 0.95)]!,
        longest: sorted.at(-1)!,
        over33: intervals.filter((d) => d > 33.4).length,
        longTasks: tasks.length,
        longestTask: Math.max(0, ...tasks),
        longestAnimationFrame: Math.max(0, ...frames),
        lastRowIndex: Math.max(...rendered),
      };
    },
    { rows, perFrame },
  );
}

/**
 * Resident memory of the largest renderer of the Chromium using `profile`, in MB (the page and
 * its workers). Other Chromiums on the machine (tests running alongside) are not counted.
 */
export function rendererRssMb(profile: string): number {
  const processes = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssKb: Number(m[3]), args: m[4]! }));
  const ours = new Set(processes.filter((p) => p.args.includes(`--user-data-dir=${profile}`)).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of processes) {
      if (ours.has(p.pid) || !ours.has(p.ppid)) continue;
      ours.add(p.pid);
      grew = true;
    }
  }
  const renderers = processes.filter(
    (p) => ours.has(p.pid) && p.args.includes('--type=renderer') && !p.args.includes('--top-chrome-webui'),
  );
  return Math.max(0, ...renderers.map((p) => p.rssKb)) / 1024;
}

/** JS heap in use after a forced garbage collection, in MB. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

export interface LibraryBenchOptions {
  count: number;
  seed: number;
  /** Reloads measured (after one that is not). */
  reloads: number;
  /** Runs of each filter, sort and search. */
  runs: number;
}

/** The table rows: [measurement, median ms, worst ms, detail]. */
export interface LibraryBenchResult {
  chromium: string;
  seedSeconds: number;
  /** The machine's 1-minute load average when the measurements started and ended (other work on it skews them). */
  load: [number, number];
  rows: string[][];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : 'n/a');
const thousands = (n: number): string => n.toLocaleString('en-GB');

export async function libraryBench(options: LibraryBenchOptions): Promise<LibraryBenchResult> {
  const server = await serveProductionBuild();
  const profile = mkdtempSync(join(tmpdir(), 'samplemind-bench-profile-'));
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const chromiumVersion = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    // The page's own warnings and errors (a snapshot that could not be saved, say) belong in the bench's output.
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') console.warn(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.warn(`[page error] ${error.message}`));
    await page.goto(server.origin);
    await page.getByText('Your sample library starts here').waitFor();
    const emptyHeap = await heapMb(page);
    const { seconds: seedSeconds } = await seedLibrary(page, options.count, options.seed);
    // Every sample gets its sound embedding, as in a library analysed by this version: otherwise the
    // embedding back-fill would work through all 100k synthetic samples (whose files do not exist)
    // in the background of every measurement below.
    await seedEmbeddings(page, { seed: options.seed, clusters: 40, spread: 0.5 });
    await context.addInitScript(LOAD_PROBE);

    const loadBefore = loadavg()[0]!;
    const loads: LoadRun[] = [];
    // The first open after seeding reads every record (no list snapshot yet; cold disk cache and
    // service worker), then saves the snapshot the later reloads read.
    const firstOpen = await reloadRun(page);
    await waitForListSnapshot(page);
    for (let i = 0; i < options.reloads; i++) loads.push(await reloadRun(page));
    await page.waitForFunction(() => (window as unknown as BenchWindow).samplemind.store !== undefined);
    const loaded = await page.evaluate(() => (window as unknown as BenchWindow).samplemind.store!.getState().rows.size);
    if (loaded !== options.count) throw new Error(`the library shows ${loaded} samples, expected ${options.count}`);
    const heap = await heapMb(page);
    const rss = rendererRssMb(profile);

    const rows: string[][] = [];
    const loadRow = (label: string, values: number[], detail = ''): void => {
      rows.push([label, ms(median(values)), ms(Math.max(...values)), detail]);
    };
    const runsNote = `${options.reloads} reloads: ${loads.map((l) => ms(l.interactive)).join(', ')}`;
    loadRow(
      'reload → first row in the DOM',
      loads.map((l) => l.firstRow),
    );
    loadRow(
      'reload → interactive (row, frame, task)',
      loads.map((l) => l.interactive),
      runsNote,
    );
    loadRow(
      'reload → first key press handled',
      loads.map((l) => l.keyHandled),
      'key sent when Playwright sees a row',
    );
    loadRow('first reload after seeding → interactive', [firstOpen.interactive], 'no list snapshot yet: every record read; cold caches');
    loadRow(
      'longest main-thread task during load',
      loads.map((l) => l.longestTask),
      `busy until ${ms(median(loads.map((l) => l.busyUntil)))} ms (median)`,
    );

    const timings = await runScenarios(page, [...FILTERS, ...SORTS, ...SEARCHES], options.runs);
    const timingRows = (list: Map<string, StepTiming[]>): void => {
      for (const [label, t] of list) {
        rows.push([
          label,
          ms(median(t.map((x) => x.domMs))),
          ms(Math.max(...t.map((x) => x.domMs))),
          `${thousands(t.at(-1)!.results)} rows; sync ${ms(median(t.map((x) => x.syncMs)))} ms`,
        ]);
      }
    };
    timingRows(timings);

    await page.waitForTimeout(2000);
    for (const [count, perFrame] of [
      [5000, 8],
      [1000, 2],
    ] as const) {
      const scroll = await scrollRun(page, count, perFrame);
      rows.push([
        `scroll ${thousands(count)} rows (${perFrame} a frame): frame interval`,
        ms(scroll.p50),
        ms(scroll.longest),
        `p95 ${ms(scroll.p95)} ms; ${scroll.frames} frames, ${scroll.over33} over 33 ms; ${scroll.longTasks} long tasks` +
          (scroll.longTasks ? ` (longest ${ms(scroll.longestTask)} ms)` : '') +
          `; longest animation frame ${scroll.longestAnimationFrame ? ms(scroll.longestAnimationFrame) : '< 50'} ms; reached row ${thousands(scroll.lastRowIndex)}`,
      ]);
    }
    rows.push([
      `JS heap, ${thousands(options.count)} samples loaded`,
      '',
      '',
      `${heap.toFixed(0)} MB after GC (empty library: ${emptyHeap.toFixed(0)} MB); renderer RSS ${rss.toFixed(0)} MB`,
    ]);

    // Last, as they reload: the first search or sort before the idle-time work is done.
    const cold = new Map<string, StepTiming[]>();
    for (const scenario of RIGHT_AFTER_LOAD) {
      for (let run = 0; run < RIGHT_AFTER_LOAD_RUNS; run++) {
        await reloadUntilInteractive(page, false);
        for (const [label, list] of await runScenarios(page, [scenario], 1)) cold.set(label, [...(cold.get(label) ?? []), ...list]);
      }
    }
    timingRows(cold);
    return { chromium: chromiumVersion, seedSeconds, load: [loadBefore, loadavg()[0]!], rows };
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** One bench table: a title line, what the times count from, the load average, then measurement / median / worst / detail rows. */
export function printTimingTable(title: string, timesFrom: string, load: readonly number[], rows: readonly string[][]): void {
  const widths = [44, 9, 9, 0];
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : i === cells.length - 1 ? c : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(title);
  console.log(timesFrom);
  console.log(`Load average (1 min) at start and end: ${load.map((l) => l.toFixed(2)).join(', ')}`);
  console.log(line(['measurement', 'median', 'worst', 'detail']));
  for (const row of rows) console.log(line(row));
}

export function printLibraryTable(result: LibraryBenchResult, count: number): void {
  printTimingTable(
    `\nLibrary of ${thousands(count)} synthetic samples, Chromium ${result.chromium} headless (seeded in ${result.seedSeconds.toFixed(1)} s)`,
    'Times in ms from navigation start (reload) or from the store update until the DOM shows the result.',
    result.load,
    result.rows,
  );
}
