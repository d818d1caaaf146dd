/** Small pure helpers over float PCM. */

export function mixToMono(channelData: readonly Float32Array[]): Float32Array {
  const first = channelData[0];
  if (!first) return new Float32Array(0);
  if (channelData.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channelData) for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]!;
  const scale = 1 / channelData.length;
  for (let i = 0; i < mono.length; i++) mono[i]! *= scale;
  return mono;
}

/**
 * Linear-interpolation resampler. Good enough for analysis (tempo, key, loudness are not
 * sensitive to its mild aliasing); playback never uses it.
 */
export function resampleLinear(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate || input.length === 0) return input;
  const ratio = fromRate / toRate;
  const length = Math.max(1, Math.floor(input.length / ratio));
  const output = new Float32Array(length);
  const last = input.length - 1;
  for (let i = 0; i < length; i++) {
    const position = i * ratio;
    const index = Math.floor(position);
    const frac = position - index;
    const a = input[Math.min(index, last)]!;
    const b = input[Math.min(index + 1, last)]!;
    output[i] = a + (b - a) * frac;
  }
  return output;
}

export function peakAbsolute(channelData: readonly Float32Array[]): number {
  let peak = 0;
  for (const channel of channelData) {
    for (let i = 0; i < channel.length; i++) {
      const v = Math.abs(channel[i]!);
      if (v > peak) peak = v;
    }
  }
  return peak;
}

export function toDb(amplitude: number): number {
  return 20 * Math.log10(amplitude);
}
