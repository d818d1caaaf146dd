import type { EmbeddedText } from '../../../src/domain/metadata';
import type { MetadataCollector } from './collector';
import { fourCC, u32le, utf8Text } from './text';

const TEXT_PROPERTIES: Readonly<Record<string, EmbeddedText>> = {
  TITLE: 'title',
  ARTIST: 'artist',
  ALBUM: 'album',
  GENRE: 'genre',
  COMMENT: 'comment',
  DESCRIPTION: 'description',
  DATE: 'date',
  COPYRIGHT: 'copyright',
  ENCODER: 'software',
};
/** Cover art, base64 in a comment: megabytes that say nothing here. */
const SKIPPED = new Set(['METADATA_BLOCK_PICTURE', 'COVERART', 'COVERARTMIME']);
const MAX_COMMENTS = 1000;

/** A Vorbis comment block (FLAC, Ogg Vorbis, Opus): vendor string, then "NAME=value" UTF-8 entries. */
export function readVorbisComment(block: Uint8Array, collector: MetadataCollector): void {
  if (block.length < 8) return;
  let at = 4 + u32le(block, 0);
  if (at + 4 > block.length) return;
  const count = Math.min(u32le(block, at), MAX_COMMENTS);
  at += 4;
  for (let i = 0; i < count && at + 4 <= block.length; i++) {
    const length = u32le(block, at);
    const entry = block.subarray(at + 4, Math.min(block.length, at + 4 + length));
    at += 4 + length;
    const equals = entry.indexOf(0x3d);
    if (equals <= 0) continue;
    const name = utf8Text(entry.subarray(0, equals)).toUpperCase();
    if (SKIPPED.has(name)) continue;
    const value = utf8Text(entry.subarray(equals + 1));
    collector.field('vorbis', name, value);
    if (name === 'BPM' || name === 'TEMPO') collector.bpmText('vorbis', value);
    else if (name === 'KEY' || name === 'INITIALKEY' || name === 'INITIAL_KEY') collector.keyText('vorbis', value);
    const property = TEXT_PROPERTIES[name];
    if (property) collector.text(property, 'vorbis', value);
  }
}

const FLAC_VORBIS_COMMENT = 4;
const FLAC_INVALID_BLOCK = 127;

/** FLAC metadata blocks after the "fLaC" marker at `start` (past any ID3v2 tag). */
export function readFlacMetadata(bytes: Uint8Array, start: number, collector: MetadataCollector): void {
  if (fourCC(bytes, start) !== 'fLaC') return;
  let at = start + 4;
  while (at + 4 <= bytes.length) {
    const header = bytes[at]!;
    const type = header & 0x7f;
    const length = (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (type === FLAC_INVALID_BLOCK) return;
    if (type === FLAC_VORBIS_COMMENT) readVorbisComment(bytes.subarray(at + 4, Math.min(bytes.length, at + 4 + length)), collector);
    if (header & 0x80) return; // last metadata block
    at += 4 + length;
  }
}

/** Comment packets with pictures can run to megabytes; past this the rest is cut off. */
const MAX_OGG_COMMENT_BYTES = 256 * 1024;
const MAX_OGG_PAGES = 64;

/**
 * Ogg Vorbis and Opus keep their comments in the stream's second packet, which may span pages:
 * reassembles it from the first logical stream's pages, then reads it as a Vorbis comment.
 */
export function readOggMetadata(bytes: Uint8Array, collector: MetadataCollector): void {
  const parts: Uint8Array[] = [];
  let collected = 0;
  let packet = 0;
  let serial: number | null = null;
  let at = 0;
  for (let page = 0; page < MAX_OGG_PAGES && packet < 2 && at + 27 <= bytes.length && fourCC(bytes, at) === 'OggS'; page++) {
    const segments = bytes[at + 26]!;
    const pageSerial = u32le(bytes, at + 14);
    let body = at + 27 + segments;
    serial ??= pageSerial;
    for (let s = 0; s < segments && packet < 2 && at + 27 + s < bytes.length; s++) {
      const lacing = bytes[at + 27 + s]!;
      if (pageSerial === serial && packet === 1 && collected < MAX_OGG_COMMENT_BYTES) {
        const part = bytes.subarray(body, Math.min(bytes.length, body + lacing));
        parts.push(part);
        collected += part.length;
      }
      body += lacing;
      if (pageSerial === serial && lacing < 255) packet++; // a lacing value under 255 ends a packet
    }
    at = body;
  }
  const comments = new Uint8Array(collected);
  let offset = 0;
  for (const part of parts) {
    comments.set(part, offset);
    offset += part.length;
  }
  if (fourCC(comments, 0) === 'Opus' && fourCC(comments, 4) === 'Tags') readVorbisComment(comments.subarray(8), collector);
  else if (comments[0] === 3 && fourCC(comments, 1) === 'vorb') readVorbisComment(comments.subarray(7), collector);
}
