import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { WaveformPeaks } from '../../domain/analysis';
import { useServices } from '../../app/ServicesContext';
import type { LibraryRepository } from '../../db/libraryRepository';

const CACHE_SIZE = 3000;
const WIDTH = 64;
const HEIGHT = 20;

/**
 * Waveform thumbnails for the rows on screen, read from the stored peaks in batches (one
 * IndexedDB request per frame however many rows appear) and kept in a bounded cache.
 */
class ThumbnailPeaks {
  private readonly cache = new Map<number, WaveformPeaks | null>();
  private readonly wanted = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private version = 0;

  constructor(private readonly repository: LibraryRepository) {}

  get(id: number): WaveformPeaks | null | undefined {
    const peaks = this.cache.get(id);
    if (peaks === undefined) this.request(id);
    return peaks;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

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
    for (const id of ids) this.cache.set(id, found.get(id) ?? null);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.version++;
    this.listeners.forEach((l) => l());
  }
}

let shared: ThumbnailPeaks | undefined;
export function thumbnailPeaks(repository: LibraryRepository): ThumbnailPeaks {
  shared ??= new ThumbnailPeaks(repository);
  return shared;
}

/** A row's waveform in 64 × 20 px, drawn from its stored peaks. */
export function WaveThumb({ id, analysed }: { id: number; analysed: boolean }) {
  const { repository } = useServices();
  const store = thumbnailPeaks(repository);
  useSyncExternalStore(store.subscribe, store.snapshot);
  const peaks = analysed ? store.get(id) : null;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || !peaks) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = '#6f8fbf';
    const step = peaks.length / WIDTH;
    for (let x = 0; x < WIDTH; x++) {
      let max = 0;
      for (let i = Math.floor(x * step); i < Math.floor((x + 1) * step); i++) max = Math.max(max, peaks[i] ?? 0);
      const h = Math.max(1, (max / 255) * HEIGHT);
      context.fillRect(x, (HEIGHT - h) / 2, 1, h);
    }
  }, [peaks]);
  if (!peaks) return <span className="wave-thumb empty" aria-hidden="true" />;
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return <canvas ref={canvas} className="wave-thumb" width={WIDTH * ratio} height={HEIGHT * ratio} aria-hidden="true" />;
}
