import type { AudioFormat } from '../../src/domain/audioFormats';

/** What the first bytes of a file say it is. */
export type Sniffed = { audio: AudioFormat } | { audio: null; looksLike: string };

const ascii = (bytes: Uint8Array, at: number, length: number): string => String.fromCharCode(...bytes.subarray(at, at + length));

/** Skips an ID3v2 tag, which MP3 and (rarely) FLAC files may start with. */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== 'ID3') return 0;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = (bytes[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES_V1 = [44100, 48000, 32000];

/** True when a plausible MPEG audio frame header starts at `at`. */
function isMpegFrameHeader(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length) return false;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 3; // 1 is reserved
  const layer = (b1 >> 1) & 3; // 0 is reserved
  const bitrate = b2 >> 4; // 15 is invalid
  const rate = (b2 >> 2) & 3; // 3 is reserved
  return version !== 1 && layer !== 0 && bitrate !== 15 && rate !== 3;
}

/** Frame length in bytes of a Layer III frame (MPEG-1, 2 or 2.5); 0 for other layers. */
function mpegFrameLength(bytes: Uint8Array, at: number): number {
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  if (((b1 >> 1) & 3) !== 1) return 0;
  const version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const divisor = version === 3 ? 1 : version === 2 ? 2 : 4;
  const sampleRate = (SAMPLE_RATES_V1[(b2 >> 2) & 3] ?? 0) / divisor;
  const bitrate = (version === 3 ? BITRATES_V1_L3 : BITRATES_V2_L3)[b2 >> 4] ?? 0;
  if (!bitrate || !sampleRate) return 0;
  const coefficient = version === 3 ? 144000 : 72000;
  return Math.floor((coefficient * bitrate) / sampleRate) + ((b2 >> 1) & 1);
}

/**
 * Finds an MPEG audio stream: a frame header whose successor frame starts where the first
 * frame's length says. Random bytes contain lone headers by chance, never such chains.
 */
function looksLikeMpegAudio(bytes: Uint8Array, start: number): boolean {
  const limit = Math.min(bytes.length - 4, start + 4096);
  for (let at = start; at < limit; at++) {
    if (!isMpegFrameHeader(bytes, at)) continue;
    const length = mpegFrameLength(bytes, at);
    if (length === 0) {
      if (at === start) return true; // Layer I/II: trust a header exactly where the stream starts
      continue;
    }
    if (at + length + 4 > bytes.length) {
      if (at === start) return true; // a single-frame file
      continue;
    }
    if (isMpegFrameHeader(bytes, at + length)) return true;
  }
  return false;
}

function describeNonAudio(bytes: Uint8Array): string {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return 'a PNG image';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'a JPEG image';
  if (ascii(bytes, 0, 4) === '%PDF') return 'a PDF document';
  if (ascii(bytes, 0, 4) === 'PK\x03\x04') return 'a ZIP archive';
  if (ascii(bytes, 0, 4) === 'MThd') return 'a MIDI file';
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 4).trim();
    return form ? `a RIFF ${form} file` : 'a RIFF file';
  }
  const head = bytes.subarray(0, 512);
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc0) printable++;
  if (head.length > 0 && printable / head.length > 0.95) return 'a text file';
  return 'unrecognised binary data';
}

/** Identifies the container from magic bytes, ignoring the file name (names lie). */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (bytes.length >= 12) {
    const head4 = ascii(bytes, 0, 4);
    const form = ascii(bytes, 8, 4);
    if ((head4 === 'RIFF' || head4 === 'RF64' || head4 === 'BW64') && form === 'WAVE') return { audio: 'wav' };
    if (head4 === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return { audio: 'aiff' };
    if (ascii(bytes, 4, 4) === 'ftyp') return { audio: 'm4a' };
    if (head4 === 'OggS') {
      const firstPage = ascii(bytes, 0, Math.min(bytes.length, 200));
      return { audio: firstPage.includes('OpusHead') ? 'opus' : 'ogg' };
    }
  }
  const skip = id3v2Length(bytes);
  if (bytes.length >= skip + 4 && ascii(bytes, skip, 4) === 'fLaC') return { audio: 'flac' };
  if (looksLikeMpegAudio(bytes, skip)) return { audio: 'mp3' };
  return { audio: null, looksLike: describeNonAudio(bytes) };
}
