import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnalysisOutcome, AnalysisSuccess } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { id3v2Length } from '../../workers/analysis/sniff';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { clickTrack } from '../support/signals';
import { acidChunk, concat, id3v2Tag, textFrame, wavWith } from '../support/taggedFiles';

function ok(outcome: AnalysisOutcome): AnalysisSuccess {
  if (!outcome.ok) throw new Error(`analysis failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome;
}

describe('analyseSample reports embedded metadata beside its own measurements', () => {
  it('returns the ACID tempo of a WAV loop as embedded', async () => {
    const wav = wavWith(encodeWav([clickTrack(120, 2)]), [acidChunk({ rootNote: 57, beats: 8, tempo: 120 })]);
    const { descriptors } = ok(await analyseSample(wav, 'loop.wav', await analysisDeps()));
    expect(descriptors.embedded).toMatchObject({ bpm: { value: 120, source: 'acid' }, beats: { value: 8 }, kind: { value: 'loop' } });
  });

  it('reads the ID3 tag of an MP3 from the bytes the decoder was given', async () => {
    const kick = new Uint8Array(readFileSync('tests/fixtures/library/One-shots/Drums/kick.mp3'));
    const mp3 = concat(id3v2Tag(3, [textFrame('TIT2', 'Kick 01'), textFrame('TKEY', 'C')]), kick.subarray(id3v2Length(kick)));
    const { descriptors } = ok(await analyseSample(mp3, 'kick.mp3', await analysisDeps()));
    expect(descriptors.embedded).toMatchObject({ title: { value: 'Kick 01', source: 'id3' }, key: { tonic: 'C', scale: 'major' } });
  });

  it('gives null when the file carries no metadata', async () => {
    const { descriptors } = ok(await analyseSample(encodeWav([clickTrack(100, 1)]), 'plain.wav', await analysisDeps()));
    expect(descriptors.embedded).toBeNull();
  });
});
