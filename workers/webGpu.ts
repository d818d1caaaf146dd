interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown> };
}

/** WebGPU only where the browser hands out an adapter (headless Chromium here does not). */
export async function hasWebGpuAdapter(): Promise<boolean> {
  try {
    const gpu = (navigator as unknown as GpuNavigator).gpu;
    return !!gpu && (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}
