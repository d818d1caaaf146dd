/**
 * Batch analyser: the same decode and analysis code the app's workers run, in Node.
 *
 *   npm run analyze -- <files or folders...> --out report.json
 *
 * Writes one record per audio file (docs/REPORT-FORMAT.md). Exits 0 even when files failed
 * (their records say why); 2 on usage errors.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isAudioFileName } from '../domain/audioFormats';
import type { ReportRecord } from '../domain/report';
import { toReportRecord } from '../domain/report';
import { AnalysisPool } from '../services/analysisPool';
import { createNodeAnalysisWorker } from './nodeAnalysisWorker';

interface Job {
  absolute: string;
  reportPath: string;
}

const USAGE = 'usage: npm run analyze -- <files or folders...> --out report.json [--embeddings embeddings.json]';

function fail(message: string): never {
  process.stderr.write(`analyze: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { inputs: string[]; out: string; embeddingsOut: string | undefined } {
  const inputs: string[] = [];
  let out: string | undefined;
  let embeddingsOut: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (!out) fail('--out needs a file name');
    } else if (arg === '--embeddings') {
      embeddingsOut = argv[++i];
      if (!embeddingsOut) fail('--embeddings needs a file name');
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) fail('no files or folders given');
  if (!out) fail('--out is required');
  return { inputs, out, embeddingsOut };
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && isAudioFileName(entry.name)) files.push(path);
  }
  return files;
}

async function collectJobs(inputs: string[]): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const input of inputs) {
    const absolute = resolve(input);
    const info = await stat(absolute).catch(() => fail(`${input}: no such file or folder`));
    if (info.isDirectory()) {
      for (const file of await walk(absolute)) jobs.push({ absolute: file, reportPath: relative(absolute, file).split(sep).join('/') });
    } else {
      jobs.push({ absolute, reportPath: input.split(sep).join('/') || basename(input) });
    }
  }
  return jobs;
}

/** Sound embeddings by report path, for `--embeddings` (src/cli/similarityEval.ts reads them). */
const embeddings: Record<string, number[]> = {};

async function analyseJob(pool: AnalysisPool, job: Job): Promise<ReportRecord> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(job.absolute));
  } catch (error) {
    return toReportRecord(job.reportPath, {
      ok: false,
      error: { code: 'read_failed', message: `could not read the file: ${(error as Error).message}` },
    });
  }
  const outcome = await pool.analyse(new Blob([bytes]), basename(job.absolute));
  if (outcome.ok && outcome.embedding) embeddings[job.reportPath] = Array.from(outcome.embedding, (v) => Math.round(v * 1e5) / 1e5);
  return toReportRecord(job.reportPath, outcome);
}

async function main(): Promise<void> {
  const { inputs, out, embeddingsOut } = parseArgs(process.argv.slice(2));
  const jobs = await collectJobs(inputs);
  // The same worker pool as the app, over Node worker threads: one pipeline, not a copy.
  const pool = new AnalysisPool({ size: Math.max(1, Math.min(4, availableParallelism())), createWorker: createNodeAnalysisWorker });
  const records: ReportRecord[] = new Array(jobs.length);
  const started = performance.now();
  let finished = 0;
  let failed = 0;
  let audioSeconds = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const record = await analyseJob(pool, job);
      records[index] = record;
      finished++;
      if (!record.ok) failed++;
      audioSeconds += record.duration ?? 0;
      const note = record.ok ? '' : `  ${record.error?.code}: ${record.error?.message}`;
      process.stderr.write(`[${finished}/${jobs.length}] ${job.reportPath}${note}\n`);
    }
  };
  await Promise.all(Array.from({ length: pool.size * 2 }, lane));
  pool.terminate();
  await writeFile(out, JSON.stringify(records, null, 1));
  if (embeddingsOut) await writeFile(embeddingsOut, JSON.stringify(embeddings));
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `analysed ${jobs.length} files (${failed} refused) in ${seconds.toFixed(1)} s with ${pool.size} workers: ${(jobs.length / seconds).toFixed(1)} files/s, ` +
      `${(audioSeconds / seconds).toFixed(1)}x realtime, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; report: ${out}\n`,
  );
}

await main();
