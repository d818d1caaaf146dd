/**
 * Writers for the metadata producers' tools embed: RIFF chunks (acid, smpl, bext, LIST/INFO,
 * iXML), AIFF chunks (INST, MARK, text), ID3v2.2-2.4 tags with every text encoding and
 * unsynchronisation, FLAC and Ogg comment blocks. Laid out byte by byte from the formats' specs,
 * so the readers are tested against the layout, not against themselves.
 */

export const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

const numbers = (write: (view: DataView) => void, length: number): Uint8Array => {
  const out = new Uint8Array(length);
  write(new DataView(out.buffer));
  return out;
};
export const u16le = (n: number): Uint8Array => numbers((v) => v.setUint16(0, n, true), 2);
export const u32le = (n: number): Uint8Array => numbers((v) => v.setUint32(0, n, true), 4);
export const u16be = (n: number): Uint8Array => numbers((v) => v.setUint16(0, n), 2);
export const u32be = (n: number): Uint8Array => numbers((v) => v.setUint32(0, n), 4);
const f32le = (n: number): Uint8Array => numbers((v) => v.setFloat32(0, n, true), 4);
const syncsafe = (n: number): Uint8Array => Uint8Array.of((n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f);
/** A fixed-width, NUL-padded ASCII field. */
const fixed = (text: string, width: number): Uint8Array =>
  concat(latin1(text).subarray(0, width), new Uint8Array(Math.max(0, width - text.length)));

// ---- RIFF / WAV ----

/** A little-endian chunk with its pad byte; `sizeField` fakes a size the body does not have. */
export const riffChunk = (id: string, body: Uint8Array, sizeField = body.length): Uint8Array =>
  concat(latin1(id), u32le(sizeField), body, new Uint8Array(body.length & 1));

/** Puts chunks around the fmt and data chunks of a WAV from encodeWav, fixing the RIFF size. */
export function wavWith(wav: Uint8Array, before: Uint8Array[], after: Uint8Array[] = []): Uint8Array<ArrayBuffer> {
  const body = concat(latin1('WAVE'), ...before, wav.subarray(12), ...after);
  return concat(latin1('RIFF'), u32le(body.length), body);
}

export interface AcidFields {
  oneShot?: boolean;
  rootNote?: number;
  beats?: number;
  meter?: [numerator: number, denominator: number];
  tempo?: number;
}

export function acidChunk(fields: AcidFields): Uint8Array {
  const flags = (fields.oneShot ? 0x01 : 0) | (fields.rootNote === undefined ? 0 : 0x02) | 0x04; // 0x04: stretch
  const [numerator, denominator] = fields.meter ?? [4, 4];
  const body = concat(
    u32le(flags),
    u16le(fields.rootNote ?? 0x3c),
    u16le(0x8000),
    f32le(0),
    u32le(fields.beats ?? 0),
    u16le(denominator),
    u16le(numerator),
    f32le(fields.tempo ?? 0),
  );
  return riffChunk('acid', body);
}

export function smplChunk(unityNote: number, loops: Array<{ start: number; end: number; type?: number }> = []): Uint8Array {
  const header = concat(u32le(0), u32le(0), u32le(22675), u32le(unityNote), u32le(0), u32le(0), u32le(0), u32le(loops.length), u32le(0));
  const loopRecords = loops.map((l, i) => concat(u32le(i), u32le(l.type ?? 0), u32le(l.start), u32le(l.end), u32le(0), u32le(0)));
  return riffChunk('smpl', concat(header, ...loopRecords));
}

export interface BextFields {
  description: string;
  originator: string;
  originatorReference: string;
  date: string;
  time: string;
  codingHistory?: string;
}

export function bextChunk(f: BextFields): Uint8Array {
  const fixedPart = concat(
    fixed(f.description, 256),
    fixed(f.originator, 32),
    fixed(f.originatorReference, 32),
    fixed(f.date, 10),
    fixed(f.time, 8),
    new Uint8Array(8), // time reference
    u16le(2), // version
    new Uint8Array(64 + 10 + 180), // UMID, loudness, reserved
  );
  return riffChunk('bext', concat(fixedPart, latin1(f.codingHistory ?? '')));
}

/** LIST/INFO with NUL-terminated values, encoded as `encode` says (Latin-1 by default, as old writers do). */
export function infoList(entries: Record<string, string>, encode: (text: string) => Uint8Array = latin1): Uint8Array {
  const subchunks = Object.entries(entries).map(([id, text]) => riffChunk(id, concat(encode(text), Uint8Array.of(0))));
  return riffChunk('LIST', concat(latin1('INFO'), ...subchunks));
}

// ---- ID3v2 ----

export type Id3Version = 2 | 3 | 4;

/** Text in an ID3 encoding: 0 Latin-1, 1 UTF-16 with a little-endian BOM, 2 UTF-16BE, 3 UTF-8. */
export function id3EncodedText(text: string, encoding: number): Uint8Array {
  if (encoding === 0) return latin1(text);
  if (encoding === 1) return concat(Uint8Array.of(0xff, 0xfe), utf16(text, true));
  if (encoding === 2) return utf16(text, false);
  return utf8(text);
}
const terminator = (encoding: number): Uint8Array => new Uint8Array(encoding === 1 || encoding === 2 ? 2 : 1);

/** Inserts a zero after every 0xFF, which ID3 unsynchronisation allows (and readers must undo). */
export function unsynchronise(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const b of bytes) {
    out.push(b);
    if (b === 0xff) out.push(0);
  }
  return Uint8Array.from(out);
}

