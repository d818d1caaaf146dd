import { CLAP_CACHE_NAME, CLAP_MANIFEST, cacheKey, type ClapManifest } from '../../domain/clap/manifest';
import { SampleMindError } from '../../domain/errors';

/** Where verified model files are kept (Cache Storage in the browser; tests use a Map). */
export interface ClapFileStore {
  /** Total size when every file is there, else null. */
  complete(): Promise<number | null>;
  /** Stores the verified files (all or nothing). */
  putAll(files: ReadonlyMap<string, Blob>): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The model files in Cache Storage, keyed by same-origin URLs (whatever host or folder they came
 * from), so they survive reloads and work offline. The service worker never precaches them.
 */
export class ClapModelStore implements ClapFileStore {
  constructor(
    readonly cacheName: string = CLAP_CACHE_NAME,
    readonly origin: string = self.location.origin,
    private readonly manifest: ClapManifest = CLAP_MANIFEST,
  ) {}

  private open(): Promise<Cache> {
    if (typeof caches === 'undefined') {
      return Promise.reject(
        new SampleMindError('model_storage', 'This browser cannot store the model (no Cache Storage, e.g. a private window).'),
      );
    }
    return caches.open(this.cacheName);
  }

  /** Sizes of the files already stored, by path. */
  async stored(): Promise<Map<string, number>> {
    const cache = await this.open();
    const sizes = new Map<string, number>();
    for (const file of this.manifest.files) {
      const response = await cache.match(cacheKey(this.origin, file.path));
      if (!response) continue;
      const length = Number(response.headers.get('content-length'));
      sizes.set(file.path, Number.isFinite(length) && length > 0 ? length : (await response.blob()).size);
    }
    return sizes;
  }

  /** Total size when every file is there, else null. */
  async complete(): Promise<number | null> {
    const sizes = await this.stored();
    if (sizes.size < this.manifest.files.length) return null;
    return [...sizes.values()].reduce((a, b) => a + b, 0);
  }

  /** Stores the verified files (all or nothing: a failure removes what was written). */
  async putAll(files: ReadonlyMap<string, Blob>): Promise<void> {
    const cache = await this.open();
    try {
      for (const [path, blob] of files) {
        await cache.put(
          cacheKey(this.origin, path),
          new Response(blob, { headers: { 'content-length': String(blob.size), 'content-type': 'application/octet-stream' } }),
        );
      }
    } catch (error) {
      await this.clear().catch(() => undefined);
      const full = error instanceof DOMException && error.name === 'QuotaExceededError';
      throw new SampleMindError(
        'model_storage',
        full
          ? 'There is not enough storage space for the model. Free some space and try again.'
          : `The model could not be stored: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  async clear(): Promise<void> {
    if (typeof caches === 'undefined') return;
    await caches.delete(this.cacheName);
  }
}
