/**
 * Can this browser run a local model? WebLLM needs a WebGPU adapter (a real graphics card), and
 * the q4f16 models also need its `shader-f16` feature. Asking costs nothing: no model, no
 * download, no web-llm import, so the settings page may call this as soon as it opens.
 */

/** The slice of WebGPU this check reads (TypeScript's DOM library has no WebGPU types). */
export interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  /** Chrome 119+ puts isFallbackAdapter here; older builds on the adapter itself. */
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export interface GpuNavigatorLike {
  gpu?: { requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null> };
}

export type WebLlmSupport = { supported: true; f16: boolean } | { supported: false; code: 'no_webgpu'; reason: string };

const ALTERNATIVES =
  'Use a recent Chrome or Edge (version 113 or later) on a computer with a graphics card, or use a local server such as Ollama, or a cloud provider with your own key.';

export const NO_WEBGPU_REASON = `Local AI runs on your graphics card through WebGPU, which this browser does not offer. ${ALTERNATIVES}`;
export const NO_ADAPTER_REASON = `Local AI runs on your graphics card through WebGPU. This browser has WebGPU but did not get access to a graphics card (it may be switched off, blocked, or not supported). ${ALTERNATIVES}`;
export const FALLBACK_ADAPTER_REASON = `Local AI needs a graphics card, and this browser only offers a software stand-in for one, which would be far too slow. ${ALTERNATIVES}`;
/** Shown beside the model list when f16 is false: not an error, the f32 builds still run. */
export const NO_F16_NOTE =
  'Your graphics card does not support half-precision (f16) shaders, so the larger f32 versions of the models are offered. They need more download space and graphics memory.';

/**
 * WebGPU support as the model list needs it. Asks for the same high-performance adapter web-llm
 * will use, so the answer matches what loading a model finds.
 */
export async function detectWebLlmSupport(nav: GpuNavigatorLike | undefined = globalNavigator()): Promise<WebLlmSupport> {
  const gpu = nav?.gpu;
  if (!gpu || typeof gpu.requestAdapter !== 'function') return unsupported(NO_WEBGPU_REASON);
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unsupported(`${NO_ADAPTER_REASON} (The browser said: ${detail})`);
  }
  if (!adapter) return unsupported(NO_ADAPTER_REASON);
  if (adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return unsupported(FALLBACK_ADAPTER_REASON);
  let f16 = false;
  try {
    f16 = adapter.features.has('shader-f16');
  } catch {
    // A features set that cannot be read offers nothing extra: the f32 builds still run.
  }
  return { supported: true, f16 };
}

function unsupported(reason: string): WebLlmSupport {
  return { supported: false, code: 'no_webgpu', reason };
}

/** `navigator` where there is one (Node 20 has none). */
function globalNavigator(): GpuNavigatorLike | undefined {
  return (globalThis as { navigator?: GpuNavigatorLike }).navigator;
}
