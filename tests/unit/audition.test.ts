import { describe, expect, it } from 'vitest';
import { loopSeconds, PREVIEW_TARGET_LUFS, previewGainDb, semitonesToKey, targetKeyName, tempoRatio } from '../../src/domain/audition';

describe('level-matched preview', () => {
  it('brings loud and quiet samples to the same loudness', () => {
    expect(previewGainDb(-8, -0.1)).toBe(PREVIEW_TARGET_LUFS + 8);
    expect(previewGainDb(-22, -12)).toBe(6);
    expect(previewGainDb(PREVIEW_TARGET_LUFS, -3)).toBe(0);
  });

  it('never boosts a quiet sample past its peak headroom, nor by more than 18 dB', () => {
    // -30 LUFS wants +14 dB, but its peak at -4 dBFS leaves 3 dB below the -1 dBFS ceiling.
    expect(previewGainDb(-30, -4)).toBe(3);
    expect(previewGainDb(-60, -40)).toBe(18);
  });

  it('plays samples of unknown loudness unchanged', () => {
    expect(previewGainDb(null, -3)).toBe(0);
    expect(previewGainDb(Number.NEGATIVE_INFINITY, null)).toBe(0);
  });
});

describe('project tempo and key', () => {
  it('stretches loops to the project tempo within an octave either way, and plays them in half or double time beyond', () => {
    expect(tempoRatio(172, 120)).toBeCloseTo(0.6977, 4);
    expect(tempoRatio(90, 174)).toBeCloseTo(1.9333, 4);
    expect(tempoRatio(70, 160)).toBeCloseTo(160 / 140, 4); // as 140 BPM, not left at 70 under a 160 BPM click
    expect(tempoRatio(180, 60)).toBeCloseTo(60 / 90, 4);
    expect(tempoRatio(null, 120)).toBe(1);
  });

  it('transposes the short way round', () => {
    const root = (pitchClass: number) => ({ pitchClass, scale: null });
    expect(semitonesToKey(root(7), root(9))).toBe(2); // G -> A
    expect(semitonesToKey(root(0), root(11))).toBe(-1); // C -> B, down one rather than up eleven
    expect(semitonesToKey(root(9), root(3))).toBe(-6); // A -> D#: the tritone goes down
    expect(semitonesToKey(null, root(3))).toBe(0);
  });

  it('moves a loop to the key that fits the project: relative keys are left alone', () => {
    const cMajor = { pitchClass: 0, scale: 'major' as const };
    const aMinor = { pitchClass: 9, scale: 'minor' as const };
    expect(semitonesToKey(aMinor, cMajor)).toBe(0); // A minor has C major's notes
    expect(semitonesToKey(cMajor, aMinor)).toBe(0);
    expect(semitonesToKey({ pitchClass: 5, scale: 'minor' }, cMajor)).toBe(4); // F minor -> A minor
    expect(semitonesToKey({ pitchClass: 5, scale: 'major' }, cMajor)).toBe(-5); // F major -> C major
    expect(semitonesToKey({ pitchClass: 7, scale: 'major' }, aMinor)).toBe(5); // G major -> C major, A minor's relative
    expect(semitonesToKey({ pitchClass: 2, scale: null }, cMajor)).toBe(-2); // a root note goes to the tonic
    // The readout names the key it is moved to, not the project's where they differ.
    expect(targetKeyName('major', aMinor)).toBe('C major');
    expect(targetKeyName('minor', aMinor)).toBe('A minor');
    expect(targetKeyName('minor', { pitchClass: 3, scale: 'major' })).toBe('C minor'); // Eb major's relative
    expect(targetKeyName(null, { pitchClass: 10, scale: 'minor' })).toBe('Bb'); // a root note: the tonic
  });

  it('loops a loop over its whole bars: without a tail or silence after them, up to the bar line where it is trimmed short', () => {
    const twoBars = (2 * 240) / 128; // 3.75 s
    expect(loopSeconds(twoBars, 128)).toBeCloseTo(twoBars, 6); // cut to its bars: the whole file
    expect(loopSeconds(2.790703, 172)).toBeCloseTo(2.790698, 6); // a sample over two bars at 172
    expect(loopSeconds(twoBars * 0.96, 128)).toBeCloseTo(twoBars, 6); // trimmed a little short: silence up to the bar line
    expect(loopSeconds(twoBars + 0.6, 128)).toBeCloseTo(twoBars, 6); // a reverb tail is left out
    expect(loopSeconds(twoBars + 0.05, 128)).toBeCloseTo(twoBars, 6); // so is a little silence
    expect(loopSeconds(twoBars * 0.8, 128)).toBeCloseTo(twoBars / 2, 6); // cut well short: its one whole bar
    expect(loopSeconds(1.2, 128)).toBeNull(); // less than a bar
    expect(loopSeconds(twoBars + 0.6, null)).toBeNull();
  });
});
