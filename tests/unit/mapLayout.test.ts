import { seededRandom } from '../../src/domain/random';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { MapLayoutStage } from '../../src/domain/map/mapLayout';
import { MAP_LAYOUT_STAGES, computeMapLayout, placeNewPoints } from '../../src/domain/map/mapLayout';
import { VectorError } from '../../src/domain/similarity/embeddingLayout';
import { SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import type { WorkerHandle } from '../../src/services/analysisPool';
import { MapLayoutService } from '../../src/services/mapLayoutService';

const DIM = SOUND_EMBEDDING_LAYOUT.dimension;

/** `clusters` groups of `size` vectors around random centres (spread 1), each with noise `noise`. */
function clustered(clusters: number, size: number, noise = 0.3, seed = 7) {
  const rng = seededRandom(seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: DIM }, gaussian));
  const n = clusters * size;
  const labels = Int32Array.from({ length: n }, (_, i) => i % clusters);
  const vectors = new Float32Array(n * DIM);
  labels.forEach((label, i) => centres[label]!.forEach((c, d) => (vectors[i * DIM + d] = c + noise * gaussian())));
  return { ids: Int32Array.from({ length: n }, (_, i) => 1000 + i), vectors, labels, n };
}

const point = (xy: Float32Array, i: number): [number, number] => [xy[2 * i]!, xy[2 * i + 1]!];

function centroid(xy: Float32Array, members: number[]): [number, number] {
  let [x, y] = [0, 0];
  for (const i of members) [x, y] = [x + point(xy, i)[0] / members.length, y + point(xy, i)[1] / members.length];
  return [x, y];
}

/** Mean distance to the own cluster's centroid (worst cluster), the smallest distance between centroids, and the centroids. */
function separation(xy: Float32Array, labels: Int32Array, clusters: number) {
  const groups = Array.from({ length: clusters }, (_, c) => [...labels.keys()].filter((i) => labels[i] === c));
  const centres = groups.map((members) => centroid(xy, members));
  const spread = Math.max(
    ...groups.map((members, c) => {
      const [cx, cy] = centres[c]!;
      return members.reduce((s, i) => s + Math.hypot(point(xy, i)[0] - cx, point(xy, i)[1] - cy), 0) / members.length;
    }),
  );
  let gap = Infinity;
  for (const [ax, ay] of centres)
    for (const [bx, by] of centres) if (ax !== bx || ay !== by) gap = Math.min(gap, Math.hypot(ax - bx, ay - by));
  return { spread, gap, centres };
}

