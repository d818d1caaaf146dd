/**
 * "Find sounds by sound" at scale: build time, memory and top-20 latency of the VectorIndex, exact
 * and quantised (int8 scan + float re-rank, with its recall@20 against exact), over seeded
 * synthetic embeddings (D = 64 in five aspect slices), at 100k and 500k vectors.
 *
 * Then near-duplicate grouping over a library with planted copies: time and how many were found.
 *
 *   npx tsx tests/bench/vectorSearch.ts [--sizes 100000,500000] [--queries 100] [--seed 1] [--duplicates 100000]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AspectWeights, EmbeddingLayout } from '../../src/domain/similarity/embeddingLayout';
import { ASPECT_NAMES } from '../../src/domain/similarity/embeddingLayout';
import { OVERALL_WEIGHTS, SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import type { VectorSearchOptions } from '../../src/domain/similarity/vectorIndex';
import { VectorIndex } from '../../src/domain/similarity/vectorIndex';
import type { DuplicateCandidate } from '../../src/domain/similarity/duplicates';
import { findDuplicateGroups } from '../../src/domain/similarity/duplicates';
import { normaliseAspects } from '../../src/domain/similarity/vectors';
import { random } from './syntheticLibrary';

/** The app's own embedding layout (D = 165), so the figures are those of "more like this". */
const LAYOUT = SOUND_EMBEDDING_LAYOUT;
const K = 20;
const WEIGHT_SETS: { name: string; weights: AspectWeights | undefined }[] = [
  { name: 'overall (app default)', weights: OVERALL_WEIGHTS },
  { name: 'timbre only', weights: { timbre: 1 } },
];

interface Args {
  sizes: number[];
  queries: number;
  seed: number;
  /** Samples in the near-duplicate run; 0 skips it. */
  duplicates: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [100_000, 500_000], queries: 100, seed: 1, duplicates: 100_000 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes')
      args.sizes = (argv[++i] ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
    else if (argv[i] === '--queries') args.queries = Number(argv[++i]);
    else if (argv[i] === '--seed') args.seed = Number(argv[++i]);
    else if (argv[i] === '--duplicates') args.duplicates = Number(argv[++i]);
  }
  return args;
}

/**
 * Embeddings that cluster the way sounds do (kicks near kicks): 2,000 centres, each vector its
 * centre plus noise, normalised per aspect. Uniformly random vectors would make every score
 * near 0 and flatter the recall of any approximation.
 */
