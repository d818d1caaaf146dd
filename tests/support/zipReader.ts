/**
 * A minimal ZIP reader for tests, written from the PKWARE APPNOTE and independent of the writer
 * (client-zip cannot read zips), so a writer bug cannot hide behind a reader with the same bug.
 * Stored (uncompressed) entries only; it checks every signature, size and CRC-32.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  /** General-purpose flag bit 11: the name is UTF-8. */
  utf8: boolean;
  /** The entry's MS-DOS modification date, "YYYY-MM-DD". */
  modified: string;
}

/** The entries in central-directory order. Throws on anything malformed. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new Error('Zip64 archives are not supported by this test reader');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`bad central directory signature at ${at}`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const dosDate = view.getUint16(at + 14, true); // bits 9-15: year - 1980, 5-8: month, 0-4: day
    const pad = (n: number): string => String(n).padStart(2, '0');
    const modified = `${1980 + (dosDate >> 9)}-${pad((dosDate >> 5) & 0xf)}-${pad(dosDate & 0x1f)}`;
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder('utf-8', { fatal: true }).decode(zip.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (method !== 0) throw new Error(`${name}: compression method ${method}, expected 0 (stored)`);
    if (compressedSize !== size) throw new Error(`${name}: stored entry with different sizes`);
    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new Error(`${name}: bad local header signature`);
    const localName = zip.subarray(localOffset + 30, localOffset + 30 + view.getUint16(localOffset + 26, true));
    if (new TextDecoder().decode(localName) !== name) throw new Error(`${name}: local header names ${new TextDecoder().decode(localName)}`);
    const dataStart = localOffset + 30 + localName.length + view.getUint16(localOffset + 28, true);
    const bytes = zip.subarray(dataStart, dataStart + size);
    if (bytes.length !== size) throw new Error(`${name}: data runs past the end of the archive`);
    if (crc32(bytes) !== crc) throw new Error(`${name}: CRC-32 mismatch`);
    entries.push({ name, bytes, utf8: (flags & 0x0800) !== 0, modified });
  }
  return entries;
}
