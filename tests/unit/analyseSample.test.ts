import { describe, expect, it } from 'vitest';
import type { AnalysisOutcome, AnalysisSuccess } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { keyConfidence, SECOND_OPINIONS } from '../../workers/analysis/key';
import { essentiaNodeHeapBytes } from '../../workers/analysis/essentiaNode';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { chordProgression, clickTrack, majorCadence, minorCadence, mix, RATE, silence, sine } from '../support/signals';

const analyse = async (channels: Float32Array[], name = 'test.wav', sampleRate = 44100): Promise<AnalysisOutcome> =>
  analyseSample(encodeWav(channels, { sampleRate, bitDepth: 24 }), name, await analysisDeps());

function ok(outcome: AnalysisOutcome): AnalysisSuccess {
  if (!outcome.ok) throw new Error(`analysis failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome;
}

describe('analyseSample on generated signals', () => {
  it.each([90, 120, 140, 174])('finds the tempo of a %i BPM click track and calls it a loop', async (bpm) => {
    const { descriptors } = ok(await analyse([clickTrack(bpm, 4)]));
    expect(descriptors.kind).toBe('loop');
    expect(descriptors.bpm).not.toBeNull();
    expect(Math.abs(descriptors.bpm! - bpm) / bpm).toBeLessThan(0.01);
    expect(descriptors.bpmConfidence).toBeGreaterThan(0.5);
  });

  it.each([
    ['C', 'major', majorCadence(60)],
    ['A', 'minor', minorCadence(57)],
    ['F#', 'minor', minorCadence(54)],
    ['E', 'major', majorCadence(64)],
  ] as const)('finds the key of a cadence in %s %s', async (key, scale, chords) => {
    const { descriptors } = ok(await analyse([chordProgression(chords, 100)]));
    expect({ key: descriptors.key, scale: descriptors.scale }).toEqual({ key, scale });
    expect(descriptors.keyConfidence).toBeGreaterThan(0.5);
  });

  it('shows a key the music leaves open as uncertain: a fifth without a third, or IV and V alone', async () => {
    const fifth = [48, 55, 60, 67];
    for (const chords of [
      [fifth, fifth, fifth, fifth],
      [
        [53, 57, 60],
        [55, 59, 62],
        [53, 57, 60],
        [55, 59, 62],
      ],
    ]) {
      const { descriptors } = ok(await analyse([chordProgression(chords, 100)]));
      expect(descriptors.key).not.toBeNull();
      expect(descriptors.keyConfidence).toBeLessThan(0.5);
    }
  });

  it('scales key strength by how many of the four key profiles agree', () => {
    expect(keyConfidence(0.9, SECOND_OPINIONS.length)).toBeCloseTo(0.9);
    expect(keyConfidence(0.9, 1)).toBeCloseTo(0.45);
  });

  it('describes a sine tone one-shot: duration, peak, loudness, no tempo', async () => {
    const tone = sine(440, 1.5, 0.5, 48000);
    for (let i = 0; i < tone.length; i++) tone[i]! *= Math.exp(-i / 20000); // a decaying note
    const { descriptors, peaks } = ok(await analyse([tone, tone], 'tone.wav', 48000));
    expect(descriptors).toMatchObject({ format: 'wav', sampleRate: 48000, channels: 2, kind: 'one-shot', bpm: null, bpmConfidence: null });
    expect(descriptors.duration).toBeCloseTo(1.5, 3);
    expect(descriptors.peakDbfs).toBeCloseTo(-6.02, 1);
    expect(descriptors.loudnessLufs).toBeLessThan(-6);
    expect(peaks).toHaveLength(600);
    expect(peaks[0]).toBeGreaterThan(peaks[599]!); // it decays
  });

  it('calls a note or chord held past the end of its file a one-shot, with a root and no tempo', async () => {
    // An organ note (three partials) and a held C major chord, each cut with a 20 ms fade, as sample
    // packs export them: the corpus's one-shots all fade out, and the classifier reads these as loops.
    const cut = (sound: Float32Array): Float32Array => {
      const fade = 0.02 * RATE;
      for (let i = 0; i < sound.length; i++) sound[i]! *= Math.min(1, i / (0.02 * RATE), (sound.length - i) / fade);
      return sound;
    };
    const organ = cut(mix([sine(261.63, 4), sine(523.25, 4, 0.3), sine(784.88, 4, 0.2)]));
    const chord = cut(mix([261.63, 329.63, 392].flatMap((f) => [1, 2, 3].map((k) => sine(f * k, 5, 0.3 / k)))));
    for (const sound of [organ, chord]) {
      const { descriptors } = ok(await analyse([sound]));
      expect(descriptors).toMatchObject({ kind: 'one-shot', bpm: null, key: null });
    }
    const { descriptors } = ok(await analyse([organ]));
    expect(descriptors.rootMidi! % 12).toBe(0); // C
  });

  it('keeps a loop of one chord struck in a rhythm a loop: its harmony stays put, its notes are struck again', async () => {
    const fifth = [48, 55, 60, 67];
    // Sixteen strikes, a beat apart at 120 BPM (chordProgression strikes one "bar" each: 480 makes them beats).
    const stabs = chordProgression(
      Array.from({ length: 16 }, () => fifth),
      480,
    );
    const { descriptors } = ok(await analyse([stabs]));
    expect(descriptors.kind).toBe('loop');
    expect(descriptors.bpm).not.toBeNull();
  });

  it('leaves every musical value null for digital silence', async () => {
    const { descriptors } = ok(await analyse([silence(2), silence(2)]));
    expect(descriptors).toMatchObject({
      peakDbfs: null,
      loudnessLufs: null,
      kind: null,
      bpm: null,
      key: null,
      scale: null,
      rootMidi: null,
    });
    expect(descriptors.duration).toBe(2);
  });

  it('refuses a 10 ms file as too short', async () => {
    expect(await analyse([sine(440, 0.01)])).toEqual({
      ok: false,
      error: { code: 'too_short', message: 'only 10 ms of audio: at least 20 ms are needed for analysis' },
    });
  });

  it('says a file of a few samples holds under 1 ms rather than 0 ms', async () => {
    expect(await analyse([sine(440, 10 / 44100)])).toEqual({
      ok: false,
      error: { code: 'too_short', message: 'less than 1 ms of audio: at least 20 ms are needed for analysis' },
    });
  });

  it('refuses text with an audio name', async () => {
    const outcome = await analyseSample(new TextEncoder().encode('hello'), 'song.mp3', await analysisDeps());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not_audio' } });
  });

  it('keeps essentia\u2019s WASM heap flat: every vector is deleted', async () => {
    const loop = encodeWav([clickTrack(128, 4)]);
    const deps = await analysisDeps();
    const run = () => analyseSample(loop, 'loop.wav', deps);
    for (let i = 0; i < 3; i++) ok(await run()); // warm up: the heap reaches its working size
    const before = essentiaNodeHeapBytes();
    for (let i = 0; i < 15; i++) ok(await run());
    // One leaked 7.5 s signal vector per run would add 1.3 MB each time.
    expect(essentiaNodeHeapBytes() - before).toBeLessThan(2 * 2 ** 20);
  }, 60_000);
});
