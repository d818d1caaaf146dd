import type { AudioFormat } from '../../src/domain/audioFormats';

/** What a file's header promises, read without decoding. */
export interface DeclaredStream {
  sampleRate: number;
  channels: number;
  /** Frames the header announces; null when the header leaves it open (streaming writers). */
  declaredFrames: number | null;
  /** Frames actually present in the file, for uncompressed PCM; null when unknown. */
  availableFrames: number | null;
  /** Bits per sample as the header states them (WAV, AIFF, FLAC); 0 where it states none. */
  sampleBits: number;
  /** AIFF only: the AIFF-C compression type ('NONE' for plain AIFF). */
  compression?: string;
  /** IEEE float samples (WAV format 3, or extensible with a float sub-format; AIFF-C fl32/fl64), which can hold NaN. */
  floatSamples: boolean;
}

/** WAVE_FORMAT_IEEE_FLOAT, and WAVE_FORMAT_EXTENSIBLE, whose sub-format (first two bytes of its GUID) says what it holds. */
const WAV_FORMAT_FLOAT = 3;
const WAV_FORMAT_EXTENSIBLE = 0xfffe;
const AIFF_FLOAT = new Set(['fl32', 'FL32', 'fl64', 'FL64']);

const ascii = (bytes: Uint8Array, at: number, length: number): string => String.fromCharCode(...bytes.subarray(at, at + length));

/** 80-bit IEEE 754 extended float, as AIFF stores its sample rate. */
function readExtended(view: DataView, at: number): number {
  const exponent = view.getUint16(at) & 0x7fff;
  const hi = view.getUint32(at + 2);
  const lo = view.getUint32(at + 6);
  if (exponent === 0 && hi === 0 && lo === 0) return 0;
  return (hi * 2 ** 32 + lo) * 2 ** (exponent - 16383 - 63);
}

// Streaming recorders write these as "length unknown": read to the end of the file instead.
const OPEN_LENGTHS = new Set([0, 0xffffffff]);

/** WAVE_FORMAT_MPEGLAYER3: an MP3 stream in a WAV file's data chunk (older sample CDs and converters). */
const WAV_FORMAT_MP3 = 0x55;

function readWav(bytes: Uint8Array, view: DataView): DeclaredStream | null {
  let at = 12;
  let channels = 0;
  let sampleRate = 0;
  let blockAlign = 0;
  let sampleBits = 0;
  let floatSamples = false;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      const tag = view.getUint16(body, true);
      if (tag === WAV_FORMAT_MP3) return null; // its frames are MP3's to count
      const subFormat = tag === WAV_FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= bytes.length ? view.getUint16(body + 24, true) : tag;
      floatSamples = subFormat === WAV_FORMAT_FLOAT;
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      blockAlign = view.getUint16(body + 12, true);
      sampleBits = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (!channels || !blockAlign) return null;
      const present = Math.floor((bytes.length - body) / blockAlign);
      const isRf64 = ascii(bytes, 0, 4) !== 'RIFF';
      const declared = OPEN_LENGTHS.has(size) || isRf64 ? null : Math.floor(size / blockAlign);
      return { sampleRate, channels, declaredFrames: declared, availableFrames: present, sampleBits, floatSamples };
    }
    at = body + size + (size & 1);
  }
  return null;
}

function readAiff(bytes: Uint8Array, view: DataView): DeclaredStream | null {
  let at = 12;
  let channels = 0;
  let frames = 0;
  let bits = 0;
  let sampleRate = 0;
  let compression = 'NONE';
  let available: number | null = null;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4);
    const body = at + 8;
    if (id === 'COMM' && body + 18 <= bytes.length) {
      channels = view.getUint16(body);
      frames = view.getUint32(body + 2);
      bits = view.getUint16(body + 6);
      sampleRate = readExtended(view, body + 8);
      if (size >= 22 && body + 22 <= bytes.length) compression = ascii(bytes, body + 18, 4);
    } else if (id === 'SSND' && body + 8 <= bytes.length) {
      const dataStart = body + 8 + view.getUint32(body);
      const dataBytes = Math.min(size - 8, bytes.length - dataStart);
      const uncompressed = ['NONE', 'sowt', 'twos', 'fl32', 'FL32', 'fl64', 'FL64', 'in24', 'in32'];
      if (channels && bits && uncompressed.includes(compression)) {
        available = Math.max(0, Math.floor(dataBytes / (channels * Math.ceil(bits / 8))));
      }
    }
    at = body + size + (size & 1);
  }
  if (!channels || !sampleRate) return null;
  return {
    sampleRate,
    channels,
    declaredFrames: frames,
    availableFrames: available,
    sampleBits: bits,
    compression,
    floatSamples: AIFF_FLOAT.has(compression),
  };
}

