import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEmbeddedMetadata } from '../../workers/analysis/metadata/index';
import { readDeclaredStream } from '../../workers/analysis/headers';
import { id3v2Length, sniffFormat } from '../../workers/analysis/sniff';
import {
  commFrame,
  concat,
  flacWith,
  id3v1Tag,
  id3v2Tag,
  latin1,
  oggStream,
  textFrame,
  txxxFrame,
  u16be,
  u32be,
  vorbisComment,
  type Id3Version,
} from '../support/taggedFiles';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));
/** Real MPEG frames: the fixture kick without its (empty) ID3 tag. */
const kick = fixture('library/One-shots/Drums/kick.mp3');
const mpegFrames = kick.subarray(id3v2Length(kick));

/** A tag with every frame kind the reader maps, in the given text encoding. */
const producerFrames = (encoding: number) => [
  textFrame('TIT2', 'Bass ÿÿ', encoding), // ÿ puts 0xFF bytes in Latin-1 and UTF-16 text: unsynchronisation matters
  textFrame('TPE1', 'Ana María', encoding),
  textFrame('TALB', 'Deep Pack', encoding),
  textFrame('TCON', '(35)', encoding),
  textFrame('TBPM', '124', encoding),
  textFrame('TKEY', 'Gm', encoding),
  commFrame('', 'played live', encoding),
  txxxFrame('MOOD', 'dark', encoding),
];

const expectProducerValues = (bytes: Uint8Array): void => {
  const found = readEmbeddedMetadata(bytes, 'mp3')!;
  expect(found).toMatchObject({
    title: { value: 'Bass ÿÿ', source: 'id3' },
    artist: { value: 'Ana María', source: 'id3' },
    album: { value: 'Deep Pack', source: 'id3' },
    genre: { value: 'House', source: 'id3' },
    bpm: { value: 124, source: 'id3' },
    key: { tonic: 'G', scale: 'minor', source: 'id3' },
    comment: { value: 'played live', source: 'id3' },
  });
  expect(found.fields).toContainEqual({ source: 'id3', name: 'TXXX:MOOD', value: 'dark' });
};

describe('ID3v2 in front of MP3 frames', () => {
  it.each([
    [3, 0],
    [3, 1],
    [4, 0],
    [4, 1],
    [4, 2],
    [4, 3],
  ] as const)('ID3v2.%i, text encoding %i', (version, encoding) => {
    const mp3 = concat(id3v2Tag(version, producerFrames(encoding), { padding: 64 }), mpegFrames);
    expect(sniffFormat(mp3)).toEqual({ audio: 'mp3' });
    expectProducerValues(mp3);
  });

  it.each([3, 4] as const)('undoes unsynchronisation in ID3v2.%i (whole tag in 2.3, per frame in 2.4)', (version: Id3Version) => {
    const tag = id3v2Tag(version, producerFrames(1), { unsynchronised: true });
    expect(tag.some((b, i) => b === 0xff && tag[i + 1] === 0)).toBe(true); // the writer did insert zeros
    expectProducerValues(concat(tag, mpegFrames));
  });

  it('reads ID3v2.2 three-letter frames under their v2.3 names', () => {
    const tag = id3v2Tag(2, [
      textFrame('TT2', 'Old Tag'),
      textFrame('TBP', '99'),
      textFrame('TKE', 'Db'),
      commFrame('', 'v2.2 note', 0, 'COM'),
    ]);
    const found = readEmbeddedMetadata(concat(tag, mpegFrames), 'mp3')!;
    expect(found).toMatchObject({
      title: { value: 'Old Tag' },
      bpm: { value: 99 },
      key: { tonic: 'C#', scale: 'major' },
      comment: { value: 'v2.2 note' },
    });
    expect(found.fields.map((f) => f.name)).toEqual(['TIT2', 'TBPM', 'TKEY', 'COMM']);
  });

  it('reads TXXX BPM and KEY, splits v2.4 multi-value text, and skips iTunes COMM data', () => {
    const tag = id3v2Tag(4, [
      txxxFrame('BPM', '86', 3),
      txxxFrame('INITIALKEY', '5A', 3),
      textFrame('TCON', 'House\0Deep House', 3),
      commFrame('iTunNORM', ' 000001F4 00000205', 0),
      commFrame('Songs-DB_Custom1', 'crate 4', 0),
    ]);
    const found = readEmbeddedMetadata(concat(tag, mpegFrames), 'mp3')!;
    expect(found.bpm).toEqual({ value: 86, source: 'id3' });
    expect(found.key).toEqual({ tonic: 'C', scale: 'minor', source: 'id3' });
    expect(found.genre?.value).toBe('House; Deep House');
    expect(found.fields.map((f) => f.name)).toEqual(['TXXX:BPM', 'TXXX:INITIALKEY', 'TCON', 'COMM:Songs-DB_Custom1']);
  });

  it('reads v2.4 frame sizes written as plain integers (as iTunes did)', () => {
    const long = 'x'.repeat(255); // 256 bytes with the encoding: 00 00 01 00 reads as 128 when syncsafe
    const frames = concat(
      latin1('TIT2'),
      u32be(256),
      u16be(0),
      Uint8Array.of(0),
      latin1(long),
      latin1('TBPM'),
      u32be(4),
      u16be(0),
      Uint8Array.of(0),
      latin1('128'),
    );
    const tag = concat(latin1('ID3'), Uint8Array.of(4, 0, 0, 0, 0, 4, 0), frames, new Uint8Array(512 - frames.length)); // tag size 512, syncsafe
    const found = readEmbeddedMetadata(concat(tag, mpegFrames), 'mp3')!;
    expect(found.title?.value).toBe(long);
    expect(found.bpm?.value).toBe(128);
  });

  it('reads ID3v1 at the end; ID3v2 values win where both exist', () => {
    const withBoth = concat(id3v2Tag(3, [textFrame('TIT2', 'v2 title')]), mpegFrames, id3v1Tag('v1 title', 'v1 artist', 17));
    const found = readEmbeddedMetadata(withBoth, 'mp3')!;
    expect(found).toMatchObject({ title: { value: 'v2 title' }, artist: { value: 'v1 artist', source: 'id3' }, genre: { value: 'Rock' } });
    expect(found.fields).toContainEqual({ source: 'id3', name: 'ID3v1 title', value: 'v1 title' });
  });

  it('returns null for the fixture MP3, whose ID3 tag is empty', () => {
    expect(readEmbeddedMetadata(kick, 'mp3')).toBeNull();
  });
});

