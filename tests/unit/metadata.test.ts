import { describe, expect, it } from 'vitest';
import { parseKeyText, parseTempoText } from '../../src/domain/metadata';
import { readEmbeddedMetadata } from '../../workers/analysis/metadata/index';
import { sniffFormat } from '../../workers/analysis/sniff';
import { encodeAiff, encodeWav } from '../support/audioFiles';
import { sine } from '../support/signals';
import {
  acidChunk,
  aiffChunk,
  aiffWith,
  bextChunk,
  concat,
  id3v2Tag,
  infoList,
  instChunk,
  latin1,
  markChunk,
  riffChunk,
  smplChunk,
  textFrame,
  u32le,
  utf8,
  wavWith,
} from '../support/taggedFiles';

const tone = (): Float32Array => sine(220, 0.05);
const IXML = `<?xml version="1.0" encoding="UTF-8"?>
<BWFXML><IXML_VERSION>2.10</IXML_VERSION><PROJECT>Night &amp; Day</PROJECT><SCENE>12A</SCENE><TAKE>3</TAKE>
<NOTE>kick &lt;dry&gt;</NOTE><SPEED><MASTER_SPEED>48000/1</MASTER_SPEED></SPEED><TEMPO>126.5</TEMPO></BWFXML>`;

describe('readEmbeddedMetadata on WAV chunks', () => {
  it('reads an ACID loop: tempo, root note as key tonic, beats, meter, and lists the raw values', () => {
    const wav = wavWith(encodeWav([tone()]), [acidChunk({ rootNote: 57, beats: 8, meter: [3, 4], tempo: 93.5 })]);
    const found = readEmbeddedMetadata(wav, 'wav')!;
    expect(found).toMatchObject({
      bpm: { value: 93.5, source: 'acid' },
      rootMidi: { value: 57, source: 'acid' },
      key: { tonic: 'A', scale: null, source: 'acid' },
      kind: { value: 'loop', source: 'acid' },
      beats: { value: 8, source: 'acid' },
      meter: { value: { numerator: 3, denominator: 4 }, source: 'acid' },
    });
    expect(found.fields).toEqual([
      { source: 'acid', name: 'Type', value: 'loop' },
      { source: 'acid', name: 'Root note', value: 'A3 (MIDI 57)' },
      { source: 'acid', name: 'Beats', value: '8' },
      { source: 'acid', name: 'Meter', value: '3/4' },
      { source: 'acid', name: 'Tempo', value: '93.5' },
    ]);
  });

  it('does not give an ACID one-shot a tempo or a key, and ignores a root note not flagged valid', () => {
    const oneShot = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [acidChunk({ oneShot: true, rootNote: 48, tempo: 120 })]), 'wav')!;
    expect(oneShot.kind).toEqual({ value: 'one-shot', source: 'acid' });
    expect(oneShot.rootMidi).toEqual({ value: 48, source: 'acid' });
    expect(oneShot.bpm).toBeUndefined();
    expect(oneShot.key).toBeUndefined();
    const noRoot = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [acidChunk({ tempo: 100 })]), 'wav')!;
    expect(noRoot.rootMidi).toBeUndefined();
    expect(noRoot.bpm?.value).toBe(100);
  });

  it('reads smpl: unity note and the first loop; ACID outranks it for the root', () => {
    const smpl = smplChunk(62, [
      { start: 100, end: 2099 },
      { start: 5, end: 50, type: 1 },
    ]);
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [], [smpl]), 'wav')!;
    expect(found.rootMidi).toEqual({ value: 62, source: 'smpl' });
    expect(found.loop).toEqual({ startFrame: 100, endFrame: 2099, direction: 'forward', source: 'smpl' });
    expect(found.fields.map((f) => `${f.name}=${f.value}`)).toEqual([
      'Unity note=D4 (MIDI 62)',
      'Loop 1=100–2099 (forward)',
      'Loop 2=5–50 (alternating)',
    ]);
    const both = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [smpl, acidChunk({ rootNote: 60, tempo: 120 })]), 'wav')!;
    expect(both.rootMidi).toEqual({ value: 60, source: 'acid' });
  });

  it('reads bext: description, originator, reference, date and time, coding history', () => {
    const bext = bextChunk({
      description: 'Snare top, room mic',
      originator: 'Pro Tools',
      originatorReference: 'USID0123456789',
      date: '2024-05-17',
      time: '13:45:09',
      codingHistory: 'A=PCM,F=48000,W=24,M=stereo,T=original\r\n',
    });
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [bext]), 'wav')!;
    expect(found.description).toEqual({ value: 'Snare top, room mic', source: 'bext' });
    expect(found.originator).toEqual({ value: 'Pro Tools', source: 'bext' });
    expect(found.date).toEqual({ value: '2024-05-17 13:45:09', source: 'bext' });
    expect(Object.fromEntries(found.fields.map((f) => [f.name, f.value]))).toEqual({
      Description: 'Snare top, room mic',
      Originator: 'Pro Tools',
      OriginatorReference: 'USID0123456789',
      OriginationDate: '2024-05-17',
      OriginationTime: '13:45:09',
      CodingHistory: 'A=PCM,F=48000,W=24,M=stereo,T=original',
    });
  });

  it('reads LIST/INFO in Latin-1 and in UTF-8, and skips other LIST types', () => {
    const info = infoList({
      INAM: 'Café Loop',
      IART: 'Zoë',
      ICMT: 'dusty',
      IGNR: 'Lo-Fi',
      ISFT: 'Ableton Live 12',
      ICOP: '© 2024',
      IKEY: 'keys; rhodes',
    });
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [], [riffChunk('LIST', latin1('adtl')), info]), 'wav')!;
    expect(found).toMatchObject({
      title: { value: 'Café Loop', source: 'info' },
      artist: { value: 'Zoë', source: 'info' },
      comment: { value: 'dusty', source: 'info' },
      genre: { value: 'Lo-Fi', source: 'info' },
      software: { value: 'Ableton Live 12', source: 'info' },
      copyright: { value: '© 2024', source: 'info' },
    });
    expect(found.fields).toContainEqual({ source: 'info', name: 'IKEY', value: 'keys; rhodes' });
    const unicode = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [infoList({ INAM: 'Pad – 日本' }, utf8)]), 'wav')!;
    expect(unicode.title?.value).toBe('Pad – 日本');
  });

  it('reads iXML fields with entities decoded, a tempo element, and keeps the raw XML', () => {
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [riffChunk('iXML', utf8(IXML))]), 'wav')!;
    expect(found.fields).toEqual([
      { source: 'ixml', name: 'PROJECT', value: 'Night & Day' },
      { source: 'ixml', name: 'SCENE', value: '12A' },
      { source: 'ixml', name: 'TAKE', value: '3' },
      { source: 'ixml', name: 'NOTE', value: 'kick <dry>' },
      { source: 'ixml', name: 'TEMPO', value: '126.5' },
    ]);
    expect(found.bpm).toEqual({ value: 126.5, source: 'ixml' });
    expect(found.comment).toEqual({ value: 'kick <dry>', source: 'ixml' });
    expect(found.ixml).toBe(IXML);
  });

  it('reads an ID3 chunk inside a WAV; ID3 outranks INFO for the title', () => {
    const id3 = riffChunk('id3 ', id3v2Tag(3, [textFrame('TIT2', 'Tag title'), textFrame('TBPM', '140')]));
    const found = readEmbeddedMetadata(wavWith(encodeWav([tone()]), [infoList({ INAM: 'Info title' })], [id3]), 'wav')!;
    expect(found.title).toEqual({ value: 'Tag title', source: 'id3' });
    expect(found.bpm).toEqual({ value: 140, source: 'id3' });
    expect(found.fields).toContainEqual({ source: 'info', name: 'INAM', value: 'Info title' });
  });

  it('reads chunks of an RF64 file after a data chunk whose size lives in ds64', () => {
    const plain = encodeWav([tone()]);
    const dataSize = plain.length - 44;
    const ds64 = riffChunk('ds64', new Uint8Array(28));
    new DataView(ds64.buffer).setUint32(8 + 8, dataSize, true);
    const fmt = plain.subarray(12, 36);
    const data = riffChunk('data', plain.subarray(44), 0xffffffff);
    const rf64 = concat(latin1('RF64'), u32le(0xffffffff), latin1('WAVE'), ds64, fmt, data, acidChunk({ tempo: 87 }));
    expect(sniffFormat(rf64)).toEqual({ audio: 'wav' });
    expect(readEmbeddedMetadata(rf64, 'wav')?.bpm).toEqual({ value: 87, source: 'acid' });
  });

  it('returns null for a WAV with no metadata chunks', () => {
    expect(readEmbeddedMetadata(encodeWav([tone()]), 'wav')).toBeNull();
  });
});

