/** Byte and text helpers shared by the tag readers. Every read is bounds-checked by its caller or clipped here. */

export const fourCC = (bytes: Uint8Array, at: number): string =>
  at + 4 <= bytes.length ? String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!) : '';

export const u16be = (bytes: Uint8Array, at: number): number => (bytes[at]! << 8) | bytes[at + 1]!;
export const u32be = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
export const u32le = (bytes: Uint8Array, at: number): number =>
  ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0;

/** A body that may run past the end of the file: what is there, never an error. */
export const clippedBody = (bytes: Uint8Array, at: number, size: number): Uint8Array =>
  bytes.subarray(at, Math.min(bytes.length, at + size));

// Decoders are made once: tag readers run for every file.
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

/** Strips NUL padding and surrounding white space, which fixed-width fields and C writers leave behind. */
export function tidy(text: string): string {
  const nul = text.indexOf('\0');
  return (nul >= 0 ? text.slice(0, nul) : text).trim();
}

export const latin1Text = (bytes: Uint8Array): string => tidy(latin1.decode(bytes));
export const utf8Text = (bytes: Uint8Array): string => tidy(utf8.decode(bytes));

/** RIFF and AIFF text has no declared encoding: modern writers use UTF-8, older ones Windows-1252. */
export function legacyText(bytes: Uint8Array): string {
  try {
    return tidy(utf8Strict.decode(bytes));
  } catch {
    return latin1Text(bytes);
  }
}

/** ID3v2 text encodings 0-3; UTF-16 with a byte-order mark (1) falls back to little-endian without one. */
export function id3Text(bytes: Uint8Array, encoding: number): string {
  switch (encoding) {
    case 0:
      return latin1.decode(bytes);
    case 1:
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
      return utf16le.decode(bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2) : bytes);
    case 2:
      return utf16be.decode(bytes);
    default:
      return utf8.decode(bytes);
  }
}

/** End of a NUL-terminated string starting at `from`: one zero byte, or an aligned zero pair for UTF-16. */
export function terminatorAt(bytes: Uint8Array, from: number, encoding: number): number {
  if (encoding === 1 || encoding === 2) {
    for (let i = from; i + 1 < bytes.length; i += 2) if (bytes[i] === 0 && bytes[i + 1] === 0) return i;
    return bytes.length;
  }
  const nul = bytes.indexOf(0, from);
  return nul < 0 ? bytes.length : nul;
}
