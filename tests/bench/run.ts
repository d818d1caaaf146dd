/**
 * npm run bench: analysis throughput and memory of the production build in headless Chromium,
 * through the app's own worker pool, plus the batch analyser in Node, then the library at scale
 * (tests/bench/library.ts: reload, filters, sorts, search, scrolling and heap with a synthetic
 * library) and audition latency (tests/bench/audition.ts). Prints one table for each.
 *
 *   npm run bench [-- --corpus ../shared/corpus] [--generated 2000] [--library 100000] [--seed 1]
 *   npm run bench -- --library-only [--library 100000]     (the library part alone; --library 0 skips it)
 *   npm run bench -- --vectors-only                         (vector search and near-duplicates alone)
 *   npm run bench -- --map-only [--library 100000]          (the library map alone: tests/bench/mapBench.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { isAudioFileName } from '../../src/domain/audioFormats';
import { launchChromium, serveProductionBuild } from '../support/browser';
import { generatedOneShot } from './generatedSet';
import { auditionLatency, printAuditionTable } from './audition';
import { libraryBench, printLibraryTable } from './library';
import { mapBench, printMapTable } from './mapBench';
import { sampleRss } from './memory';

interface Args {
  corpus: string | null;
  generated: number;
  /** Samples in the synthetic library; 0 skips the library benchmark. */
  library: number;
  libraryOnly: boolean;
  vectorsOnly: boolean;
  mapOnly: boolean;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    corpus: existsSync('../shared/corpus') ? '../shared/corpus' : null,
    generated: 10000,
    library: 100_000,
    libraryOnly: false,
    vectorsOnly: false,
    mapOnly: false,
    seed: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') args.corpus = argv[++i] ?? null;
    else if (argv[i] === '--generated') args.generated = Number(argv[++i]);
    else if (argv[i] === '--library') args.library = Number(argv[++i]);
    else if (argv[i] === '--library-only') args.libraryOnly = true;
    else if (argv[i] === '--vectors-only') args.vectorsOnly = true;
    else if (argv[i] === '--map-only') args.mapOnly = true;
    else if (argv[i] === '--seed') args.seed = Number(argv[++i]);
  }
  return args;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : isAudioFileName(e.name) ? [join(dir, e.name)] : [],
  );
}

interface PoolRun {
  /** bpm (or null) per url, for the tempo comparison. */
  bpms: (number | null)[];
  files: number;
  ok: number;
  seconds: number;
  audioSeconds: number;
  longestTaskMs: number;
  /** Milliseconds the workers spent per file (decode + analysis), without messaging. */
  workerMsPerFile: number;
  /** WASM heap of each worker after every `checkpointEvery` files. */
  heapCheckpoints: { files: number; wasmMb: number }[];
}

/**
 * Analyses `urls` with the app's worker pool inside the page (no database), as fast as it goes.
 * The files are fetched into memory first (a library's files are on a local disk, not behind the
 * test harness's request interception), so the timing is the analysis itself.
 */
