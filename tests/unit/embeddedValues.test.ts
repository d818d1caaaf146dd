import { describe, expect, it } from 'vitest';
import { withEmbeddedValues } from '../../src/domain/embeddedValues';
import type { EmbeddedMetadata } from '../../src/domain/metadata';
import { analysis, melodicLoop } from '../support/rows';

const loop = melodicLoop;
const embedded = (over: Partial<EmbeddedMetadata>): EmbeddedMetadata => ({ fields: [], ...over });

describe('values the file states about itself', () => {
  it('takes an ACID tempo that fits the loop in whole beats, and says where it came from', () => {
    const d = withEmbeddedValues(loop, embedded({ bpm: { value: 120, source: 'acid' } }));
    expect(d).toMatchObject({ bpm: 120, bpmConfidence: 0.97, valueSources: { bpm: 'acid' } });
  });

  it('ignores a stated tempo that does not fit the loop length (a default 120 on a 7 s file)', () => {
    // Eight beats in 7.1 s: 67.6 BPM, which 120 is no octave of.
    const d = withEmbeddedValues({ ...loop, duration: 7.1, bpm: 67.6 }, embedded({ bpm: { value: 120, source: 'id3' } }));
    expect(d.bpm).toBe(67.6);
    expect(d.valueSources).toBeUndefined();
  });

  it('takes a stated tempo the onsets repeat at, or an octave of it, where the length fits none (a loop with a tail)', () => {
    const tailed = { ...loop, duration: 4.15, bpm: 127.8 }; // two bars at 128 and 0.4 s of tail, read from the onsets
    for (const value of [128, 64]) {
      expect(withEmbeddedValues(tailed, embedded({ bpm: { value, source: 'acid' } }))).toMatchObject({
        bpm: value,
        valueSources: { bpm: 'acid' },
      });
    }
    expect(withEmbeddedValues(tailed, embedded({ bpm: { value: 120, source: 'acid' } })).bpm).toBe(127.8);
  });

  it('takes a tagged key with its scale for melodic loops, not for drum loops', () => {
    const key = { tonic: 'A' as const, scale: 'minor' as const, source: 'id3' as const };
    expect(withEmbeddedValues(loop, embedded({ key }))).toMatchObject({ key: 'A', scale: 'minor', valueSources: { key: 'id3' } });
    expect(withEmbeddedValues({ ...loop, category: 'drum-loop' }, embedded({ key })).key).toBe('C');
  });

  it('follows the ACID loop / one-shot flag, and takes the stated tempo of a declared loop', () => {
    const shot = analysis({ kind: 'one-shot', duration: 4 });
    expect(
      withEmbeddedValues(shot, embedded({ kind: { value: 'loop', source: 'acid' }, bpm: { value: 120, source: 'acid' } })),
    ).toMatchObject({
      kind: 'loop',
      bpm: 120,
      valueSources: { kind: 'acid', bpm: 'acid' },
    });
    expect(withEmbeddedValues(loop, embedded({ kind: { value: 'one-shot', source: 'acid' } }))).toMatchObject({
      kind: 'one-shot',
      bpm: null,
    });
  });

  it('keeps a sampler root note only when we hear the same pitch class or heard none clearly', () => {
    const shot = analysis({ kind: 'one-shot', rootMidi: 43, rootConfidence: 0.9 });
    expect(withEmbeddedValues(shot, embedded({ rootMidi: { value: 55, source: 'smpl' } }))).toMatchObject({
      rootMidi: 55,
      valueSources: { rootMidi: 'smpl' },
    });
    expect(withEmbeddedValues(shot, embedded({ rootMidi: { value: 60, source: 'smpl' } })).rootMidi).toBe(43);
    expect(withEmbeddedValues({ ...shot, rootConfidence: 0.3 }, embedded({ rootMidi: { value: 60, source: 'inst' } })).rootMidi).toBe(60);
  });
});
