import { midiToNoteName } from '../../../src/domain/music/pitch';
import type { EmbeddedLoop } from '../../../src/domain/metadata';
import type { MetadataCollector } from './collector';
import { readId3v2 } from './id3';
import { fourCC, legacyText, u16be, u32be } from './text';

const CHUNK_ID = /^[\x20-\x7e]{4}$/;
const TEXT_CHUNKS = { NAME: 'title', AUTH: 'artist', ANNO: 'comment', '(c) ': 'copyright' } as const;

interface InstLoop {
  direction: EmbeddedLoop['direction'];
  beginMarker: number;
  endMarker: number;
}

/** INST: base note (the root), then the sustain loop as a play mode and two MARK ids. */
function readInst(body: Uint8Array, collector: MetadataCollector): InstLoop | null {
  if (body.length < 1) return null;
  const baseNote = body[0]!;
  if (baseNote <= 127) {
    collector.rootMidi('inst', baseNote);
    collector.field('inst', 'Base note', `${midiToNoteName(baseNote)} (MIDI ${baseNote})`);
  }
  if (body.length < 14) return null;
  const playMode = u16be(body, 8); // 0 no loop, 1 forward, 2 forward-backward
  if (playMode !== 1 && playMode !== 2) return null;
  return { direction: playMode === 1 ? 'forward' : 'alternating', beginMarker: u16be(body, 10), endMarker: u16be(body, 12) };
}

/** MARK: marker id -> position in sample frames. */
function readMarkers(body: Uint8Array): Map<number, number> {
  const markers = new Map<number, number>();
  if (body.length < 2) return markers;
  const count = u16be(body, 0);
  let at = 2;
  for (let i = 0; i < count && at + 7 <= body.length; i++) {
    markers.set(u16be(body, at), u32be(body, at + 2));
    const nameLength = body[at + 6]!;
    at += 7 + nameLength + ((nameLength + 1) & 1); // Pascal string padded to an even length
  }
  return markers;
}

/** Walks an AIFF/AIFC file's chunks (big-endian sizes), skipping the sound data. */
export function readAiffMetadata(bytes: Uint8Array, collector: MetadataCollector): void {
  let loop: InstLoop | null = null;
  let markers = new Map<number, number>();
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = fourCC(bytes, at);
    if (!CHUNK_ID.test(id)) break;
    const size = u32be(bytes, at + 4);
    const body = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + size));
    try {
      if (id === 'INST') loop = readInst(body, collector);
      else if (id === 'MARK') markers = readMarkers(body);
      else if (id === 'ID3 ' || id === 'id3 ') readId3v2(body, collector);
      else if (id in TEXT_CHUNKS) {
        const value = legacyText(body);
        collector.field('aiff-text', id.trim(), value);
        collector.text(TEXT_CHUNKS[id as keyof typeof TEXT_CHUNKS], 'aiff-text', value);
      }
    } catch {
      // Readers check their bounds; this only keeps one unforeseen bad chunk from hiding the rest.
    }
    at += 8 + size + (size & 1);
  }
  const startFrame = loop ? markers.get(loop.beginMarker) : undefined;
  const endFrame = loop ? markers.get(loop.endMarker) : undefined;
  if (loop && startFrame !== undefined && endFrame !== undefined) {
    // AIFF's end marker sits after the last looped frame; report the last frame itself, as smpl does.
    collector.loop({ startFrame, endFrame: Math.max(startFrame, endFrame - 1), direction: loop.direction, source: 'inst' });
    collector.field('inst', 'Sustain loop', `${startFrame}–${endFrame - 1} (${loop.direction})`);
  }
}