function syntheticEmbeddings(count: number, layout: EmbeddingLayout, seed: number): Float32Array[] {
  const rng = random(seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Array.from({ length: 2000 }, () => Float32Array.from({ length: layout.dimension }, gaussian));
  const vectors: Float32Array[] = [];
  for (let n = 0; n < count; n++) {
    const centre = centres[Math.floor(rng() * centres.length)]!;
    const vector = Float32Array.from(centre, (value) => value + 0.6 * gaussian());
    vectors.push(normaliseAspects(vector, layout));
  }
  return vectors;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function timeSearches(index: VectorIndex, queries: Float32Array[], options: VectorSearchOptions): { median: number; p95: number } {
  for (const query of queries.slice(0, 10)) index.search(query, K, options); // warm the JIT
  const times = queries.map((query) => {
    const started = performance.now();
    index.search(query, K, options);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Mean share of the exact top-K ids that the quantised search also returns. */
function recallAtK(index: VectorIndex, queries: Float32Array[], weights: AspectWeights | undefined): number {
  let found = 0;
  for (const query of queries) {
    const exact = new Set(index.search(query, K, { weights, exact: true }).map((hit) => hit.id));
    found += index.search(query, K, { weights }).filter((hit) => exact.has(hit.id)).length;
  }
  return found / (queries.length * K);
}

/** Time to add every vector one by one, and to load the index from its serialised arrays (a start-up from IndexedDB). */
function build(vectors: Float32Array[], quantise: boolean): { index: VectorIndex; buildMs: number; loadMs: number } {
  const options = { quantiseFrom: quantise ? 0 : Infinity };
  let started = performance.now();
  const built = new VectorIndex(LAYOUT, options);
  vectors.forEach((vector, id) => built.add(id, vector));
  const buildMs = performance.now() - started;
  const stored = built.serialise();
  started = performance.now();
  const index = VectorIndex.fromSerialised(stored, LAYOUT, options);
  return { index, buildMs, loadMs: performance.now() - started };
}

const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1);
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const rows: string[] = [];
  for (const size of args.sizes) {
    const vectors = syntheticEmbeddings(size, LAYOUT, args.seed);
    const queries = syntheticEmbeddings(args.queries, LAYOUT, args.seed + 1);
    for (const quantise of [false, true]) {
      const { index, buildMs, loadMs } = build(vectors, quantise);
      for (const { name, weights } of WEIGHT_SETS) {
        const { median, p95 } = timeSearches(index, queries, { weights });
        const recall = quantise ? recallAtK(index, queries, weights).toFixed(3) : '1 (exact)';
        const method = quantise ? 'int8 + float re-rank' : 'exact float';
        rows.push(
          `| ${size.toLocaleString('en')} | ${method} | ${name} | ${ms(median)} | ${ms(p95)} | ${recall} | ${ms(buildMs)} | ${ms(loadMs)} | ${mb(index.byteLength)} |`,
        );
      }
    }
  }
  const aspects = ASPECT_NAMES.map((a) => `${a} ${LAYOUT.aspects[a].end - LAYOUT.aspects[a].start}`).join(', ');
  console.log(
    `\nVector search, top-${K} of clustered synthetic embeddings, D = ${LAYOUT.dimension} (${aspects}), Node ${process.version}, ${cpus().length} cores\n`,
  );
  console.log(`| vectors | method | weights | median ms | p95 ms | recall@${K} | build ms | load ms | index MB |`);
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  if (args.duplicates > 0) duplicatesBench(args.duplicates, args.seed);
}

/**
 * A library of `count` samples in which 1 in 50 sounds has a copy (re-encoded: every number
 * nudged; trimmed: up to 0.2 s shorter). Reports the time and the share of planted pairs found;
 * a group that mixes two different plants counts as a false group.
 */
function duplicatesBench(count: number, seed: number): void {
  const rng = random(seed + 2);
  const originals = syntheticEmbeddings(Math.round(count / 1.02), LAYOUT, seed + 3);
  const samples: DuplicateCandidate[] = [];
  const plantOf = new Map<number, number>();
  originals.forEach((vector, n) => {
    const durationSeconds = 0.1 * 100 ** rng(); // 0.1 s to 10 s, log-uniform
    samples.push({ id: samples.length, vector, facts: { durationSeconds, format: 'wav', bitDepth: 16, sampleRate: 44100 } });
    if (n % 50 !== 0) return;
    plantOf.set(samples.length - 1, n);
    const copy = normaliseAspects(
      Float32Array.from(vector, (value) => value + 0.04 * (rng() - 0.5)),
      LAYOUT,
    );
    plantOf.set(samples.length, n);
    samples.push({
      id: samples.length,
      vector: copy,
      facts: { durationSeconds: Math.max(0.05, durationSeconds - 0.2 * rng()), format: 'mp3' },
    });
  });
  const started = performance.now();
  const groups = findDuplicateGroups(samples, LAYOUT);
  const elapsed = performance.now() - started;
  const planted = new Set(plantOf.values()).size;
  let found = 0;
  let falseGroups = 0;
  for (const group of groups) {
    const plants = new Set([group.keep, ...group.others].map((id) => plantOf.get(id) ?? -1 - id));
    if (plants.size === 1 && group.others.length === 1) found++;
    else falseGroups++;
  }
  console.log(`\nNear-duplicates (threshold 0.97, durations within 10 % or 0.3 s), ${samples.length.toLocaleString('en')} samples\n`);
  console.log('| samples | planted pairs | found | false groups | time ms |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(`| ${samples.length.toLocaleString('en')} | ${planted} | ${found} | ${falseGroups} | ${elapsed.toFixed(0)} |`);
}

main();
