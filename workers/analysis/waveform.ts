import type { WaveformPeaks } from '../../src/domain/analysis';

/** Max-absolute value of all channels in `bins` equal slices, scaled to 0..255. */
export function waveformPeaks(channelData: readonly Float32Array[], bins: number): WaveformPeaks {
  const length = channelData[0]?.length ?? 0;
  const peaks = new Uint8Array(bins);
  if (length === 0) return peaks;
  for (let bin = 0; bin < bins; bin++) {
    const start = Math.floor((bin * length) / bins);
    const end = Math.max(start + 1, Math.floor(((bin + 1) * length) / bins));
    let max = 0;
    for (const channel of channelData) {
      for (let i = start; i < end && i < length; i++) {
        const v = Math.abs(channel[i]!);
        if (v > max) max = v;
      }
    }
    peaks[bin] = Math.min(255, Math.round(max * 255));
  }
  return peaks;
}
