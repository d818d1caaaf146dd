import type { EmbeddedText } from '../../../src/domain/metadata';
import type { MetadataCollector } from './collector';
import { id3Genre } from './id3Genres';
import { clippedBody, fourCC, id3Text, latin1Text, terminatorAt, u16be, u32be } from './text';

const syncsafe = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! & 0x7f) << 21) | ((bytes[at + 1]! & 0x7f) << 14) | ((bytes[at + 2]! & 0x7f) << 7) | (bytes[at + 3]! & 0x7f);

/** Undoes unsynchronisation: every 0xFF 0x00 pair was a lone 0xFF. */
function resynchronise(bytes: Uint8Array): Uint8Array {
  if (bytes.indexOf(0xff) < 0) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    out[n++] = bytes[i]!;
    if (bytes[i] === 0xff && bytes[i + 1] === 0x00) i++;
  }
  return out.subarray(0, n);
}

/** ID3v2.2's three-letter frames under their v2.3 names, so one table serves all versions. */
const V22_NAMES: Readonly<Record<string, string>> = {
  TT2: 'TIT2',
  TT3: 'TIT3',
  TP1: 'TPE1',
  TP2: 'TPE2',
  TAL: 'TALB',
  TCO: 'TCON',
  TBP: 'TBPM',
  TKE: 'TKEY',
  TSS: 'TSSE',
  TCR: 'TCOP',
  TYE: 'TYER',
  TEN: 'TENC',
  TRK: 'TRCK',
  TXX: 'TXXX',
  COM: 'COMM',
};

const TEXT_PROPERTIES: Readonly<Record<string, EmbeddedText>> = {
  TIT2: 'title',
  TIT3: 'description',
  TPE1: 'artist',
  TALB: 'album',
  TCON: 'genre',
  TSSE: 'software',
  TCOP: 'copyright',
  TDRC: 'date',
  TYER: 'date',
};

const FRAME_ID = /^[A-Z0-9]{3,4}$/;
const MAX_FRAMES = 256;

/** Text values of a frame; ID3v2.4 separates several with NULs, and each UTF-16 value may carry its own BOM. */
const textValues = (data: Uint8Array, encoding: number): string[] =>
  id3Text(data, encoding)
    .replace(/\ufeff/g, '')
    .split('\0')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/** Splits "description NUL value" (TXXX, COMM) honouring the encoding's terminator width. */
function describedText(data: Uint8Array, encoding: number, from: number): { description: string; value: string } {
  const end = terminatorAt(data, from, encoding);
  const width = encoding === 1 || encoding === 2 ? 2 : 1;
  const description = textValues(data.subarray(from, end), encoding).join(' ');
  return { description, value: textValues(data.subarray(end + width), encoding).join('; ') };
}

function readFrame(id: string, data: Uint8Array, collector: MetadataCollector): void {
  if (data.length < 1) return;
  const encoding = data[0]! <= 3 ? data[0]! : 0;
  if (id === 'TXXX') {
    const { description, value } = describedText(data, encoding, 1);
    collector.field('id3', `TXXX:${description}`, value);
    if (/^(BPM|TEMPO)$/i.test(description)) collector.bpmText('id3', value);
    if (/^(INITIAL ?KEY|KEY)$/i.test(description)) collector.keyText('id3', value);
  } else if (id === 'COMM') {
    const { description, value } = describedText(data, encoding, 4); // after encoding and a 3-letter language
    if (description.startsWith('iTun')) return; // iTunes' normalisation and gapless data, not words
    collector.field('id3', description ? `COMM:${description}` : 'COMM', value);
    collector.text('comment', 'id3', value);
  } else if (id[0] === 'T') {
    const value = textValues(data.subarray(1), encoding).join('; ');
    collector.field('id3', id, id === 'TCON' ? id3Genre(value) : value);
    if (id === 'TBPM') collector.bpmText('id3', value);
    else if (id === 'TKEY') collector.keyText('id3', value);
    const property = TEXT_PROPERTIES[id];
    if (property) collector.text(property, 'id3', id === 'TCON' ? id3Genre(value) : value);
  }
}

/**
 * v2.4 frame sizes are syncsafe, but iTunes and others wrote plain integers for years. Trust
 * the reading after which the next frame (or padding, or the end) starts.
 */