export interface Id3Frame {
  id: string;
  data: Uint8Array;
}

export const textFrame = (id: string, text: string, encoding = 0): Id3Frame => ({
  id,
  data: concat(Uint8Array.of(encoding), id3EncodedText(text, encoding)),
});
export const txxxFrame = (description: string, value: string, encoding = 0): Id3Frame => ({
  id: 'TXXX',
  data: concat(Uint8Array.of(encoding), id3EncodedText(description, encoding), terminator(encoding), id3EncodedText(value, encoding)),
});
export const commFrame = (description: string, text: string, encoding = 0, id = 'COMM'): Id3Frame => ({
  id,
  data: concat(
    Uint8Array.of(encoding),
    latin1('eng'),
    id3EncodedText(description, encoding),
    terminator(encoding),
    id3EncodedText(text, encoding),
  ),
});

/**
 * An ID3v2 tag. With `unsynchronised`, v2.3 unsynchronises the whole tag body and v2.4 each
 * frame (flag 0x02), as their specs say; `padding` zero bytes follow the frames.
 */
export function id3v2Tag(
  version: Id3Version,
  frames: Id3Frame[],
  options: { unsynchronised?: boolean; padding?: number } = {},
): Uint8Array {
  const unsync = options.unsynchronised ?? false;
  const encoded = frames.map(({ id, data }) => {
    if (version === 2)
      return concat(latin1(id), Uint8Array.of((data.length >> 16) & 0xff, (data.length >> 8) & 0xff, data.length & 0xff), data);
    if (version === 3) return concat(latin1(id), u32be(data.length), u16be(0), data);
    const stored = unsync ? unsynchronise(data) : data;
    return concat(latin1(id), syncsafe(stored.length), u16be(unsync ? 0x0002 : 0), stored);
  });
  let body: Uint8Array = concat(...encoded, new Uint8Array(options.padding ?? 0));
  if (unsync && version === 3) body = unsynchronise(body);
  return concat(latin1('ID3'), Uint8Array.of(version, 0, unsync ? 0x80 : 0), syncsafe(body.length), body);
}

export function id3v1Tag(title: string, artist: string, genre: number): Uint8Array {
  return concat(
    latin1('TAG'),
    fixed(title, 30),
    fixed(artist, 30),
    fixed('', 30),
    fixed('2001', 4),
    fixed('v1 comment', 28),
    Uint8Array.of(0, 1, genre),
  );
}

