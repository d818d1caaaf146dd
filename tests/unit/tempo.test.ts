import { describe, expect, it } from 'vitest';
import type { SignalDescriptors } from '../../workers/analysis/descriptors';
import { TEMPO_FEATURES, tempoCandidates } from '../../workers/analysis/rhythm';
import { snapToLoopLength } from '../../workers/analysis/tempo';

describe('snapToLoopLength', () => {
  it('turns an estimate into the exact tempo the loop length allows', () => {
    // 4 bars at 174 BPM last 5.517 s; the tracker said 172.3.
    expect(snapToLoopLength(172.3, (16 * 60) / 174)!.bpm).toBe(174);
  });

  it('keeps the estimator\u2019s octave when the loop length allows both', () => {
    expect(snapToLoopLength(87.1, (16 * 60) / 174)!.bpm).toBe(87);
  });

  it('returns null when no whole number of beats fits', () => {
    expect(snapToLoopLength(120, 0.3)).toBeNull();
  });
});

describe('tempo candidates', () => {
  it('carry a prior that grows with the distance from 120 BPM in octaves', () => {
    const duration = 4;
    const frameRate = 86;
    const frames = Math.round(duration * frameRate);
    const flux = new Float32Array(frames);
    const signal = {
      duration,
      frames: { frameRate, flux, fluxLow: flux, fluxMid: flux, fluxHigh: flux },
      onsets: { times: [0, 0.5, 1, 1.5], strengths: [1, 1, 1, 1] },
    } as unknown as SignalDescriptors; // only the fields tempoCandidates reads
    const prior = TEMPO_FEATURES.indexOf('distance from 120 BPM, squared (octaves²)');
    const byBpm = new Map(tempoCandidates(signal, null).map((c) => [Math.round(c.bpm), c.features[prior]]));
    expect([...byBpm.keys()]).toEqual([60, 120]);
    expect(byBpm.get(120)).toBe(0);
    expect(byBpm.get(60)).toBeCloseTo(1, 6);
  });
});