describe('computeMapLayout', () => {
  it('keeps well-separated clusters apart on the map, also for points placed among landmarks', async () => {
    const { ids, vectors, labels } = clustered(3, 100);
    // 120 landmarks out of 300: most points go through the landmark placement, not UMAP itself.
    const layout = await computeMapLayout(ids, vectors, DIM, { seed: 3, landmarks: 120 });
    const { spread, gap } = separation(layout.xy, labels, 3);
    expect(gap).toBeGreaterThan(0.2);
    expect(spread * 10).toBeLessThan(gap);
  });

  it('measures distance with the aspect weights: groups alike only in timbre merge when timbre alone counts', async () => {
    const { ids, vectors, labels } = clustered(2, 60);
    const shared = clustered(1, 120, 0.3, 8).vectors; // one timbre distribution for both groups
    const { start, end } = SOUND_EMBEDDING_LAYOUT.aspects.timbre;
    for (let i = 0; i < 120; i++) vectors.set(shared.subarray(i * DIM + start, i * DIM + end), i * DIM + start);
    const overall = separation((await computeMapLayout(ids, vectors, DIM)).xy, labels, 2);
    const timbreOnly = separation((await computeMapLayout(ids, vectors, DIM, { weights: { timbre: 1 } })).xy, labels, 2);
    expect(overall.spread * 5).toBeLessThan(overall.gap);
    expect(timbreOnly.gap).toBeLessThan(timbreOnly.spread);
  });

  it('is deterministic for a seed, differs for another, and stays inside [0, 1]²', async () => {
    const { ids, vectors } = clustered(4, 60);
    const first = await computeMapLayout(ids, vectors, DIM, { seed: 11, landmarks: 100 });
    const again = await computeMapLayout(ids, vectors, DIM, { seed: 11, landmarks: 100 });
    const other = await computeMapLayout(ids, vectors, DIM, { seed: 12, landmarks: 100 });
    expect(again.xy).toEqual(first.xy);
    expect(other.xy).not.toEqual(first.xy);
    expect(first.ids).toEqual(ids);
    expect(first.xy.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    const xs = first.xy.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeLessThan(0.05); // the map fills the square (less its margin)
    expect(Math.max(...xs)).toBeGreaterThan(0.95);
  });

  it('handles 0 to 5 points, identical vectors and non-finite numbers', async () => {
    for (let n = 0; n <= 5; n++) {
      const { ids, vectors } = clustered(1, n);
      const layout = await computeMapLayout(ids, vectors, DIM);
      expect(layout.xy).toHaveLength(2 * n);
      expect(layout.xy.every((v) => v >= 0 && v <= 1)).toBe(true);
      if (n === 1) expect([...layout.xy]).toEqual([0.5, 0.5]);
      const distinct = new Set([...layout.ids.keys()].map((i) => point(layout.xy, i).join()));
      expect(distinct.size).toBe(n);
    }
    const same = new Float32Array(50 * DIM).map((_, i) => ((i % DIM) % 7) - 3);
    same[5] = Number.NaN;
    const copies = await computeMapLayout(
      Int32Array.from({ length: 50 }, (_, i) => i),
      same,
      DIM,
      { landmarks: 20 },
    );
    expect(new Set([...Array(50).keys()].map((i) => point(copies.xy, i).join())).size).toBe(50); // jittered apart
    expect(copies.xy.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('reports every stage in order, 0 first and total last', async () => {
    const { ids, vectors } = clustered(2, 40);
    const seen: [MapLayoutStage, number, number][] = [];
    await computeMapLayout(ids, vectors, DIM, { onProgress: (done, total, stage) => seen.push([stage, done, total]) });
    const stages = [...new Set(seen.map(([stage]) => stage))];
    expect(stages).toEqual([...MAP_LAYOUT_STAGES]);
    for (const stage of stages) {
      const own = seen.filter(([s]) => s === stage);
      expect(own[0]![1]).toBe(0);
      expect(own.at(-1)![1]).toBe(own.at(-1)![2]);
    }
  });

  it('stops with an AbortError when aborted, before or during the work', async () => {
    const { ids, vectors } = clustered(3, 100);
    await expect(computeMapLayout(ids, vectors, DIM, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const stages: MapLayoutStage[] = [];
    const run = computeMapLayout(ids, vectors, DIM, {
      signal: controller.signal,
      onProgress: (_done, _total, stage) => {
        stages.push(stage);
        if (stage === 'neighbours') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(DOMException);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(stages).not.toContain('layout');
  });

  it('refuses rows of the wrong dimension', async () => {
    await expect(computeMapLayout([1, 2], new Float32Array(2 * 64), 64)).rejects.toBeInstanceOf(VectorError);
    await expect(computeMapLayout([1, 2], new Float32Array(3 * DIM), DIM)).rejects.toBeInstanceOf(VectorError);
  });
});

describe('placeNewPoints', () => {
  it('puts a point where computeMapLayout put it, and a new sound beside its cluster', async () => {
    const { ids, vectors, labels, n } = clustered(3, 100);
    const layout = await computeMapLayout(ids, vectors, DIM, { seed: 5, landmarks: 90 });
    const again = placeNewPoints(layout.landmarks, ids, vectors);
    for (let i = 0; i < 2 * n; i++) expect(again[i]).toBeCloseTo(layout.xy[i]!, 4);

    const nearCluster0 = vectors.slice(0, DIM).map((v, d) => v + 0.1 * Math.sin(d)); // a variation of a cluster-0 sound
    const [x, y] = placeNewPoints(layout.landmarks, [424242], nearCluster0);
    const { gap, centres } = separation(layout.xy, labels, 3);
    const centre = centres[0]!;
    expect(Math.hypot(x! - centre[0], y! - centre[1])).toBeLessThan(gap / 3);
  });
});

describe('MapLayoutService', () => {
  /** A worker in this thread: the service's side of a MessageChannel, the map worker's API on the other. */
  function inProcessWorker(log: string[]): WorkerHandle {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(
      {
        layout: (
          ids: Int32Array,
          vectors: Float32Array,
          dim: number,
          seed: number,
          onProgress?: (d: number, t: number, s: MapLayoutStage) => void,
        ) => computeMapLayout(ids, vectors, dim, { seed, onProgress: onProgress && ((d, t, s) => void onProgress(d, t, s)) }),
      },
      port2 as unknown as Comlink.Endpoint, // node's MessagePort has the browser's addEventListener/postMessage
    );
    log.push('start');
    return {
      endpoint: port1 as unknown as Comlink.Endpoint,
      terminate: () => {
        log.push('terminate');
        port1.close();
        port2.close();
      },
      onCrash: () => undefined,
    };
  }

  it('starts the worker lazily, passes progress, terminates on abort and when idle', async () => {
    const log: string[] = [];
    const service = new MapLayoutService({ createWorker: () => inProcessWorker(log), idleShutdownMs: 50 });
    expect(log).toEqual([]);
    const { ids, vectors, labels } = clustered(3, 30);
    const stages = new Set<string>();
    const layout = await service.compute(ids, vectors, DIM, { seed: 2, onProgress: (_d, _t, stage) => stages.add(stage) });
    expect(layout.xy).toEqual((await computeMapLayout(ids, vectors, DIM, { seed: 2 })).xy);
    expect(separation(layout.xy, labels, 3).gap).toBeGreaterThan(0.1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(stages).toEqual(new Set(MAP_LAYOUT_STAGES)); // progress comes through its own port: it may trail the result
    expect(log).toEqual(['start', 'terminate']);

    const controller = new AbortController();
    const big = clustered(3, 400);
    const aborted = service.compute(big.ids, big.vectors, DIM, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(log).toEqual(['start', 'terminate', 'start', 'terminate']);
    service.dispose();
  });
});