describe('readEmbeddedMetadata on AIFF chunks', () => {
  it('reads INST (base note, sustain loop through MARK), NAME, AUTH, ANNO, (c)', () => {
    const aiff = aiffWith(encodeAiff([tone()]), [
      markChunk([
        { id: 1, position: 441, name: 'beg loop' },
        { id: 2, position: 1764, name: 'end' },
      ]),
      instChunk(43, { playMode: 1, begin: 1, end: 2 }),
      aiffChunk('NAME', latin1('Sub G1')),
      aiffChunk('AUTH', latin1('Ana')),
      aiffChunk('ANNO', latin1('808 style')),
      aiffChunk('(c) ', latin1('2023 Ana')),
    ]);
    expect(sniffFormat(aiff)).toEqual({ audio: 'aiff' });
    const found = readEmbeddedMetadata(aiff, 'aiff')!;
    expect(found).toMatchObject({
      rootMidi: { value: 43, source: 'inst' },
      loop: { startFrame: 441, endFrame: 1763, direction: 'forward', source: 'inst' },
      title: { value: 'Sub G1', source: 'aiff-text' },
      artist: { value: 'Ana', source: 'aiff-text' },
      comment: { value: '808 style', source: 'aiff-text' },
      copyright: { value: '2023 Ana', source: 'aiff-text' },
    });
    expect(found.fields).toContainEqual({ source: 'inst', name: 'Base note', value: 'G2 (MIDI 43)' });
    expect(found.fields).toContainEqual({ source: 'aiff-text', name: '(c)', value: '2023 Ana' });
  });

  it('reads an ID3 chunk in an AIFF (the way DAWs tag AIFF)', () => {
    const aiff = aiffWith(encodeAiff([tone()]), [aiffChunk('ID3 ', id3v2Tag(4, [textFrame('TKEY', 'F#m'), textFrame('TBPM', '174')]))]);
    const found = readEmbeddedMetadata(aiff, 'aiff')!;
    expect(found.key).toEqual({ tonic: 'F#', scale: 'minor', source: 'id3' });
    expect(found.bpm).toEqual({ value: 174, source: 'id3' });
  });

  it('leaves the loop out when INST names a marker that MARK does not have', () => {
    const aiff = aiffWith(encodeAiff([tone()]), [
      instChunk(60, { playMode: 1, begin: 1, end: 9 }),
      markChunk([{ id: 1, position: 0, name: '' }]),
    ]);
    const found = readEmbeddedMetadata(aiff, 'aiff')!;
    expect(found.rootMidi?.value).toBe(60);
    expect(found.loop).toBeUndefined();
  });
});

