import { describe, expect, it } from 'vitest';
import { loopSeconds, PREVIEW_TARGET_LUFS, previewGainDb, semitonesToKey, tempoRatio } from '../../src/domain/audition';

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
  it('stretches loops to the project tempo within an octave either way', () => {
    expect(tempoRatio(172, 120)).toBeCloseTo(0.6977, 4);
    expect(tempoRatio(90, 174)).toBeCloseTo(1.9333, 4);
    expect(tempoRatio(60, 174)).toBe(1); // beyond double: a half-time loop, leave it alone
    expect(tempoRatio(null, 120)).toBe(1);
  });

  it('transposes the short way round', () => {
    expect(semitonesToKey(7, 9)).toBe(2); // G -> A
    expect(semitonesToKey(0, 11)).toBe(-1); // C -> B, down one rather than up eleven
    expect(semitonesToKey(9, 3)).toBe(-6); // A -> D#: the tritone goes down
    expect(semitonesToKey(null, 3)).toBe(0);
  });

  it('loops a loop over its whole bars: without a tail or silence after them, whole where it is cut to them', () => {
    const twoBars = (2 * 240) / 128; // 3.75 s
    expect(loopSeconds(twoBars, 128)).toBeNull(); // cut to its bars: the whole file
    expect(loopSeconds(2.790703, 172)).toBeNull(); // a sample over two bars at 172 (2.790698 s): the whole file
    expect(loopSeconds(twoBars * 0.96, 128)).toBeNull(); // trimmed a little short: still the whole file
    expect(loopSeconds(twoBars + 0.6, 128)).toBeCloseTo(twoBars, 6); // a reverb tail is left out
    expect(loopSeconds(twoBars + 0.05, 128)).toBeCloseTo(twoBars, 6); // so is a little silence
    expect(loopSeconds(1.2, 128)).toBeNull(); // less than a bar
    expect(loopSeconds(twoBars + 0.6, null)).toBeNull();
  });
});