describe('Vorbis comments', () => {
  const flacFixture = fixture('extra/brass-stab-G2.flac');
  const comment = vorbisComment('reference libFLAC 1.4.3', [
    'TITLE=Brass Stab',
    'artist=Horns Inc',
    'BPM=110',
    'INITIALKEY=Bbm',
    'GENRE=Funk',
    'COMMENT=tight',
    'METADATA_BLOCK_PICTURE=AAAA',
  ]);

  it('reads a FLAC VORBIS_COMMENT block after STREAMINFO and a padding block', () => {
    const flac = flacWith(flacFixture, [
      [1, new Uint8Array(32)],
      [4, comment],
    ]);
    expect(sniffFormat(flac)).toEqual({ audio: 'flac' });
    expect(readDeclaredStream(flac, 'flac')?.sampleRate).toBe(readDeclaredStream(flacFixture, 'flac')?.sampleRate); // still a valid FLAC
    const found = readEmbeddedMetadata(flac, 'flac')!;
    expect(found).toMatchObject({
      title: { value: 'Brass Stab', source: 'vorbis' },
      artist: { value: 'Horns Inc', source: 'vorbis' },
      bpm: { value: 110, source: 'vorbis' },
      key: { tonic: 'A#', scale: 'minor', source: 'vorbis' },
      genre: { value: 'Funk', source: 'vorbis' },
      comment: { value: 'tight', source: 'vorbis' },
    });
    expect(found.fields.map((f) => f.name)).toEqual(['TITLE', 'ARTIST', 'BPM', 'INITIALKEY', 'GENRE', 'COMMENT']);
  });

  it('reads a FLAC behind an ID3v2 tag', () => {
    const flac = concat(id3v2Tag(3, [textFrame('TBPM', '100')]), flacWith(flacFixture, [[4, comment]]));
    const found = readEmbeddedMetadata(flac, 'flac')!;
    expect(found.bpm).toEqual({ value: 100, source: 'id3' }); // ID3 and Vorbis rank alike: the first read keeps it
    expect(found.title?.source).toBe('vorbis');
  });

  it('reassembles an Ogg Vorbis comment packet that spans pages', () => {
    const longComment = 'y'.repeat(900);
    const packets = [
      concat(Uint8Array.of(1), latin1('vorbis'), new Uint8Array(23)),
      concat(Uint8Array.of(3), latin1('vorbis'), vorbisComment('Xiph', [`COMMENT=${longComment}`, 'BPM=96', 'KEY=E']), Uint8Array.of(1)),
      new Uint8Array(40),
    ];
    const ogg = oggStream(packets, 7, 2); // two segments a page: the comment packet runs over three pages
    const found = readEmbeddedMetadata(ogg, 'ogg')!;
    expect(found.comment?.value).toBe(longComment);
    expect(found.bpm?.value).toBe(96);
    expect(found.key).toEqual({ tonic: 'E', scale: 'major', source: 'vorbis' });
  });

  it('reads OpusTags', () => {
    const ogg = oggStream([
      concat(latin1('OpusHead'), new Uint8Array(11)),
      concat(latin1('OpusTags'), vorbisComment('libopus', ['TITLE=Drop it'])),
    ]);
    expect(sniffFormat(ogg)).toEqual({ audio: 'opus' });
    expect(readEmbeddedMetadata(ogg, 'opus')?.title).toEqual({ value: 'Drop it', source: 'vorbis' });
  });
});
