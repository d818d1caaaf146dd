import { use, useEffect, useSyncExternalStore } from 'react';
import type { ClapModelState } from '../../domain/clap/modelState';
import type { ClapClient, ClapModelManager } from '../../services/clap/clapServices';
import { useServices } from '../../app/ServicesContext';

export interface ClapModelControls {
  /** checking, absent, downloading (with progress), verifying, ready or error. */
  state: ClapModelState;
  /** Download, cancel, load from a folder, remove, the host URL. */
  manager: ClapModelManager;
  /** The worker: embedText, embedAudio, zeroShotTags (loads the model on first use). */
  client: ClapClient;
}

/**
 * The opt-in CLAP model for React: its state and the objects to act on it. Suspends (use a
 * <Suspense> boundary) until the CLAP services' chunk has loaded; the first use looks in the cache.
 */
export function useClapModel(): ClapModelControls {
  const { model, client } = use(useServices().clap.ready());
  const state = useSyncExternalStore(model.subscribe, model.getState);
  useEffect(() => void model.start(), [model]);
  return { state, manager: model, client };
}
