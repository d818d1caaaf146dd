import { describe, expect, it } from 'vitest';
import { integratedLoudness } from '../../workers/analysis/loudness';
import { clickTrack, sine } from '../support/signals';

const amplitude = (dbfs: number): number => 10 ** (dbfs / 20);
const concat = (...parts: Float32Array[]): Float32Array => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** EBU Tech 3341 allows a meter ±0.1 LU. */
function expectLufs(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(0.1);
}

// Cases after EBU Tech 3341 (loudness meter conformance), which have exact expected values.
describe('integratedLoudness (EBU R128)', () => {
  it.each([44100, 48000, 96000])('reads -23 LUFS for a 1 kHz stereo sine at -23 dBFS, at %i Hz', (rate) => {
    const tone = sine(1000, 5, amplitude(-23), rate);
    expectLufs(integratedLoudness([tone, tone], rate), -23);
  });

  it('reads -33 LUFS for the same sine at -33 dBFS', () => {
    const tone = sine(1000, 5, amplitude(-33), 48000);
    expectLufs(integratedLoudness([tone, tone], 48000), -33);
  });

  it('gates out quiet passages: -36/-23/-36 dBFS reads -23 LUFS', () => {
    const rate = 48000;
    const quiet = sine(1000, 10, amplitude(-36), rate);
    const loud = sine(1000, 60, amplitude(-23), rate);
    const signal = concat(quiet, loud, quiet);
    expectLufs(integratedLoudness([signal, signal], rate), -23);
  });

  it('ignores near-silence below the -70 LUFS absolute gate', () => {
    const rate = 48000;
    const signal = concat(sine(1000, 20, amplitude(-72), rate), sine(1000, 10, amplitude(-23), rate));
    expectLufs(integratedLoudness([signal, signal], rate), -23);
  });

  it('weights the surround channels of a 5.1 file and leaves out the LFE', () => {
    const rate = 48000;
    const tone = sine(1000, 5, amplitude(-23), rate);
    const none = new Float32Array(tone.length);
    // Only the LFE channel carries sound: nothing is measured.
    expect(integratedLoudness([none, none, none, tone, none, none], rate)).toBeNull();
    // One surround channel counts 1.41 (+1.5 dB) over a front channel.
    const front = integratedLoudness([tone, none, none, none, none, none], rate)!;
    const surround = integratedLoudness([none, none, none, none, tone, none], rate)!;
    expect(surround - front).toBeCloseTo(1.49, 1);
  });

  it('agrees with ffmpeg\u2019s ebur128 filter on a drum pattern at any rate', () => {
    // ffmpeg -af ebur128 read -16.1 LUFS for this exact signal at 44.1, 48 and 96 kHz.
    for (const rate of [44100, 48000, 96000]) {
      const drums = clickTrack(120, 2, rate);
      const low = sine(80, drums.length / rate, 0.2, rate);
      const right = drums.map((x, i) => 0.7 * x + low[i]!);
      expectLufs(integratedLoudness([drums, right], rate), -16.1);
    }
  });

  it('gives short one-shots a level from their whole length', () => {
    const hit = sine(1000, 0.15, amplitude(-20));
    expect(integratedLoudness([hit, hit], 44100)).toBeCloseTo(-20, 0);
  });

  it('is null for silence', () => {
    expect(integratedLoudness([new Float32Array(44100)], 44100)).toBeNull();
  });
});
