/**
 * 16-bit PCM WAV from float samples: how a microphone recording becomes a file the analysis
 * workers read like any other (they decode WAV themselves, in every browser).
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array<ArrayBuffer> {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  if (channelCount === 0 || channels.some((c) => c.length !== frames))
    throw new RangeError('channels must be non-empty and of equal length');
  const dataBytes = frames * channelCount * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => [...text].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const x = Math.max(-1, Math.min(1, channel[i]!));
      view.setInt16(offset, x < 0 ? Math.round(x * 0x8000) : Math.round(x * 0x7fff), true);
      offset += 2;
    }
  }
  return bytes;
}

/**
 * The part of a recording between the first and last moments above `thresholdDb` (relative to
 * its peak), so a search by a hummed or played example is not dominated by room silence.
 */
export function trimSilence(samples: Float32Array, sampleRate: number, thresholdDb = -40): Float32Array {
  let peak = 0;
  for (const x of samples) peak = Math.max(peak, Math.abs(x));
  if (peak === 0) return samples.subarray(0, 0);
  const threshold = peak * 10 ** (thresholdDb / 20);
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) < threshold) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
  // A few milliseconds of margin keep the attack whole.
  const margin = Math.round(sampleRate * 0.01);
  return samples.subarray(Math.max(0, start - margin), Math.min(samples.length, end + margin));
}
