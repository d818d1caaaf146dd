import type { ClapServices } from './clapServices';

export type { ClapServices } from './clapServices';

/**
 * The opt-in sound search by words, as the app's services hold it: nothing of it (manager,
 * client, integrity checks) is in the main bundle; `ready()` loads that chunk once and builds
 * the services. The worker and transformers.js load later still, on the first embed.
 */
export interface LazyClap {
  /** The model manager and the worker client (the same instances on every call). */
  ready(): Promise<ClapServices>;
  /** Those services once `ready()` has resolved, else undefined. */
  readonly loaded: ClapServices | undefined;
}

export function createLazyClap(): LazyClap {
  let loading: Promise<ClapServices> | undefined;
  let loaded: ClapServices | undefined;
  return {
    ready: () => (loading ??= import('./clapServices').then((m) => (loaded = m.createClapServices()))),
    get loaded() {
      return loaded;
    },
  };
}
