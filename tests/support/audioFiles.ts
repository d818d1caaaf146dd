/**
 * Writers for the container formats the tests need to craft, including broken variants (a
 * truncated data chunk, an oversized size field) that no encoder library would produce.
 */

export interface WavOptions {
  sampleRate?: number;
  bitDepth?: 16 | 24 | 32;
  float?: boolean;
  /** Overrides the data chunk's size field (to fake truncation or a streaming placeholder). */
  dataSizeField?: number;
}

export function encodeWav(channels: readonly Float32Array[], options: WavOptions = {}): Uint8Array<ArrayBuffer> {
  const sampleRate = options.sampleRate ?? 44100;
  const float = options.float ?? false;
  const bitDepth = float ? 32 : (options.bitDepth ?? 16);
  const bytesPerSample = bitDepth / 8;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channels.length * bytesPerSample;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string): void => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, float ? 3 : 1, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels.length * bytesPerSample, true);
  view.setUint16(32, channels.length * bytesPerSample, true);
  view.setUint16(34, bitDepth, true);
  text(36, 'data');
  view.setUint32(40, options.dataSizeField ?? dataBytes, true);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const x = Math.max(-1, Math.min(1, channel[i]!));
      if (float) view.setFloat32(at, x, true);
      else if (bitDepth === 16) view.setInt16(at, Math.round(x * 32767), true);
      else if (bitDepth === 24) {
        const v = Math.round(x * 8388607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setUint8(at + 2, (v >> 16) & 0xff);
      } else view.setInt32(at, Math.round(x * 2147483647), true);
      at += bytesPerSample;
    }
  }
  return out;
}

/** 16-bit big-endian AIFF, the format Chromium's decodeAudioData refuses. */
export function encodeAiff(channels: readonly Float32Array[], sampleRate = 44100): Uint8Array<ArrayBuffer> {
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channels.length * 2;
  const out = new Uint8Array(54 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string): void => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'FORM');
  view.setUint32(4, 46 + dataBytes);
  text(8, 'AIFF');
  text(12, 'COMM');
  view.setUint32(16, 18);
  view.setUint16(20, channels.length);
  view.setUint32(22, frames);
  view.setUint16(26, 16);
  // Sample rate as an 80-bit extended float.
  const exponent = Math.floor(Math.log2(sampleRate));
  view.setUint16(28, 16383 + exponent);
  const mantissa = sampleRate / 2 ** exponent;
  view.setUint32(30, Math.floor(mantissa * 2 ** 31));
  view.setUint32(34, 0);
  text(38, 'SSND');
  view.setUint32(42, 8 + dataBytes);
  view.setUint32(46, 0);
  view.setUint32(50, 0);
  let at = 54;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      view.setInt16(at, Math.round(Math.max(-1, Math.min(1, channel[i]!)) * 32767));
      at += 2;
    }
  }
  return out;
}
