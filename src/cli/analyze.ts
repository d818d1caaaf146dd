/**
 * Batch analyser: the same decode and analysis code the app's workers run, in Node.
 *
 *   npm run analyze -- <files or folders...> --out report.json
 *
 * Writes one record per audio file (docs/REPORT-FORMAT.md). Exits 0 even when files failed
 * (their records say why); 2 on usage errors.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isAudioFileName } from '../domain/audioFormats';
import type { ReportRecord } from '../domain/report';
import { toReportRecord } from '../domain/report';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { loadEssentiaNode } from '../../workers/analysis/essentiaNode';

interface Job {
  absolute: string;
  reportPath: string;
}

const USAGE = 'usage: npm run analyze -- <files or folders...> --out report.json';

function fail(message: string): never {
  process.stderr.write(`analyze: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { inputs: string[]; out: string } {
  const inputs: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (!out) fail('--out needs a file name');
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) fail('no files or folders given');
  if (!out) fail('--out is required');
  return { inputs, out };
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

async function main(): Promise<void> {
  const { inputs, out } = parseArgs(process.argv.slice(2));
  const jobs = await collectJobs(inputs);
  const essentia = loadEssentiaNode();
  const records: ReportRecord[] = [];
  const started = performance.now();
  let failed = 0;
  let audioSeconds = 0;
  for (const [index, job] of jobs.entries()) {
    let record: ReportRecord;
    try {
      const bytes = new Uint8Array(await readFile(job.absolute));
      record = toReportRecord(job.reportPath, await analyseSample(bytes, basename(job.absolute), { essentia }));
    } catch (error) {
      record = toReportRecord(job.reportPath, {
        ok: false,
        error: { code: 'read_failed', message: `could not read the file: ${(error as Error).message}` },
      });
    }
    if (!record.ok) failed++;
    audioSeconds += record.duration ?? 0;
    records.push(record);
    const note = record.ok ? '' : `  ${record.error?.code}: ${record.error?.message}`;
    process.stderr.write(`[${index + 1}/${jobs.length}] ${job.reportPath}${note}\n`);
  }
  await writeFile(out, JSON.stringify(records, null, 1));
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `analysed ${jobs.length} files (${failed} refused) in ${seconds.toFixed(1)} s: ${(jobs.length / seconds).toFixed(1)} files/s, ` +
      `${(audioSeconds / seconds).toFixed(1)}x realtime, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB; report: ${out}\n`,
  );
}

await main();
