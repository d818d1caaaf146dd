import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisOutcome, AudioDescriptors } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { decodeAudio } from '../../workers/analysis/decode';
import { autocorrelation, beatComb, checkLoopLength } from '../../workers/analysis/loopLength';
import { loopTempo, octavesInRange } from '../../workers/analysis/loopTempo';
import { crestOf, measure, withHarmony } from '../../workers/analysis/measure';
import octaveModel from '../../workers/analysis/models/tempo-octave.json';
import type { OctaveModel } from '../../workers/analysis/tempoModel';
import { analyseFrames } from '../../workers/analysis/frames';
import { mixToMono, resampleLinear } from '../../workers/analysis/signal';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { lengthTempi, LOOP_EXPORTS } from '../support/loopExports';
import { clickTrack } from '../support/signals';

const RATE = 44100;
const LOOPS = [KNOWN.drumLoop, KNOWN.epianoLoop, KNOWN.bassLoop] as const;

async function monoOf(path: string): Promise<Float32Array> {
  const audio = await decodeAudio(new Uint8Array(readFileSync(`${FIXTURE_LIBRARY}/${path}`)), path);
  return resampleLinear(mixToMono(audio.channelData), audio.sampleRate, RATE);
}

const descriptorsOf = (outcome: AnalysisOutcome): AudioDescriptors => {
  if (!outcome.ok) throw new Error(`analysis failed: ${outcome.error.message}`);
  return outcome.descriptors;
};
const analyse = async (mono: Float32Array, name: string): Promise<AudioDescriptors> =>
  descriptorsOf(await analyseSample(encodeWav([mono], { sampleRate: RATE, bitDepth: 24 }), name, await analysisDeps()));

describe('a loop whose length is not a whole number of bars', () => {
  const monos = new Map<string, Float32Array>();
  beforeAll(async () => {
    for (const loop of LOOPS) monos.set(loop.path, await monoOf(loop.path));
  });

  it.each(LOOPS)('$path cut to its bars: the length fits its onsets, the tempo is the length tempo', async (loop) => {
    const mono = monos.get(loop.path)!;
    const frames = analyseFrames(mono, RATE);
    const duration = mono.length / RATE;
    expect(checkLoopLength(frames, duration, lengthTempi(duration))).toEqual({ fits: true });
    expect((await analyse(mono, 'loop.wav')).bpm).toBeCloseTo(loop.bpm, 0);
  });

  const padded = (how: string): boolean => how.includes('silence after');
  for (const [how, cut] of Object.entries(LOOP_EXPORTS).filter(([how]) => padded(how))) {
    it.each(LOOPS)(`$path ${how}: the length up to the digital silence, its tempo`, async (loop) => {
      const d = await analyse(cut(monos.get(loop.path)!, RATE), 'loop.wav');
      expect(lengthTempi(d.duration).every((bpm) => Math.abs(bpm / loop.bpm - 1) > 0.03)).toBe(true);
      expect(d.kind).toBe('loop');
      expect(Math.abs(d.bpm! / loop.bpm - 1)).toBeLessThan(0.01);
    });
  }

  it.each(LOOPS)('$path ending on a rest of digital silence: still read whole, at its tempo', async (loop) => {
    const rested = monos.get(loop.path)!.slice();
    rested.fill(0, Math.round(rested.length * (1 - 1 / 16))); // the last half beat of two bars is silent
    const d = await analyse(rested, 'loop.wav');
    expect(Math.abs(d.bpm! / loop.bpm - 1)).toBeLessThan(0.01);
  });

  for (const [how, cut] of Object.entries(LOOP_EXPORTS).filter(([how]) => !padded(how))) {
    it.each(LOOPS)(`$path ${how}: the tempo its onsets repeat at, not the length's, at most 80 % sure`, async (loop) => {
      const d = await analyse(cut(monos.get(loop.path)!, RATE), 'loop.wav');
      // The length alone would be wrong: no tempo it allows is within 3 % of the loop's.
      expect(lengthTempi(d.duration).every((bpm) => Math.abs(bpm / loop.bpm - 1) > 0.03)).toBe(true);
      expect(d.kind).toBe('loop');
      expect(Math.abs(d.bpm! / loop.bpm - 1)).toBeLessThan(0.01);
      expect(d.bpmConfidence).toBeLessThanOrEqual(0.8);
    });
  }

  it.each(LOOPS)('$path cut at no bar line (an excerpt): a wrong tempo is never shown as a fact', async (loop) => {
    const mono = monos.get(loop.path)!;
    const from = Math.round(0.37 * RATE);
    const d = await analyse(mono.slice(from, from + Math.round(mono.length * 0.8)), 'loop.wav');
    const right = [0.5, 1, 2].some((octave) => Math.abs(d.bpm! / (loop.bpm * octave) - 1) < 0.04);
    expect(d.kind).toBe('loop');
    if (!right) expect(d.bpmConfidence).toBeLessThan(0.5);
  });

  it('reads an excerpt of the e-piano loop at its tempo from the beat tracker, shown as uncertain', async () => {
    const mono = monos.get(KNOWN.epianoLoop.path)!;
    const from = Math.round(0.37 * RATE);
    const d = await analyse(mono.slice(from, from + Math.round(mono.length * 0.8)), 'loop.wav');
    // No tempo the excerpt's length allows is near the loop's: only the tracker can give it.
    expect(lengthTempi(d.duration).every((bpm) => Math.abs(bpm / KNOWN.epianoLoop.bpm - 1) > 0.04)).toBe(true);
    expect(Math.abs(d.bpm! / KNOWN.epianoLoop.bpm - 1)).toBeLessThan(0.04);
    expect(d.bpmConfidence).toBeLessThan(0.5);
  });

  it('takes the tempo a file name states when the onsets repeat at it, though the length does not fit it', async () => {
    const tailed = LOOP_EXPORTS['with the next downbeat ringing out'](monos.get(KNOWN.drumLoop.path)!, RATE);
    const named = await analyse(tailed, 'Rock Break 176bpm.wav');
    expect(named).toMatchObject({ bpm: 176, bpmConfidence: 0.9, valueSources: { bpm: 'file-name' } });
    // A number the audio does not support is a take number, not a tempo.
    const unsupported = await analyse(tailed, 'Rock Break 150.wav');
    expect(unsupported.valueSources?.bpm).toBeUndefined();
    expect(Math.abs(unsupported.bpm! / 176 - 1)).toBeLessThan(0.01);
  });
});