async function runPool(page: Page, urls: string[], checkpointEvery: number): Promise<PoolRun> {
  return page.evaluate(
    async ({ urls, checkpointEvery }) => {
      type Outcome = {
        ok: boolean;
        descriptors?: { duration: number; bpm: number | null };
        timings?: { decodeMs: number; analyseMs: number };
      };
      const { pool } = (
        window as unknown as {
          samplemind: {
            pool: { size: number; analyse(b: Blob, n: string): Promise<Outcome>; memory(): Promise<{ wasmHeapBytes: number }[]> };
          };
        }
      ).samplemind;
      let longestTaskMs = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const heapCheckpoints: { files: number; wasmMb: number }[] = [];
      let next = 0;
      let done = 0;
      let ok = 0;
      let audioSeconds = 0;
      const bpms: (number | null)[] = new Array(urls.length).fill(null);
      const blobs = new Map<string, Blob>();
      const unique = [...new Set(urls)];
      for (let i = 0; i < unique.length; i += 16) {
        await Promise.all(unique.slice(i, i + 16).map(async (u) => blobs.set(u, await (await fetch(u)).blob())));
      }
      let workerMs = 0;
      const started = performance.now();
      const lane = async (): Promise<void> => {
        while (next < urls.length) {
          const index = next++;
          const url = urls[index]!;
          const outcome = await pool.analyse(blobs.get(url)!, decodeURIComponent(url.split('/').pop()!));
          done++;
          if (outcome.timings) workerMs += outcome.timings.decodeMs + outcome.timings.analyseMs;
          if (outcome.ok) {
            ok++;
            audioSeconds += outcome.descriptors!.duration;
            bpms[index] = outcome.descriptors!.bpm;
          }
          if (done % checkpointEvery === 0) {
            const memory = await pool.memory();
            heapCheckpoints.push({ files: done, wasmMb: Math.max(...memory.map((m) => m.wasmHeapBytes)) / 2 ** 20 });
          }
        }
      };
      await Promise.all(Array.from({ length: pool.size * 2 }, lane));
      const seconds = (performance.now() - started) / 1000;
      observer.disconnect();
      return {
        bpms,
        files: urls.length,
        ok,
        seconds,
        audioSeconds,
        longestTaskMs,
        workerMsPerFile: workerMs / Math.max(1, ok),
        heapCheckpoints,
      };
    },
    { urls, checkpointEvery },
  );
}

