import { ClapClient } from './clapClient';
import { ClapModelManager } from './clapModel';

export { ClapClient, cacheSource, type ClapLoadInfo, type ClapSource } from './clapClient';
export { ClapModelManager, type ClapFileSize, type ClapTimings } from './clapModel';
export type { ClapModelState } from '../../domain/clap/modelState';

/** The opt-in sound search by words: the model's lifecycle and the worker that runs it. */
export interface ClapServices {
  model: ClapModelManager;
  client: ClapClient;
}

/**
 * Builds both lazily (nothing is read or started until used): the manager looks in the cache on
 * `model.start()`, the worker starts on the first embed. Whenever the stored model changes
 * (removed, replaced) the worker is let go so the next call reads the new files.
 */
export function createClapServices(): ClapServices {
  const model = new ClapModelManager();
  const client = new ClapClient();
  model.subscribe((state) => {
    if (state.status !== 'ready') client.dispose();
  });
  return { model, client };
}
