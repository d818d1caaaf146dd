import type { MapLayout, MapLayoutStage } from '../domain/map/mapLayout';
import { PointGrid } from '../domain/map/pointGrid';
import { MapLayoutService } from './mapLayoutService';
import type { SimilarityIndex } from './similarity';

export type LibraryMapState =
  | { status: 'idle' }
  | { status: 'computing'; done: number; total: number; stage: MapLayoutStage }
  | { status: 'ready'; layout: MapLayout; grid: PointGrid }
  | { status: 'error'; message: string };

/** More new samples than this share of the map (or any removed) and the layout is computed afresh. */
const RELAYOUT_SHARE = 0.25;

/**
 * The 2D map of the library's sounds: laid out in a worker from the sound embeddings the first
 * time the map is opened (with progress), then kept for the session; samples analysed since are
 * placed among the existing points without a new layout, so the map does not jump about.
 */
export class LibraryMap {
  private state: LibraryMapState = { status: 'idle' };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  /** SimilarityIndex.version the map was last brought up to date with. */
  private seenVersion = -1;

  constructor(
    private readonly similarity: SimilarityIndex,
    private readonly layouts = new MapLayoutService(),
  ) {}

  getState = (): LibraryMapState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Brings the map up to date with the library's embeddings (lays it out when there is none yet). */
  async refresh(): Promise<void> {
    if (this.state.status === 'computing') return;
    // Nothing analysed since the last look: no 32 MB copy of the embeddings to find that out.
    const version = this.similarity.version;
    if (this.state.status === 'ready' && version === this.seenVersion) return;
    const index = await this.similarity.ready();
    this.seenVersion = version;
    const serialised = index.serialise();
    const { vectors, dimension } = serialised;
    const ids = Int32Array.from(serialised.ids);
    const current = this.state.status === 'ready' ? this.state.layout : null;
    if (current && current.ids.length === ids.length && sameIds(current.ids, ids)) return;
    const known = new Set(current?.ids ?? []);
    const added = Array.from(ids).filter((id) => !known.has(id));
    const removed = current ? current.ids.length + added.length - ids.length : 0;
    if (current && removed === 0 && added.length <= current.ids.length * RELAYOUT_SHARE) {
      this.extend(current, ids, vectors, dimension, added);
      return;
    }
    await this.compute(ids, vectors, dimension);
  }

  /** Stops a layout in progress (the map view was closed). */
  cancel(): void {
    this.controller?.abort();
  }

  private async compute(ids: Int32Array, vectors: Float32Array, dimension: number): Promise<void> {
    this.controller = new AbortController();
    this.set({ status: 'computing', done: 0, total: ids.length, stage: 'prepare' });
    try {
      const layout = await this.layouts.compute(ids, vectors, dimension, {
        signal: this.controller.signal,
        onProgress: (done, total, stage) => {
          if (this.state.status === 'computing') this.set({ status: 'computing', done, total, stage });
        },
      });
      this.set({ status: 'ready', layout, grid: PointGrid.build(layout.xy) });
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      this.set(aborted ? { status: 'idle' } : { status: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.controller = null;
    }
  }

  private extend(current: MapLayout, ids: Int32Array, vectors: Float32Array, dimension: number, added: number[]): void {
    const rowOf = new Map<number, number>();
    ids.forEach((id, row) => rowOf.set(id, row));
    const newVectors = new Float32Array(added.length * dimension);
    added.forEach((id, i) => newVectors.set(vectors.subarray(rowOf.get(id)! * dimension, (rowOf.get(id)! + 1) * dimension), i * dimension));
    const placed = this.layouts.place(current.landmarks, Int32Array.from(added), newVectors);
    const xy = new Float32Array((current.ids.length + added.length) * 2);
    xy.set(current.xy);
    xy.set(placed, current.xy.length);
    const layout: MapLayout = { ids: Int32Array.from([...current.ids, ...added]), xy, landmarks: current.landmarks };
    this.set({ status: 'ready', layout, grid: PointGrid.build(layout.xy) });
  }

  private set(state: LibraryMapState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function sameIds(a: Int32Array, b: Int32Array): boolean {
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