function v24FrameSize(body: Uint8Array, at: number): number {
  const safe = syncsafe(body, at + 4);
  const plain = u32be(body, at + 4);
  if (safe === plain) return safe;
  if ((body[at + 4]! | body[at + 5]! | body[at + 6]! | body[at + 7]!) & 0x80) return plain;
  const fits = (size: number): boolean => {
    const next = at + 10 + size;
    return next === body.length || (next < body.length && (body[next] === 0 || FRAME_ID.test(fourCC(body, next))));
  };
  return fits(safe) || !fits(plain) ? safe : plain;
}

/** A frame's data after its flag-announced extras; null for compressed or encrypted frames. */
function frameData(major: number, flags: number, raw: Uint8Array, tagUnsynchronised: boolean): Uint8Array | null {
  if (major === 3) {
    if (flags & 0xc0) return null; // compressed, encrypted
    return raw.subarray(flags & 0x20 ? 1 : 0);
  }
  if (major === 4) {
    if (flags & 0x0c) return null; // compressed, encrypted
    const skip = (flags & 0x40 ? 1 : 0) + (flags & 0x01 ? 4 : 0); // group id, data length indicator
    const data = raw.subarray(skip);
    return flags & 0x02 || tagUnsynchronised ? resynchronise(data) : data;
  }
  return raw;
}

/** Reads an ID3v2.2, 2.3 or 2.4 tag starting at byte 0 of `tag` (an MP3's start, a WAV/AIFF `ID3 ` chunk). */
export function readId3v2(tag: Uint8Array, collector: MetadataCollector): void {
  if (tag.length < 10 || tag[0] !== 0x49 || tag[1] !== 0x44 || tag[2] !== 0x33) return;
  const major = tag[3]!;
  const flags = tag[5]!;
  if (major < 2 || major > 4 || (major === 2 && flags & 0x40)) return; // unknown version; v2.2 compression was never defined
  const unsynchronised = (flags & 0x80) !== 0;
  let body = clippedBody(tag, 10, syncsafe(tag, 6));
  // Up to v2.3 the whole tag is unsynchronised at once; v2.4 does it frame by frame.
  if (unsynchronised && major < 4) body = resynchronise(body);
  let at = 0;
  if (major >= 3 && flags & 0x40 && body.length >= 4) at = major === 3 ? 4 + u32be(body, 0) : syncsafe(body, 0);
  const headerLength = major === 2 ? 6 : 10;
  for (let frames = 0; frames < MAX_FRAMES && at + headerLength <= body.length; frames++) {
    if (body[at] === 0) return; // padding
    const rawId = major === 2 ? String.fromCharCode(body[at]!, body[at + 1]!, body[at + 2]!) : fourCC(body, at);
    if (!FRAME_ID.test(rawId)) return;
    const size =
      major === 2
        ? (body[at + 3]! << 16) | (body[at + 4]! << 8) | body[at + 5]!
        : major === 3
          ? u32be(body, at + 4)
          : v24FrameSize(body, at);
    const frameFlags = major === 2 ? 0 : u16be(body, at + 8) & 0xff;
    const data = frameData(major, frameFlags, clippedBody(body, at + headerLength, size), unsynchronised);
    const id = major === 2 ? (V22_NAMES[rawId] ?? rawId) : rawId;
    if (data) readFrame(id, data, collector);
    at += headerLength + size;
  }
}

/** ID3v1: 128 bytes at the very end, fixed-width Latin-1 fields. Read after v2 so v2's values win. */
export function readId3v1(bytes: Uint8Array, collector: MetadataCollector): void {
  const at = bytes.length - 128;
  if (at < 0 || bytes[at] !== 0x54 || bytes[at + 1] !== 0x41 || bytes[at + 2] !== 0x47) return; // "TAG"
  const text = (from: number, length: number): string => latin1Text(bytes.subarray(at + from, at + from + length));
  const entries: Array<[name: string, value: string, property: EmbeddedText]> = [
    ['ID3v1 title', text(3, 30), 'title'],
    ['ID3v1 artist', text(33, 30), 'artist'],
    ['ID3v1 album', text(63, 30), 'album'],
    ['ID3v1 year', text(93, 4), 'date'],
    ['ID3v1 comment', text(97, 30), 'comment'],
    ['ID3v1 genre', id3Genre(String(bytes[at + 127])), 'genre'],
  ];
  for (const [name, value, property] of entries) {
    if (name === 'ID3v1 genre' && /^\d+$/.test(value)) continue; // 255 = none, others outside the table
    collector.field('id3', name, value);
    collector.text(property, 'id3', value);
  }
}
