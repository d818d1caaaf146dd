import { describe, expect, it } from 'vitest';
import type { AudioFormat } from '../../src/domain/audioFormats';
import { readEmbeddedMetadata } from '../../workers/analysis/metadata/index';
import { MAX_FIELDS, MAX_IXML_CHARS, MAX_VALUE_CHARS } from '../../workers/analysis/metadata/collector';
import { encodeAiff, encodeWav } from '../support/audioFiles';
import { seededNoise, sine } from '../support/signals';
import {
  acidChunk,
  aiffChunk,
  aiffWith,
  bextChunk,
  commFrame,
  concat,
  id3v2Tag,
  infoList,
  instChunk,
  latin1,
  riffChunk,
  smplChunk,
  textFrame,
  txxxFrame,
  utf8,
  vorbisComment,
  wavWith,
} from '../support/taggedFiles';

const tone = (): Float32Array => sine(220, 0.005);
const ACID = acidChunk({ rootNote: 60, beats: 4, tempo: 120 });
const richWav = (): Uint8Array =>
  wavWith(
    encodeWav([tone()]),
    [ACID, smplChunk(60, [{ start: 0, end: 99 }])],
    [
      bextChunk({
        description: 'desc',
        originator: 'me',
        originatorReference: 'ref',
        date: '2024-01-01',
        time: '10:00:00',
        codingHistory: 'A=PCM',
      }),
      infoList({ INAM: 'Rich', ICMT: 'all chunks' }),
      riffChunk('iXML', utf8('<BWFXML><PROJECT>P</PROJECT><BPM>121</BPM></BWFXML>')),
      riffChunk('id3 ', id3v2Tag(4, [textFrame('TKEY', 'Am'), commFrame('', 'id3 comment')])),
    ],
  );

describe('damaged metadata never throws and keeps what it could read', () => {
  it('reads every prefix of a file carrying every WAV chunk', () => {
    const wav = richWav();
    const acidEnd = wav.indexOf(0x61 /* "a" of "acid" */, 12) + ACID.length;
    for (let length = 0; length <= wav.length; length++) {
      const found = readEmbeddedMetadata(wav.subarray(0, length), 'wav');
      if (length >= acidEnd) expect(found?.bpm, `prefix of ${length} bytes`).toEqual({ value: 120, source: 'acid' });
    }
    const whole = readEmbeddedMetadata(wav, 'wav')!;
    expect(whole).toMatchObject({ bpm: { value: 120 }, key: { tonic: 'A', scale: 'minor', source: 'id3' }, title: { value: 'Rich' } });
    expect(whole.fields.map((f) => f.source)).toEqual(expect.arrayContaining(['acid', 'smpl', 'bext', 'info', 'ixml', 'id3']));
  });

  it('reads what a truncated ACID chunk holds: the type and root, but no tempo', () => {
    const wav = wavWith(encodeWav([tone()]), [], [ACID]);
    const found = readEmbeddedMetadata(wav.subarray(0, wav.length - ACID.length + 8 + 10), 'wav')!;
    expect(found.kind).toEqual({ value: 'loop', source: 'acid' });
    expect(found.rootMidi).toEqual({ value: 60, source: 'acid' });
    expect(found.bpm).toBeUndefined();
  });

  it('reads a LIST chunk whose size runs past the end of the file', () => {
    const list = infoList({ INAM: 'Kept', IART: 'Also kept' });
    new DataView(list.buffer, list.byteOffset).setUint32(4, 0x7ffffff0, true);
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [], [list]), 'wav')!;
    expect(found.title?.value).toBe('Kept');
    expect(found.artist?.value).toBe('Also kept');
  });

  it('reads the start of an ID3 frame that claims more bytes than the tag has', () => {
    const tag = id3v2Tag(3, [textFrame('TBPM', '95'), textFrame('TIT2', 'Cut here')]);
    const cut = tag.subarray(0, tag.length - 3);
    const found = readEmbeddedMetadata(cut, 'mp3')!;
    expect(found.bpm?.value).toBe(95);
    expect(found.title?.value).toBe('Cut h');
  });

  it('survives every byte of an ID3 tag set to 0xFF or 0x00, one at a time', () => {
    const tag = id3v2Tag(4, [textFrame('TBPM', '95', 1), txxxFrame('KEY', 'Gm', 1), commFrame('', 'note', 2)], { unsynchronised: true });
    for (let i = 0; i < tag.length; i++) {
      for (const value of [0x00, 0xff]) {
        const broken = tag.slice();
        broken[i] = value;
        expect(() => readEmbeddedMetadata(broken, 'mp3')).not.toThrow();
      }
    }
  });

  it.each<[AudioFormat, Uint8Array]>([
    ['wav', concat(latin1('RIFF'), new Uint8Array(4), latin1('WAVE'))],
    ['aiff', concat(latin1('FORM'), new Uint8Array(4), latin1('AIFF'))],
    ['mp3', concat(latin1('ID3'), Uint8Array.of(3, 0, 0, 0, 0, 8, 0))],
    ['flac', latin1('fLaC')],
    ['ogg', concat(latin1('OggS'), new Uint8Array(22), Uint8Array.of(3, 7, 255, 255))],
  ])('survives random bytes after a valid %s header', (format, header) => {
    const noise = seededNoise(format.length * 7919);
    for (let run = 0; run < 300; run++) {
      const tail = Uint8Array.from({ length: 16 + run * 7 }, () => Math.floor((noise() + 1) * 127.99));
      const found = readEmbeddedMetadata(concat(header, tail), format);
      if (found) expect(Array.isArray(found.fields)).toBe(true);
    }
  });

  it('reads AIFF chunks up to a truncated INST', () => {
    const aiff = aiffWith(encodeAiff([tone()]), [aiffChunk('NAME', latin1('Before')), instChunk(50)]);
    const found = readEmbeddedMetadata(aiff.subarray(0, aiff.length - 19), 'aiff')!;
    expect(found.title?.value).toBe('Before');
    expect(found.rootMidi).toEqual({ value: 50, source: 'inst' });
  });
});

describe('size caps', () => {
  it('keeps at most MAX_FIELDS fields, cuts long values and the raw iXML', () => {
    const frames = Array.from({ length: 300 }, (_, i) => txxxFrame(`F${i}`, 'v'));
    const many = readEmbeddedMetadata(concat(id3v2Tag(3, [commFrame('', 'c'.repeat(5000)), ...frames])), 'mp3')!;
    expect(many.fields).toHaveLength(MAX_FIELDS);
    expect(many.comment?.value).toHaveLength(MAX_VALUE_CHARS);
    const xml = `<BWFXML><NOTE>n</NOTE>${'<X>y</X>'.repeat(5000)}</BWFXML>`;
    const ixml = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [riffChunk('iXML', utf8(xml))]), 'wav')!;
    expect(ixml.ixml).toHaveLength(MAX_IXML_CHARS);
    expect(ixml.comment?.value).toBe('n');
  });

  it('skips Vorbis cover art', () => {
    const comment = vorbisComment('v', [`METADATA_BLOCK_PICTURE=${'A'.repeat(10000)}`, 'TITLE=t']);
    const flac = concat(latin1('fLaC'), Uint8Array.of(0x84, 0, (comment.length >> 8) & 0xff, comment.length & 0xff), comment);
    expect(readEmbeddedMetadata(flac, 'flac')?.fields).toEqual([{ source: 'vorbis', name: 'TITLE', value: 't' }]);
  });
});