/** Imports a folder through the UI (directory handle over OPFS) and times it until analysed. */
async function runImport(
  page: Page,
  files: { path: string; url: string }[],
): Promise<{ seconds: number; files: number; longestTaskMs: number }> {
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('Bench Corpus', { create: true });
    for (const { path, url } of files) {
      let dir = folder;
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1)!, { create: true })).createWritable();
      await writable.write(await (await fetch(url)).blob());
      await writable.close();
    }
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => folder;
    const longest = { ms: 0 };
    (window as unknown as { benchLongest: typeof longest }).benchLongest = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask' });
  }, files);
  const started = Date.now();
  await page.getByRole('button', { name: 'Add folder' }).first().click();
  await page.getByTestId('analysis-progress').waitFor({ timeout: 30_000 });
  await page.getByTestId('analysis-progress').waitFor({ state: 'detached', timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  const longestTaskMs = await page.evaluate(() => (window as unknown as { benchLongest: { ms: number } }).benchLongest.ms);
  return { seconds, files: files.length, longestTaskMs };
}

interface TempoTool {
  name: string;
  available: boolean;
  bpm(file: string): number | null;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** aubio (aubio-tools) and bpm (bpm-tools), run the way their manuals show, for comparison. */
const TEMPO_TOOLS: TempoTool[] = [
  {
    name: 'aubio tempo',
    available: commandExists('aubio'),
    bpm: (file) => {
      const out = spawnSync('aubio', ['tempo', '-i', file], { encoding: 'utf8' }).stdout;
      const match = /([\d.]+) bpm/.exec(out);
      return match ? Number(match[1]) : null;
    },
  },
  {
    name: 'bpm (bpm-tools)',
    available: commandExists('bpm') && commandExists('sox'),
    bpm: (file) => {
      const out = spawnSync('sh', ['-c', 'sox "$1" -t raw -r 44100 -e float -b 32 -c 1 - 2>/dev/null | bpm -m 60 -x 200', 'sh', file], {
        encoding: 'utf8',
      }).stdout;
      const value = Number(out.trim());
      return Number.isFinite(value) && value > 0 ? value : null;
    },
  },
];

function tempoScore(results: (number | null)[], truth: number[]): { acc1: number; acc2: number } {
  const within = (p: number | null, t: number): boolean => p !== null && Math.abs(p - t) / t <= 0.04;
  let acc1 = 0;
  let acc2 = 0;
  results.forEach((p, i) => {
    const t = truth[i]!;
    if (within(p, t)) acc1++;
    if ([1, 2, 0.5, 3, 1 / 3].some((f) => within(p, t * f))) acc2++;
  });
  return { acc1: acc1 / truth.length, acc2: acc2 / truth.length };
}

/** Runs `npm run analyze` on the corpus and returns its summary line (it reports on stderr). */
function batchAnalyser(corpus: string): string {
  const run = spawnSync('npx', ['tsx', 'src/cli/analyze.ts', corpus, '--out', join(tmpdir(), 'samplemind-bench-report.json')], {
    encoding: 'utf8',
  });
  return run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`;
}

/** The library benchmark on its own browser and profile, after the analysis benchmarks (which it does not disturb). */
async function runLibraryBench(args: Args): Promise<void> {
  if (args.library <= 0) return;
  const result = await libraryBench({ count: args.library, seed: args.seed, reloads: 5, runs: 5 });
  printLibraryTable(result, args.library);
}

/** The library map (tests/bench/mapBench.ts) on its own browser and profile, with the library's sample count. */
async function runMapBench(args: Args): Promise<void> {
  if (args.library <= 0) return;
  const result = await mapBench({ count: args.library, seed: args.seed, clusters: 40, spread: 0.5, hovers: 10 });
  printMapTable(result, args.library);
}

/** "More like this": top-20 search at 100k and 500k embeddings and near-duplicates (tests/bench/vectorSearch.ts, in Node: the same V8 as the page). */
function runVectorBench(): void {
  const run = spawnSync('npx', ['tsx', 'tests/bench/vectorSearch.ts'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the vector search benchmark failed (exit ${run.status})`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.vectorsOnly) return runVectorBench();
  if (args.libraryOnly) return runLibraryBench(args);
  if (args.mapOnly) return runMapBench(args);
  const server = await serveProductionBuild();
  const browser = await launchChromium();
  const context = await browser.newContext();
  // tsx (esbuild keepNames) wraps functions in __name(); page.evaluate code runs in the page.
  await context.addInitScript('window.__name = (fn) => fn');
  const corpusFiles = args.corpus ? walk(args.corpus) : [];
  const labels: { path: string; kind?: string; bpm?: number }[] =
    args.corpus && existsSync(join(args.corpus, 'labels.json')) ? JSON.parse(readFileSync(join(args.corpus, 'labels.json'), 'utf8')) : [];
  const kindOf = new Map(labels.map((l) => [l.path, l.kind]));
  const bpmOf = new Map(labels.map((l) => [l.path, l.bpm]));
  const tempoRows: string[][] = [];
  // Files are served to the page from memory/disk through a route on the app's own origin.
  await context.route(`${server.origin}/__bench/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/__bench/'.length));
    if (path.startsWith('gen/')) return route.fulfill({ body: Buffer.from(generatedOneShot(Number(path.slice(4, -4))).bytes) });
    return route.fulfill({ body: readFileSync(join(args.corpus!, path)) });
  });
  const page = await context.newPage();
  await page.goto(server.origin);
  await page.getByText('Your sample library starts here').waitFor();
  const rows: string[][] = [];
  const rss = sampleRss();
  const url = (path: string): string => `${server.origin}/__bench/${path.split('/').map(encodeURIComponent).join('/')}`;

  /** "< 50" when no main-thread task reached the 50 ms a PerformanceObserver reports. */
  const longest = (ms: number): string => (ms > 0 ? ms.toFixed(0) : '< 50');
  const poolRow = (
    name: string,
    r: Pick<PoolRun, 'files' | 'seconds' | 'audioSeconds' | 'longestTaskMs' | 'workerMsPerFile'>,
  ): string[] => [
    name,
    `${r.files}`,
    (r.files / r.seconds).toFixed(1),
    (r.audioSeconds / r.seconds).toFixed(1),
    longest(r.longestTaskMs),
    r.workerMsPerFile.toFixed(1),
  ];

  if (args.corpus) {
    const relativePaths = corpusFiles.map((f) => relative(args.corpus!, f).split('\\').join('/'));
    await runPool(page, relativePaths.slice(0, 20).map(url), 1000); // warm up workers, codecs and WASM
    rows.push(poolRow('corpus, all files (pool)', await runPool(page, relativePaths.map(url), 1000)));
    const oneShots = relativePaths.filter((p) => kindOf.get(p) === 'one-shot');
    const loops = relativePaths.filter((p) => kindOf.get(p) === 'loop');
    if (oneShots.length) rows.push(poolRow('corpus one-shots (pool)', await runPool(page, oneShots.map(url), 1000)));
    if (loops.length) {
      const r = await runPool(page, loops.map(url), 1000);
      rows.push(poolRow('corpus loops (pool)', r));
      const truth = loops.map((p) => bpmOf.get(p)!);
      const ours = tempoScore(r.bpms, truth);
      tempoRows.push([
        'SampleMind (full analysis, 2 workers)',
        ((1000 * r.seconds) / r.files).toFixed(0),
        (100 * ours.acc1).toFixed(1),
        (100 * ours.acc2).toFixed(1),
      ]);
      for (const tool of TEMPO_TOOLS) {
        if (!tool.available) {
          tempoRows.push([tool.name, 'not installed', '', '']);
          continue;
        }
        const started = performance.now();
        const results = loops.map((p) => tool.bpm(join(args.corpus!, p)));
        const ms = (performance.now() - started) / loops.length;
        const score = tempoScore(results, truth);
        tempoRows.push([tool.name, ms.toFixed(0), (100 * score.acc1).toFixed(1), (100 * score.acc2).toFixed(1)]);
      }
    }
    const imported = await runImport(
      page,
      relativePaths.map((path) => ({ path, url: url(path) })),
    );
    rows.push([
      'corpus, full import via UI',
      `${imported.files}`,
      (imported.files / imported.seconds).toFixed(1),
      '',
      longest(imported.longestTaskMs),
      '',
    ]);
  }
  let checkpoints: PoolRun['heapCheckpoints'] = [];
  const rssSeries: string[] = [];
  if (args.generated > 0) {
    // 250 distinct generated sounds, each analysed afresh many times over.
    const urls = Array.from({ length: args.generated }, (_, i) => url(`gen/${i % 250}.wav`));
    const chunks = 4;
    const total = { files: 0, seconds: 0, audioSeconds: 0, longestTaskMs: 0, workerMs: 0 };
    for (let c = 0; c < chunks; c++) {
      const part = urls.slice((c * urls.length) / chunks, ((c + 1) * urls.length) / chunks);
      const r = await runPool(page, part, part.length);
      total.files += r.files;
      total.seconds += r.seconds;
      total.audioSeconds += r.audioSeconds;
      total.longestTaskMs = Math.max(total.longestTaskMs, r.longestTaskMs);
      total.workerMs += r.workerMsPerFile * r.files;
      checkpoints = checkpoints.concat(r.heapCheckpoints.map((h) => ({ ...h, files: total.files })));
      rssSeries.push(`${total.files}: ${rss.current().toFixed(0)} MB`);
    }
    rows.push(poolRow('generated one-shots (pool)', { ...total, workerMsPerFile: total.workerMs / total.files }));
  }
  const peakRss = rss.stop();
  const audition = await auditionLatency(browser, server.origin);
  await browser.close();
  await server.close();

  let batch = '';
  if (args.corpus) batch = batchAnalyser(args.corpus);

  const widths = [30, 7, 9, 10, 16, 16];
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  console.log(
    `\nSampleMind benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model.trim()}, Chromium headless`,
  );
  console.log(line(['scenario', 'files', 'files/s', 'realtime', 'longest task ms', 'worker ms/file']));
  for (const r of rows) console.log(line(r));
  console.log(`peak RSS of the app renderer (page + workers): ${peakRss.toFixed(0)} MB`);
  if (rssSeries.length) console.log(`renderer RSS after generated files: ${rssSeries.join(', ')}`);
  if (checkpoints.length)
    console.log(
      `essentia WASM heap per worker after generated files: ${checkpoints.map((c) => `${c.files}: ${c.wasmMb.toFixed(1)} MB`).join(', ')}`,
    );
  if (batch) console.log(`batch analyser (Node): ${batch}`);
  if (tempoRows.length) {
    const tw = [38, 14, 12, 12];
    const tline = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(tw[i]!) : c.padStart(tw[i]!))).join(' ');
    console.log('\nTempo on the corpus loops (same files, same run)');
    console.log(tline(['estimator', 'ms per loop', 'acc1 (4 %)', 'acc2 (x2,x3)']));
    for (const r of tempoRows) console.log(tline(r));
  }
  printAuditionTable(audition);
  await runLibraryBench(args);
  await runMapBench(args);
  runVectorBench();
}

await main();
