import { keepPoints } from '../domain/map/keepPoints';
import type { MapLayout, MapLayoutStage } from '../domain/map/mapLayout';
import { PointGrid } from '../domain/map/pointGrid';
import { MapLayoutService } from './mapLayoutService';
import type { SimilarityIndex } from './similarity';

export type LibraryMapState =
  | { status: 'idle' }
  | { status: 'computing'; done: number; total: number; stage: MapLayoutStage }
  | { status: 'ready'; layout: MapLayout; grid: PointGrid }
  | { status: 'error'; message: string };

/** More new samples than this share of the map and the layout is computed afresh. */
const RELAYOUT_SHARE = 0.25;

/** Where the last layout is kept between sessions (MapLayoutRepository in the app). */
export interface MapLayoutStore {
  load(): Promise<MapLayout | undefined>;
  save(layout: MapLayout): Promise<void>;
}

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
    private readonly store?: MapLayoutStore,
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
    const ids = Int32Array.from(index.ids());
    // The first look after a reload starts from the layout the last session saved.
    const saved = this.state.status === 'ready' ? this.state.layout : await this.savedLayout();
    // Samples deleted since simply leave the map; the others keep their places.
    const current = saved && withoutRemoved(saved, ids);
    if (current && current.ids.length === ids.length) {
      if (this.state.status !== 'ready' || current !== saved) this.show(current, current !== saved);
      return;
    }
    // Only now the 32 MB copy of the vectors (at 100k): a map that is up to date needs none. Its ids
    // are taken again with it: embeddings may have arrived while the saved layout was read.
    const serialised = index.serialise();
    const { vectors, dimension } = serialised;
    const rows = Int32Array.from(serialised.ids);
    const base = saved && withoutRemoved(saved, rows);
    const known = new Set(base?.ids ?? []);
    const added = Array.from(rows).filter((id) => !known.has(id));
    if (base && base.ids.length > 0 && added.length <= base.ids.length * RELAYOUT_SHARE) {
      this.extend(base, rows, vectors, dimension, added);
      return;
    }
    await this.compute(rows, vectors, dimension);
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
      this.show(layout, true);
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
    this.show(layout, true);
  }

  private show(layout: MapLayout, changed: boolean): void {
    this.set({ status: 'ready', layout, grid: PointGrid.build(layout.xy) });
    if (changed) {
      this.store
        ?.save(layout)
        .catch((error: unknown) => console.warn('The map layout was not saved; the next session lays it out again.', error));
    }
  }

  private async savedLayout(): Promise<MapLayout | undefined> {
    try {
      return await this.store?.load();
    } catch (error) {
      console.warn('The saved map layout could not be read; laying the map out again.', error);
      return undefined;
    }
  }

  private set(state: LibraryMapState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** The layout without the samples no longer in `ids` (the same object when none left). */
function withoutRemoved(layout: MapLayout, ids: Int32Array): MapLayout {
  const present = new Set(ids);
  return keepPoints(layout, (id) => present.has(id));
}