// ---- AIFF ----

export const aiffChunk = (id: string, body: Uint8Array): Uint8Array =>
  concat(latin1(id), u32be(body.length), body, new Uint8Array(body.length & 1));

/** Appends chunks to an AIFF from encodeAiff, fixing the FORM size. */
export function aiffWith(aiff: Uint8Array, chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = concat(aiff.subarray(8), ...chunks);
  return concat(latin1('FORM'), u32be(body.length), body);
}

/** INST with a base note and a sustain loop between two MARK ids (play mode 1 forward, 2 forward-backward). */
export function instChunk(
  baseNote: number,
  sustain: { playMode: number; begin: number; end: number } = { playMode: 0, begin: 0, end: 0 },
): Uint8Array {
  const body = concat(
    Uint8Array.of(baseNote, 0, 0, 127, 1, 127),
    u16be(0),
    u16be(sustain.playMode),
    u16be(sustain.begin),
    u16be(sustain.end),
    new Uint8Array(6),
  );
  return aiffChunk('INST', body);
}

export function markChunk(markers: Array<{ id: number; position: number; name: string }>): Uint8Array {
  const records = markers.map((m) => {
    const pstring = concat(Uint8Array.of(m.name.length), latin1(m.name));
    return concat(u16be(m.id), u32be(m.position), pstring, new Uint8Array(pstring.length & 1));
  });
  return aiffChunk('MARK', concat(u16be(markers.length), ...records));
}

// ---- Vorbis comments, FLAC, Ogg ----

export function vorbisComment(vendor: string, entries: string[]): Uint8Array {
  const encoded = entries.map((e) => utf8(e));
  return concat(u32le(utf8(vendor).length), utf8(vendor), u32le(entries.length), ...encoded.flatMap((e) => [u32le(e.length), e]));
}

/** Rebuilds a FLAC file with STREAMINFO, then `blocks` (type, body) in place of its other metadata. */
export function flacWith(flac: Uint8Array, blocks: Array<[type: number, body: Uint8Array]>): Uint8Array<ArrayBuffer> {
  let at = 4;
  let streamInfo: Uint8Array | null = null;
  for (;;) {
    const header = flac[at]!;
    const length = (flac[at + 1]! << 16) | (flac[at + 2]! << 8) | flac[at + 3]!;
    if ((header & 0x7f) === 0) streamInfo = flac.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    if (header & 0x80) break;
  }
  const all: Array<[number, Uint8Array]> = [[0, streamInfo!], ...blocks];
  const encoded = all.map(([type, body], i) =>
    concat(
      Uint8Array.of(type | (i === all.length - 1 ? 0x80 : 0), (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff),
      body,
    ),
  );
  return concat(latin1('fLaC'), ...encoded, flac.subarray(at));
}

/** Lays packets out in Ogg pages of at most `segmentsPerPage` lacing values (CRCs left zero: readers of tags skip them). */
export function oggStream(packets: Uint8Array[], serial = 0x1234, segmentsPerPage = 255): Uint8Array<ArrayBuffer> {
  const segments: Uint8Array[] = [];
  for (const packet of packets) {
    let at = 0;
    for (; packet.length - at >= 255; at += 255) segments.push(packet.subarray(at, at + 255));
    segments.push(packet.subarray(at)); // the short (possibly empty) segment ends the packet
  }
  const pages: Uint8Array[] = [];
  for (let first = 0, sequence = 0; first < segments.length; first += segmentsPerPage, sequence++) {
    const onPage = segments.slice(first, first + segmentsPerPage);
    const header = concat(
      latin1('OggS'),
      Uint8Array.of(0, first === 0 ? 2 : 0),
      new Uint8Array(8),
      u32le(serial),
      u32le(sequence),
      u32le(0),
    );
    pages.push(
      concat(
        header,
        Uint8Array.of(onPage.length),
        Uint8Array.from(onPage, (s) => s.length),
        ...onPage,
      ),
    );
  }
  return concat(...pages);
}
