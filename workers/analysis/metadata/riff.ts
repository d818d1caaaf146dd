import type { MetadataCollector } from './collector';
import { readId3v2 } from './id3';
import { readIxml } from './ixml';
import { fourCC, u32le } from './text';
import { readAcid, readBext, readInfoList, readSmpl, readWavInst } from './wavChunks';

const CHUNK_ID = /^[\x20-\x7e]{4}$/;
/** RF64 writes this in 32-bit size fields whose real value lives in the ds64 chunk. */
const SIZE_IN_DS64 = 0xffffffff;

function readChunk(id: string, body: Uint8Array, collector: MetadataCollector): void {
  switch (id) {
    case 'acid':
      return readAcid(body, collector);
    case 'smpl':
      return readSmpl(body, collector);
    case 'inst':
      return readWavInst(body, collector);
    case 'bext':
      return readBext(body, collector);
    case 'LIST':
      return readInfoList(body, collector);
    case 'iXML':
      return readIxml(body, collector);
    case 'id3 ':
    case 'ID3 ':
      return readId3v2(body, collector);
  }
}

/** Next chunk's offset. Some writers forget the pad byte after an odd-sized chunk: accept either. */
function nextChunkAt(bytes: Uint8Array, end: number, size: number): number {
  if ((size & 1) === 0) return end;
  return CHUNK_ID.test(fourCC(bytes, end + 1)) || !CHUNK_ID.test(fourCC(bytes, end)) ? end + 1 : end;
}

/**
 * Walks a RIFF/RF64 WAVE file's chunks, skipping the audio. Each chunk is read on its own, so
 * a damaged one costs only its own fields; a truncated one gives what the file holds of it.
 */
export function readRiffMetadata(bytes: Uint8Array, collector: MetadataCollector): void {
  let dataSize: number | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = fourCC(bytes, at);
    if (!CHUNK_ID.test(id)) return; // lost sync: past here is garbage
    let size = u32le(bytes, at + 4);
    const body = at + 8;
    if (id === 'ds64' && body + 16 <= bytes.length) dataSize = u32le(bytes, body + 8) + u32le(bytes, body + 12) * 2 ** 32;
    if (id === 'data' && size === SIZE_IN_DS64) {
      if (dataSize === null) return; // a stream of unknown length runs to the end of the file
      size = dataSize;
    }
    if (id !== 'data') {
      try {
        readChunk(id, bytes.subarray(body, Math.min(bytes.length, body + size)), collector);
      } catch {
        // Readers check their bounds; this only keeps one unforeseen bad chunk from hiding the rest.
      }
    }
    at = nextChunkAt(bytes, body + size, size);
  }
}
