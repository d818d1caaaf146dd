// Browser entry point: the library map's layout (src/domain/map) behind Comlink.
import * as Comlink from 'comlink';
import type { MapLayout, MapLayoutProgress } from '../src/domain/map/mapLayout';
import { computeMapLayout } from '../src/domain/map/mapLayout';

const api = {
  /**
   * The map of these rows (see computeMapLayout). `onProgress` is a Comlink.proxy on the caller's
   * side; the result's arrays are transferred, not copied. Cancel by terminating the worker.
   */
  async layout(ids: Int32Array, vectors: Float32Array, dim: number, seed: number, onProgress?: MapLayoutProgress): Promise<MapLayout> {
    const report: MapLayoutProgress | undefined =
      onProgress &&
      ((done, total, stage) => {
        // Through Comlink the call returns a promise; a failing listener must not fail the layout.
        Promise.resolve(onProgress(done, total, stage)).catch(() => undefined);
      });
    try {
      const layout = await computeMapLayout(ids, vectors, dim, { seed, onProgress: report });
      const { ids: layoutIds, xy, landmarks } = layout;
      return Comlink.transfer(layout, [layoutIds.buffer, xy.buffer, landmarks.vectors.buffer, landmarks.xy.buffer]);
    } finally {
      // What arrives is Comlink's proxy of the caller's function (typed as the plain function so
      // callers may pass Comlink.proxy(fn)); releasing it closes its message port.
      (onProgress as Partial<Comlink.Remote<MapLayoutProgress>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
};

export type MapWorkerApi = typeof api;

Comlink.expose(api);
