import type { EmbeddedText } from '../../../src/domain/metadata';
import { midiToNoteName, pitchNameOf } from '../../../src/domain/music/pitch';
import type { MetadataCollector } from './collector';
import { fourCC, latin1Text, legacyText, u32le } from './text';

const noteLabel = (midi: number): string => `${midiToNoteName(midi)} (MIDI ${midi})`;
const view = (body: Uint8Array): DataView => new DataView(body.buffer, body.byteOffset, body.byteLength);

/**
 * ACID (Sony/Magix; written by most DAWs and sample packs): a flags word (bit 0 one-shot,
 * bit 1 root note valid), the root note, the number of beats, the meter and the tempo.
 */
export function readAcid(body: Uint8Array, collector: MetadataCollector): void {
  if (body.length < 4) return;
  const flags = u32le(body, 0);
  const oneShot = (flags & 0x01) !== 0;
  collector.kind('acid', oneShot ? 'one-shot' : 'loop');
  collector.field('acid', 'Type', oneShot ? 'one-shot' : 'loop');
  if ((flags & 0x02) !== 0 && body.length >= 6) {
    const root = view(body).getUint16(4, true);
    if (root <= 127) {
      collector.rootMidi('acid', root);
      // A loop's root note is the key it was played in; ACID stores no scale.
      if (!oneShot) collector.key('acid', pitchNameOf(root), null);
      collector.field('acid', 'Root note', noteLabel(root));
    }
  }
  if (body.length >= 16) {
    const beats = u32le(body, 12);
    collector.beats('acid', beats);
    if (beats > 0) collector.field('acid', 'Beats', String(beats));
  }
  if (body.length >= 20) {
    const denominator = view(body).getUint16(16, true);
    const numerator = view(body).getUint16(18, true);
    collector.meter('acid', numerator, denominator);
    if (numerator > 0 && denominator > 0) collector.field('acid', 'Meter', `${numerator}/${denominator}`);
  }
  if (body.length >= 24) {
    const tempo = view(body).getFloat32(20, true);
    // A one-shot's tempo is the project's at export time, not a property of the sound.
    if (!oneShot) collector.bpm('acid', tempo);
    if (Number.isFinite(tempo) && tempo > 0) collector.field('acid', 'Tempo', String(Math.round(tempo * 1000) / 1000));
  }
}

const LOOP_DIRECTIONS = ['forward', 'alternating', 'backward'] as const;

/** Sampler chunk: MIDI unity note (the root) and loop points in sample frames. */
export function readSmpl(body: Uint8Array, collector: MetadataCollector): void {
  if (body.length < 16) return;
  const unityNote = u32le(body, 12);
  if (unityNote <= 127) {
    collector.rootMidi('smpl', unityNote);
    collector.field('smpl', 'Unity note', noteLabel(unityNote));
  }
  if (body.length < 36) return;
  const loops = Math.min(u32le(body, 28), 8, Math.floor((body.length - 36) / 24));
  for (let i = 0; i < loops; i++) {
    const at = 36 + i * 24;
    const direction = LOOP_DIRECTIONS[u32le(body, at + 4)] ?? 'forward';
    const startFrame = u32le(body, at + 8);
    const endFrame = u32le(body, at + 12);
    if (i === 0) collector.loop({ startFrame, endFrame, direction, source: 'smpl' });
    collector.field('smpl', `Loop ${i + 1}`, `${startFrame}–${endFrame} (${direction})`);
  }
}

/** The WAV `inst` chunk (libsndfile, some samplers): unshifted note, fine tune, key and velocity range. */
export function readWavInst(body: Uint8Array, collector: MetadataCollector): void {
  if (body.length < 1) return;
  const note = body[0]!;
  if (note <= 127) {
    collector.rootMidi('inst', note);
    collector.field('inst', 'Root note', noteLabel(note));
  }
}

const BEXT_TEXT: ReadonlyArray<[name: string, at: number, length: number, property?: EmbeddedText]> = [
  ['Description', 0, 256, 'description'],
  ['Originator', 256, 32, 'originator'],
  ['OriginatorReference', 288, 32],
  ['OriginationDate', 320, 10],
  ['OriginationTime', 330, 8],
];
const BEXT_CODING_HISTORY = 602;

/** Broadcast Wave (EBU Tech 3285): fixed-width ASCII fields, then free-form coding history. */
export function readBext(body: Uint8Array, collector: MetadataCollector): void {
  for (const [name, at, length, property] of BEXT_TEXT) {
    if (at >= body.length) break;
    const value = latin1Text(body.subarray(at, at + length));
    collector.field('bext', name, value);
    if (property) collector.text(property, 'bext', value);
  }
  const date = latin1Text(body.subarray(320, 330));
  const time = latin1Text(body.subarray(330, 338));
  if (date) collector.text('date', 'bext', time ? `${date} ${time}` : date);
  if (body.length > BEXT_CODING_HISTORY) collector.field('bext', 'CodingHistory', latin1Text(body.subarray(BEXT_CODING_HISTORY)));
}

const INFO_PROPERTIES: Readonly<Record<string, EmbeddedText>> = {
  INAM: 'title',
  IART: 'artist',
  IPRD: 'album',
  ICMT: 'comment',
  ISBJ: 'description',
  IGNR: 'genre',
  ISFT: 'software',
  ICOP: 'copyright',
  ICRD: 'date',
};

/** `LIST` chunk of type INFO: NUL-terminated strings under four-letter ids (INAM, IART, ICMT ...). */
export function readInfoList(body: Uint8Array, collector: MetadataCollector): void {
  if (fourCC(body, 0) !== 'INFO') return; // adtl (cue labels) and others carry no tags
  let at = 4;
  while (at + 8 <= body.length) {
    const id = fourCC(body, at);
    const size = u32le(body, at + 4);
    if (!/^[A-Z0-9]{4}$/.test(id)) break;
    const value = legacyText(body.subarray(at + 8, Math.min(body.length, at + 8 + size)));
    collector.field('info', id, value);
    const property = INFO_PROPERTIES[id];
    if (property) collector.text(property, 'info', value);
    at += 8 + size + (size & 1);
  }
}
