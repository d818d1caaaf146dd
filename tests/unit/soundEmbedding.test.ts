import { describe, expect, it } from 'vitest';
import type { AnalysisOutcome, AnalysisSuccess } from '../../src/domain/analysis';
import { ASPECT_NAMES } from '../../src/domain/similarity/embeddingLayout';
import { OVERALL_WEIGHTS, SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import { similarity } from '../../src/domain/similarity/vectors';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { clickTrack, silence, sine } from '../support/signals';

const analyse = async (samples: Float32Array): Promise<AnalysisOutcome> =>
  analyseSample(encodeWav([samples], { sampleRate: 44100, bitDepth: 16 }), 'test.wav', await analysisDeps());

function embeddingOf(outcome: AnalysisOutcome): Float32Array {
  if (!outcome.ok) throw new Error(`analysis failed: ${outcome.error.message}`);
  return (outcome as AnalysisSuccess).embedding!;
}

/** A decaying note: what a pluck or a bass one-shot looks like to the analysis. */
function note(frequency: number, seconds = 1, gain = 0.5): Float32Array {
  const tone = sine(frequency, seconds, gain);
  for (let i = 0; i < tone.length; i++) tone[i]! *= Math.exp(-i / 12000);
  return tone;
}

const sliceLength = (v: Float32Array, start: number, end: number): number => Math.hypot(...v.subarray(start, end));

describe('the sound embedding of an analysed sample', () => {
  it('has every aspect slice at unit length', async () => {
    const embedding = embeddingOf(await analyse(note(220)));
    expect(embedding).toHaveLength(SOUND_EMBEDDING_LAYOUT.dimension);
    for (const aspect of ASPECT_NAMES) {
      const { start, end } = SOUND_EMBEDDING_LAYOUT.aspects[aspect];
      expect(sliceLength(embedding, start, end), aspect).toBeCloseTo(1, 4);
    }
  });

  it('does not depend on the level, and puts a note nearer the same note than a click loop', async () => {
    const a3 = embeddingOf(await analyse(note(220)));
    const a3Quiet = embeddingOf(await analyse(note(220, 1, 0.05)));
    const e4 = embeddingOf(await analyse(note(329.63)));
    const clicks = embeddingOf(await analyse(clickTrack(120, 2)));
    const overall = (x: Float32Array, y: Float32Array): number => similarity(x, y, SOUND_EMBEDDING_LAYOUT, OVERALL_WEIGHTS);
    expect(overall(a3, a3Quiet)).toBeGreaterThan(0.95); // 20 dB quieter: nearly the same sound
    expect(overall(a3, a3Quiet)).toBeGreaterThan(overall(a3, e4));
    expect(overall(a3, e4)).toBeGreaterThan(overall(a3, clicks));
    // By pitch alone, A3 is nearer the quiet A3 than E4.
    const pitch = (x: Float32Array, y: Float32Array): number => similarity(x, y, SOUND_EMBEDDING_LAYOUT, { pitch: 1 });
    expect(pitch(a3, a3Quiet)).toBeGreaterThan(pitch(a3, e4) + 0.2);
  });

  it('gives silence none', async () => {
    const outcome = await analyse(silence(1));
    expect(outcome.ok && outcome.embedding).toBeNull();
  });
});
