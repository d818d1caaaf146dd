import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisSuccess } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { decodeAudio } from '../../workers/analysis/decode';
import { soundBetweenPadding, soundStart } from '../../workers/analysis/measure';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { clickTrack } from '../support/signals';

const SIMILAR = 'tests/fixtures/similar';

/** `seconds` of digital silence before each channel. */
function delayed(channels: readonly Float32Array[], sampleRate: number, seconds: number): Float32Array[] {
  const lead = Math.round(seconds * sampleRate);
  return channels.map((channel) => {
    const out = new Float32Array(lead + channel.length);
    out.set(channel, lead);
    return out;
  });
}

async function analysed(channels: Float32Array[], sampleRate: number, name: string): Promise<AnalysisSuccess> {
  const outcome = await analyseSample(encodeWav(channels, { sampleRate, float: true }), name, await analysisDeps());
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome;
}

/** A fixture from tests/fixtures/similar, decoded and analysed as it is. */
async function fixture(name: string): Promise<{ channels: Float32Array[]; sampleRate: number; original: AnalysisSuccess }> {
  const audio = await decodeAudio(new Uint8Array(readFileSync(join(SIMILAR, name))), name);
  return { channels: audio.channelData, sampleRate: audio.sampleRate, original: await analysed(audio.channelData, audio.sampleRate, name) };
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  const dot = (x: Float32Array, y: Float32Array): number => x.reduce((sum, v, i) => sum + v * y[i]!, 0);
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

/**
 * The classifier read the changed copy as it read the original: category, confidence (to 0.005
 * unless told) and embedding (cosine over 0.999 unless told).
 */
function expectSameReading(
  changed: AnalysisSuccess,
  original: AnalysisSuccess,
  what: string,
  tolerance = { confidence: 0.005, cosine: 0.999 },
): void {
  expect(changed.descriptors.category, what).toBe(original.descriptors.category);
  expect(Math.abs(changed.descriptors.categoryConfidence! - original.descriptors.categoryConfidence!), what).toBeLessThan(
    tolerance.confidence,
  );
  expect(cosineOf(changed.embedding!, original.embedding!), what).toBeGreaterThan(tolerance.cosine);
}

describe('the classifier measures a sound from where it starts, at full scale', () => {
  it('is the first sample within 40 dB of the loudest', () => {
    const signal = new Float32Array(10_000);
    signal[100] = 0.005; // -46 dB under the peak: still before the sound
    signal[300] = 0.02; // -34 dB: the sound has started
    signal[400] = 1;
    expect(soundStart(signal)).toBe(300);
    expect(soundStart(new Float32Array(10_000))).toBe(0);
  });

  it('measures a sound too short to trim (under 2048 samples from its start) whole', () => {
    const signal = new Float32Array(3000);
    signal[2000] = 1;
    expect(soundStart(signal)).toBe(0);
  });

  it('gives a drum hit the same category, confidence and embedding after 15 ms or 60 ms of silence', async () => {
    const names = readdirSync(SIMILAR).filter((name) => name.endsWith('.flac'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const { channels, sampleRate, original } = await fixture(name);
      for (const seconds of [0.015, 0.06]) {
        const late = await analysed(delayed(channels, sampleRate, seconds), sampleRate, name);
        const what = `${name} after ${seconds * 1000} ms`;
        expectSameReading(late, original, what);
        expect(late.descriptors.kind, what).toBe('one-shot');
        expect(late.descriptors.duration, what).toBeCloseTo(original.descriptors.duration + seconds, 3);
      }
    }
  });

  it('gives a drum hit the same category, confidence and embedding with half a second of digital silence after it', async () => {
    for (const name of ['hihat-808.flac', 'snare-ee.flac', 'kick-old.flac', 'clap-808.flac']) {
      const { channels, sampleRate, original } = await fixture(name);
      const padded = channels.map((channel) => {
        const out = new Float32Array(channel.length + sampleRate / 2);
        out.set(channel);
        return out;
      });
      const late = await analysed(padded, sampleRate, name);
      expectSameReading(late, original, name);
      expect(late.descriptors.duration, name).toBeCloseTo(original.descriptors.duration + 0.5, 3);
    }
  });

  it('gives a drum hit the same category, confidence and embedding 30 dB quieter', async () => {
    for (const name of ['hihat-808.flac', 'snare-808.flac', 'kick-hard.flac', 'clap-808.flac']) {
      const { channels, sampleRate, original } = await fixture(name);
      const quiet = await analysed(
        channels.map((channel) => channel.map((v) => v * 10 ** (-30 / 20))),
        sampleRate,
        name,
      );
      expectSameReading(quiet, original, name);
      expect(quiet.descriptors.loudnessLufs, name).toBeCloseTo(original.descriptors.loudnessLufs! - 30, 1);
    }
  });

  it('tells the padding at either end of a file (32 or more equal samples) from the sound', () => {
    const signal = new Float32Array(1000).fill(0.02);
    signal[100] = 1;
    signal[900] = -0.5;
    expect(soundBetweenPadding(signal)).toEqual({ from: 100, to: 901 });
    signal[980] = 0.1; // 19 equal samples after it: part of the sound
    expect(soundBetweenPadding(signal)).toEqual({ from: 100, to: 1000 });
    expect(soundBetweenPadding(new Float32Array(1000))).toEqual({ from: 0, to: 1000 });
  });

  it('gives a drum hit the same category, and nearly the same confidence and embedding, with a DC offset of 2 % of full scale, its padding included', async () => {
    for (const name of ['hihat-808.flac', 'snare-ee.flac', 'kick-old.flac', 'clap-808.flac']) {
      const { channels, sampleRate, original } = await fixture(name);
      const offset = channels.map((channel) => {
        const out = new Float32Array(channel.length + sampleRate * 0.3).fill(0.02);
        channel.forEach((v, i) => (out[i] = v + 0.02));
        return out;
      });
      // The offset is read from the sound's tail, and a hi-hat's own slight lean off zero with it: its embedding
      // moves most (cosine 0.90), the clap's confidence 3 points. Before the offset was taken out: cosines down
      // to 0.47, confidences up to 0.09 off.
      expectSameReading(await analysed(offset, sampleRate, name), original, name, { confidence: 0.035, cosine: 0.85 });
    }
  });

  it("keeps a loop's tempo measured over the whole file, the rest before its first hit included", async () => {
    // Four bars at 120 BPM whose first beat is a rest: the tempo comes from the 8 s, not from the 7.5 s after the rest.
    const clicks = clickTrack(120, 4);
    const rest = new Float32Array(clicks.length);
    rest.set(clicks.subarray(22050), 22050);
    const { descriptors } = await analysed([rest], 44100, 'loop.wav');
    expect(descriptors.kind).toBe('loop');
    expect(descriptors.bpm).toBeCloseTo(120, 0);
    // Sure of it: 16 beats fill the file. From the first hit on, 7.5 s is no whole number of bars and the tempo would be a guess (49 %).
    expect(descriptors.bpmConfidence).toBeGreaterThan(0.5);
  });
});