function readFlac(bytes: Uint8Array, start: number): DeclaredStream | null {
  const info = start + 4 + 4; // "fLaC", then the STREAMINFO block header
  if (info + 18 > bytes.length || (bytes[start + 4]! & 0x7f) !== 0) return null;
  const b = (i: number): number => bytes[info + i]!;
  const sampleRate = (b(10) << 12) | (b(11) << 4) | (b(12) >> 4);
  const channels = ((b(12) >> 1) & 7) + 1;
  const sampleBits = (((b(12) & 1) << 4) | (b(13) >> 4)) + 1;
  const totalFrames = (b(13) & 0x0f) * 2 ** 32 + ((b(14) << 24) >>> 0) + (b(15) << 16) + (b(16) << 8) + b(17);
  return { sampleRate, channels, declaredFrames: totalFrames || null, availableFrames: null, sampleBits, floatSamples: false };
}

/** Where an MP4/M4A file was cut short before its track index ('moov'), without which nothing decodes. */
export interface M4aTruncation {
  atom: string;
  declaredBytes: number;
  presentBytes: number;
}

/**
 * Walks the top-level atoms (ISO/IEC 14496-12: 32-bit size, or 1 and a 64-bit size, or 0 for "to
 * the end"). Only a cut before the track index counts: junk after a complete file is the decoder's
 * to ignore, and an atom whose name is not text is damage, not a cut.
 */
export function m4aTruncation(bytes: Uint8Array): M4aTruncation | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let indexSeen = false;
  while (at + 8 <= bytes.length) {
    let size = view.getUint32(at);
    const atom = ascii(bytes, at + 4, 4);
    if (size === 1 && at + 16 <= bytes.length) size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
    if (size === 0) return null; // the last atom, to the end of the file
    if (size < 8) return null; // damaged beyond reading: the decoder gives the verdict
    if (at + size > bytes.length) {
      return indexSeen || !/^[\x20-\x7e\xa9]{4}$/.test(atom) ? null : { atom, declaredBytes: size, presentBytes: bytes.length - at };
    }
    if (atom === 'moov') indexSeen = true;
    at += size;
  }
  return null;
}

/**
 * An RF64 (or BW64) file as the plain RIFF WAV it would be under 4 GiB: the WAV decoder reads
 * only RIFF, and these files (from DAWs and field recorders) mark their sizes 0xFFFFFFFF and keep
 * the real ones in a ds64 chunk, which a RIFF reader skips. Other files are returned as they are.
 */
export function rf64AsRiff(bytes: Uint8Array): Uint8Array {
  const head = ascii(bytes, 0, 4);
  if ((head !== 'RF64' && head !== 'BW64') || ascii(bytes, 8, 4) !== 'WAVE') return bytes;
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  copy.set([0x52, 0x49, 0x46, 0x46]); // "RIFF"
  view.setUint32(4, Math.min(0xffffffff, copy.length - 8), true);
  let at = 12;
  let dataSize: number | null = null;
  while (at + 8 <= copy.length) {
    const id = ascii(copy, at, 4);
    const size = view.getUint32(at + 4, true);
    // ds64: RIFF size, data size, sample count (64-bit each); the data size is what we need.
    if (id === 'ds64' && at + 24 <= copy.length) dataSize = view.getUint32(at + 16, true) + view.getUint32(at + 20, true) * 2 ** 32;
    if (id === 'data') {
      const rest = copy.length - at - 8;
      if (size === 0xffffffff) view.setUint32(at + 4, Math.min(0xffffffff, rest, dataSize ?? rest), true);
      break;
    }
    at += 8 + size + (size & 1);
  }
  return copy;
}

/** The MP3 stream inside a WAV file whose format is WAVE_FORMAT_MPEGLAYER3; null for any other WAV. */
export function mp3InWav(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let mp3 = false;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && body + 2 <= bytes.length) mp3 = view.getUint16(body, true) === WAV_FORMAT_MP3;
    else if (id === 'data') return mp3 ? bytes.subarray(body, Math.min(bytes.length, body + size)) : null;
    at = body + size + (size & 1);
  }
  return null;
}

/** Reads the stream parameters a header announces; null for formats without such a header. */
export function readDeclaredStream(bytes: Uint8Array, format: AudioFormat, flacStart = 0): DeclaredStream | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (format === 'wav') return readWav(bytes, view);
    if (format === 'aiff') return readAiff(bytes, view);
    if (format === 'flac') return readFlac(bytes, flacStart);
  } catch {
    return null; // a header too damaged to read: the decoder gives the verdict
  }
  return null;
}
