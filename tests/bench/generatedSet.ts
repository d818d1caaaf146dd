import { encodeWav } from '../support/audioFiles';
import { seededNoise } from '../support/signals';

/**
 * A deterministic set of short one-shots (kicks, snares, hats, tones) between 0.1 and 1.5 s, as
 * a large library's one-shots would be, for throughput and memory runs.
 */
export function generatedOneShot(index: number): { name: string; bytes: Uint8Array } {
  const noise = seededNoise(index + 1);
  const rate = [44100, 48000, 44100, 96000][index % 4]!;
  const seconds = 0.1 + ((index * 37) % 140) / 100;
  const length = Math.round(seconds * rate);
  const kind = index % 4;
  const pitch = 40 + ((index * 13) % 400);
  const left = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    const envelope = Math.exp(-t * (kind === 2 ? 40 : 6));
    const body = kind === 0 ? Math.sin(2 * Math.PI * (pitch * 0.3 + 80 * Math.exp(-t * 25)) * t) : Math.sin(2 * Math.PI * pitch * t);
    left[i] = 0.7 * envelope * (kind === 1 || kind === 2 ? 0.6 * noise() + 0.4 * body : body);
  }
  const channels = index % 3 === 0 ? [left, left.map((x) => x * 0.9)] : [left];
  return {
    name: `gen-${String(index).padStart(5, '0')}.wav`,
    bytes: encodeWav(channels, { sampleRate: rate, bitDepth: index % 2 ? 24 : 16 }),
  };
}
