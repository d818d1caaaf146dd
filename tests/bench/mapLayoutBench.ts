/**
 * The library map at scale: time and peak memory of computeMapLayout over seeded synthetic
 * embeddings (the sound embedding's layout, D = 80) drawn around ~30 cluster centres, and how
 * well the map keeps the clusters apart (share of each point's 10 nearest map neighbours that
 * come from its own cluster, over a sample of points).
 *
 *   npx tsx tests/bench/mapLayoutBench.ts [--n 100000] [--clusters 30] [--landmarks 3000] [--spread 0.5] [--seed 1]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { MapLayoutStage } from '../../src/domain/map/mapLayout';
import { computeMapLayout } from '../../src/domain/map/mapLayout';
import { SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import { random } from './syntheticLibrary';

/** spread: the noise around each centre (the centres' own spread is 1); 1 or more makes the clusters overlap. */
const options = { n: 100_000, clusters: 30, landmarks: 3000, spread: 0.5, seed: 1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const name = argv[i]!.replace(/^--/, '') as keyof typeof options;
  if (!(name in options)) throw new Error(`unknown option ${argv[i]}`);
  options[name] = Number(argv[i + 1]);
}

const dim = SOUND_EMBEDDING_LAYOUT.dimension;
const rng = random(options.seed);
const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const centres = Float32Array.from({ length: options.clusters * dim }, gaussian);
const clusterOf = Int32Array.from({ length: options.n }, () => Math.floor(rng() * options.clusters));
const vectors = new Float32Array(options.n * dim);
for (let i = 0; i < options.n; i++) {
  for (let d = 0; d < dim; d++) vectors[i * dim + d] = centres[clusterOf[i]! * dim + d]! + options.spread * gaussian();
}
const ids = Int32Array.from({ length: options.n }, (_, i) => i + 1);

const stageStart = new Map<MapLayoutStage, number>();
const stageEnd = new Map<MapLayoutStage, number>();
const started = performance.now();
const layout = await computeMapLayout(ids, vectors, dim, {
  seed: options.seed,
  landmarks: options.landmarks,
  onProgress: (done, total, stage) => {
    if (!stageStart.has(stage)) stageStart.set(stage, performance.now());
    if (done === total) stageEnd.set(stage, performance.now());
  },
});
const seconds = (performance.now() - started) / 1000;

// Neighbourhood purity on the map, brute force over a sample.
const sample = Math.min(1000, options.n);
let sameCluster = 0;
for (let s = 0; s < sample; s++) {
  const i = Math.floor((s * options.n) / sample);
  const nearest: { d: number; j: number }[] = [];
  for (let j = 0; j < options.n; j++) {
    if (j === i) continue;
    const d = (layout.xy[2 * i]! - layout.xy[2 * j]!) ** 2 + (layout.xy[2 * i + 1]! - layout.xy[2 * j + 1]!) ** 2;
    if (nearest.length < 10 || d < nearest[9]!.d) {
      nearest.push({ d, j });
      nearest.sort((a, b) => a.d - b.d);
      if (nearest.length > 10) nearest.pop();
    }
  }
  sameCluster += nearest.filter(({ j }) => clusterOf[j] === clusterOf[i]).length / 10;
}

const stages = [...stageStart].map(([stage, start]) => `${stage} ${(((stageEnd.get(stage) ?? start) - start) / 1000).toFixed(2)} s`);
console.log(
  `computeMapLayout: ${options.n} points, D = ${dim}, ${options.clusters} clusters (spread ${options.spread}), ${options.landmarks} landmarks`,
);
console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`  time: ${seconds.toFixed(2)} s (${stages.join(', ')})`);
console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log(
  `  10-NN on the map from the same cluster: ${((100 * sameCluster) / sample).toFixed(1)} % (chance ${(100 / options.clusters).toFixed(1)} %)`,
);