describe('loopTempo and its beat tracker', () => {
  const model = octaveModel as OctaveModel;
  const tempoOf = (mono: Float32Array, tracker: () => number | null): ReturnType<typeof loopTempo> => {
    const m = withHarmony(measure(mono, crestOf(mono)), mono);
    return loopTempo(m.signal, m.chroma, m.candidates, model, true, tracker);
  };
  const click = clickTrack(120, 4);
  const from = Math.round(0.37 * RATE);
  const excerpt = click.slice(from, from + Math.round(click.length * 0.8));

  it('never asks the tracker about a loop cut to its bars', () => {
    let asked = 0;
    expect(tempoOf(click, () => (asked++, 97))?.bpm).toBeCloseTo(120, 0);
    expect(asked).toBe(0);
  });

  it('takes the tracked tempo, placed by the onsets, for an excerpt whose length allows none near it, as uncertain', () => {
    const untracked = tempoOf(excerpt, () => null)!;
    expect(Math.abs(untracked.bpm / 120 - 1)).toBeGreaterThan(0.04);
    // A tracker reads a percent or so off (119); the onsets place the tempo exactly.
    expect(tempoOf(excerpt, () => 119)).toEqual({ bpm: 120, confidence: 0.49 });
  });

  it('keeps the tempo in doubt where the tracked one repeats less clearly in the onsets', () => {
    expect(tempoOf(excerpt, () => 97)).toEqual(tempoOf(excerpt, () => null));
  });
});

describe('checkLoopLength', () => {
  it('finds a click track padded with silence repeating at its own tempo, an octave family the length misses', () => {
    const clicks = clickTrack(128, 2);
    const padded = new Float32Array(clicks.length + Math.round(0.4 * RATE));
    padded.set(clicks);
    const duration = padded.length / RATE;
    expect(lengthTempi(duration).map(Math.round)).toEqual([116]); // two bars and 0.4 s: 115.7 BPM
    const verdict = checkLoopLength(analyseFrames(padded, RATE), duration, lengthTempi(duration));
    expect(verdict.fits).toBe(false);
    if (verdict.fits) return;
    expect(verdict.overturned).toBe(true);
    expect(octavesInRange(verdict.bpm).some((bpm) => Math.abs(bpm / 128 - 1) < 0.005)).toBe(true);
  });

  it('leaves a sound without repeating onsets to its length (a pad, silence)', () => {
    const still = new Float32Array(4 * RATE);
    for (let i = 0; i < still.length; i++) still[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE);
    expect(checkLoopLength(analyseFrames(still, RATE), 4, [60, 120])).toEqual({ fits: true });
  });
});

describe('beatComb and octavesInRange', () => {
  it('peaks at the beat of a pulse and not beside it', () => {
    const fr = 100;
    const pulse = Float32Array.from({ length: 800 }, (_, i) => (i % 50 === 0 ? 1 : 0)); // a beat every 0.5 s
    const acf = autocorrelation(pulse, 600);
    expect(beatComb(acf, fr, 0.5, 8)).toBeGreaterThan(0.9);
    expect(beatComb(acf, fr, 0.55, 8)).toBeLessThan(0.3);
  });

  it('lists the octaves between 60 and 200 BPM, slowest first', () => {
    expect(octavesInRange(125)).toEqual([62.5, 125]);
    expect(octavesInRange(45)).toEqual([90, 180]);
    expect(octavesInRange(400)).toEqual([100, 200]);
  });
});