describe('key and tempo text', () => {
  it.each([
    ['Am', 'A', 'minor'],
    ['A minor', 'A', 'minor'],
    ['Ebm', 'D#', 'minor'],
    ['Eb min', 'D#', 'minor'],
    ['F#', 'F#', 'major'],
    ['C major', 'C', 'major'],
    ['Bbmaj', 'A#', 'major'],
    ['B flat minor', 'A#', 'minor'],
    ['8A', 'A', 'minor'],
    ['08B', 'C', 'major'],
    ['1A', 'G#', 'minor'],
    ['12B', 'E', 'major'],
  ] as const)('reads the key %s as %s %s', (text, tonic, scale) => {
    expect(parseKeyText(text)).toEqual({ tonic, scale });
  });

  it.each(['o', '', 'H', '13A', 'C lydian', 'Xm'])('reads no key from %j', (text) => {
    expect(parseKeyText(text)).toBeNull();
  });

  it('reads tempi as tags write them and refuses implausible ones', () => {
    expect(['128', '127.5', '127,5', ' 90 BPM'].map(parseTempoText)).toEqual([128, 127.5, 127.5, 90]);
    expect(['0', '5', '1200', 'fast', '120-128'].map(parseTempoText)).toEqual([null, null, null, null, null]);
  });
});
