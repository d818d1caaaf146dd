import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/cli/train/dataset';
import { loopBeats, shortLoopLogPrior } from '../../src/cli/train/octave';
import type { TempoCandidate } from '../../workers/analysis/rhythm';
import { chooseTempo, type OctaveModel } from '../../workers/analysis/tempoModel';

const candidate = (bpm: number, beats: number): TempoCandidate => ({ bpm, beats, features: [0, 0, 1] });

/** Pair models that read nothing but their bias: the rhythmic evidence for the fast reading. */
function model(fastLogOdds: number, shortLoopLogPrior: number): OctaveModel {
  const pair = { features: [], weights: [], bias: fastLogOdds };
  return { drums: pair, melodic: pair, shortLoopLogPrior };
}

describe('loop-length prior in chooseTempo', () => {
  // Two bars at 176 BPM last 2.73 s: as long as one bar at 88.
  const oneOrTwoBars = [candidate(88, 4), candidate(176, 8)];

  it('prefers two bars to one when the rhythm leans only slightly to the slow reading', () => {
    expect(chooseTempo(oneOrTwoBars, model(-1.5, 0), true)!.bpm).toBe(88);
    expect(chooseTempo(oneOrTwoBars, model(-1.5, -4.3), true)!.bpm).toBe(176);
  });

  it('keeps a one-bar reading the rhythm clearly asks for', () => {
    expect(chooseTempo(oneOrTwoBars, model(-6, -4.3), true)!.bpm).toBe(88);
  });

  it('leaves the choice between two and four bars to the rhythm', () => {
    const twoOrFourBars = [candidate(85, 8), candidate(170, 16)];
    expect(chooseTempo(twoOrFourBars, model(-0.5, -4.3), false)!.bpm).toBe(85);
    expect(chooseTempo(twoOrFourBars, model(0.5, -4.3), false)!.bpm).toBe(170);
  });

  it('shows a reading the length chose against the rhythm as uncertain', () => {
    const agreed = chooseTempo(oneOrTwoBars, model(3, -4.3), true)!;
    const overturned = chooseTempo(oneOrTwoBars, model(-3, -4.3), true)!;
    expect(agreed).toMatchObject({ bpm: 176 });
    expect(agreed.confidence).toBeGreaterThan(0.85);
    expect(overturned.bpm).toBe(176);
    expect(overturned.confidence).toBeLessThan(0.5);
    expect(overturned.confidence).toBeGreaterThan(0.4);
  });
});

describe('shortLoopLogPrior', () => {
  it('is add-one smoothed log odds of loops under two bars', () => {
    expect(shortLoopLogPrior([8, 16, 16, 32])).toBeCloseTo(Math.log(1 / 5), 6);
    expect(shortLoopLogPrior([4, 8, 4, 16])).toBeCloseTo(Math.log(3 / 3), 6);
    expect(shortLoopLogPrior([])).toBe(0);
  });

  it('counts each original loop by the beats of its labelled tempo', () => {
    const loop = (bpm: number, augmentation: string | null, candidates: TempoCandidate[]): Example =>
      ({ kind: 'loop', bpm, augmentation, candidates }) as unknown as Example;
    const examples = [
      loop(176, null, [candidate(88, 4), candidate(176, 8)]),
      loop(90, null, [candidate(90, 8), candidate(180, 16)]),
      loop(176 * 1.1, 'stretch', [candidate(96.8, 4), candidate(193.6, 8)]),
      loop(120, null, [candidate(100, 8)]),
    ];
    expect(loopBeats(examples)).toEqual([8, 8]);
  });
});
