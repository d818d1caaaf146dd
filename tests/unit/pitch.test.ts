import { describe, expect, it } from 'vitest';
import { halfRate, hzToMidi, yinPitch } from '../../workers/analysis/pitch';

function harmonicTone(midi: number, seconds: number): Float32Array {
  const hz = 440 * 2 ** ((midi - 69) / 12);
  return Float32Array.from({ length: Math.round(seconds * 44100) }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin((2 * Math.PI * hz * h * i) / 44100) / h;
    return 0.3 * v;
  });
}

describe('YIN pitch', () => {
  it.each([30, 33, 43, 52, 60, 69, 81])('finds MIDI %i in a harmonic tone within half a semitone', (midi) => {
    const frames = yinPitch(halfRate(harmonicTone(midi, 0.8)), 22050, [0.1, 0.2, 0.3, 0.4]);
    expect(frames).toHaveLength(4);
    for (const f of frames) {
      expect(Math.abs(hzToMidi(f.hz) - midi)).toBeLessThan(0.5);
      expect(f.clarity).toBeGreaterThan(0.8);
    }
  });

  it('reports no clear pitch in noise', () => {
    let s = 1;
    const noise = Float32Array.from({ length: 22050 }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
    const clear = yinPitch(noise, 22050, [0.1, 0.3, 0.5]).filter((f) => f.clarity > 0.8);
    expect(clear).toHaveLength(0);
  });
});
