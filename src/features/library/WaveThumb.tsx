import { useEffect, useSyncExternalStore } from 'react';
import type { WaveformPeaks } from '../../domain/analysis';
import { useServices } from '../../app/ServicesContext';
import type { LibraryRepository } from '../../db/libraryRepository';

const CACHE_SIZE = 3000;
const WIDTH = 64;
const HEIGHT = 20;

/** A waveform as one SVG path of 1-px bars, drawn from 600 stored peaks. */
export function thumbnailPath(peaks: WaveformPeaks): string {
  const step = peaks.length / WIDTH;
  let path = '';
  for (let x = 0; x < WIDTH; x++) {
    let max = 0;
    for (let i = Math.floor(x * step); i < Math.floor((x + 1) * step); i++) max = Math.max(max, peaks[i] ?? 0);
    const h = Math.max(1, (max / 255) * HEIGHT);
    path += `M${x} ${((HEIGHT - h) / 2).toFixed(1)}h1v${h.toFixed(1)}h-1z`;
  }
  return path;
}

/**
 * Waveform thumbnails for the rows on screen, read from the stored peaks in batches (one
 * IndexedDB request per frame however many rows appear) and kept, as SVG paths, in a bounded
 * cache. Each row subscribes to its own entry, so a batch arriving re-renders only its rows.
 * (Thumbnails were canvases: creating a 2D context per row that scrolled into view was the
 * largest cost of scrolling, see docs/BENCHMARKS.md.)
 */
class ThumbnailPaths {
  private readonly cache = new Map<number, string | null>();
  private readonly wanted = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  constructor(private readonly repository: LibraryRepository) {}

  /** The row's path; undefined while it is being read (and asks for it), null without peaks. */
  get(id: number): string | null | undefined {
    const path = this.cache.get(id);
    if (path === undefined) this.request(id);
    return path;
  }

  peek(id: number): string | null | undefined {
    return this.cache.get(id);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private request(id: number): void {
    this.wanted.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => void this.load());
  }

  private async load(): Promise<void> {
    const ids = [...this.wanted];
    this.wanted.clear();
    this.scheduled = false;
    const found = await this.repository.getPeaksMany(ids);
    for (const id of ids) {
      const peaks = found.get(id);
      this.cache.set(id, peaks ? thumbnailPath(peaks) : null);
    }
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.listeners.forEach((l) => l());
  }
}

let shared: ThumbnailPaths | undefined;
function thumbnailPaths(repository: LibraryRepository): ThumbnailPaths {
  shared ??= new ThumbnailPaths(repository);
  return shared;
}

/** A row's waveform in 64 × 20 px, drawn from its stored peaks. */
export function WaveThumb({ id, analysed }: { id: number; analysed: boolean }) {
  const { repository } = useServices();
  const store = thumbnailPaths(repository);
  const path = useSyncExternalStore(store.subscribe, () => (analysed ? store.peek(id) : null));
  useEffect(() => {
    if (analysed && path === undefined) store.get(id);
  }, [analysed, path, id, store]);
  if (!path) return <span className="wave-thumb empty" aria-hidden="true" />;
  return (
    <svg className="wave-thumb" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
      <path d={path} fill="#6f8fbf" />
    </svg>
  );
}
