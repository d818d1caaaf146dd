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

/** Big-endian AIFF (16-bit, or 8-bit as signed samples), the format Chromium's decodeAudioData refuses. */
export function encodeAiff(channels: readonly Float32Array[], sampleRate = 44100, bitDepth: 8 | 16 = 16): Uint8Array<ArrayBuffer> {
  const frames = channels[0]?.length ?? 0;
  const bytesPerSample = bitDepth / 8;
  const dataBytes = frames * channels.length * bytesPerSample;
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
  view.setUint16(26, bitDepth);
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
      const x = Math.max(-1, Math.min(1, channel[i]!));
      // AIFF samples are signed at every width.
      if (bitDepth === 8) view.setInt8(at, Math.round(x * 127));
      else view.setInt16(at, Math.round(x * 32767));
      at += bytesPerSample;
    }
  }
  return out;
}

/**
 * A 44-byte-header WAV from encodeWav as RF64: sizes 0xFFFFFFFF, the real ones in a ds64 chunk,
 * and (as recorders write) a chunk after the audio that the ds64 data size leaves out.
 */
export function asRf64(wav: Uint8Array): Uint8Array<ArrayBuffer> {
  const dataBytes = wav.length - 44;
  const trailer = [...'LIST']
    .map((c) => c.charCodeAt(0))
    .concat(
      [4, 0, 0, 0],
      [...'INFO'].map((c) => c.charCodeAt(0)),
    );
  const out = new Uint8Array(wav.length + 36 + trailer.length);
  const view = new DataView(out.buffer);
  out.set(wav.subarray(0, 12));
  out.set([...'RF64'].map((c) => c.charCodeAt(0)));
  view.setUint32(4, 0xffffffff, true);
  out.set(
    [...'ds64'].map((c) => c.charCodeAt(0)),
    12,
  );
  view.setUint32(16, 28, true);
  view.setUint32(20, out.length - 8, true); // RIFF size, low 32 bits
  view.setUint32(28, dataBytes, true); // data size, low 32 bits
  out.set(wav.subarray(12), 48);
  view.setUint32(48 + 28, 0xffffffff, true); // the data chunk's own size field
  out.set(trailer, 48 + 32 + dataBytes);
  return out;
}
