import { CLAP_MANIFEST, cacheKey, modelPathOf } from '../../src/domain/clap/manifest';
import type { ClapSource } from './contracts';

/** Reads one model file from the source; undefined when it is not there. */
async function read(source: ClapSource, path: string): Promise<Blob | undefined> {
  if (source.kind === 'files') {
    const bytes = source.files[path];
    return bytes ? new Blob([bytes]) : undefined;
  }
  const cache = await caches.open(source.cacheName);
  const response = await cache.match(cacheKey(source.origin, path));
  return response ? response.blob() : undefined;
}

/** The manifest's files the source lacks. */
export async function missingFiles(source: ClapSource): Promise<string[]> {
  const missing: string[] = [];
  for (const file of CLAP_MANIFEST.files) if (!(await read(source, file.path))) missing.push(file.path);
  return missing;
}

/**
 * A fetch for transformers.js (env.fetch) that answers its requests for model files from the
 * source and never touches the network: an unknown path or a file the source lacks is a 404.
 */
export function modelFetch(source: ClapSource): (input: string | URL) => Promise<Response> {
  return async (input) => {
    const path = modelPathOf(String(input));
    const blob = path ? await read(source, path) : undefined;
    if (!blob) return new Response(null, { status: 404, statusText: 'Not Found' });
    return new Response(blob, { status: 200, headers: { 'content-length': String(blob.size) } });
  };
}
