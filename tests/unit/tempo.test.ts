import { describe, expect, it } from 'vitest';
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
