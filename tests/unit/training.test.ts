import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { pitchShift, timeStretch, truncate } from '../../src/cli/train/augment';
import { forward, logistic, standardisation, standardise, trainLogistic, trainMlp } from '../../src/cli/train/mlp';
import { exportOnnx, withEmbeddingOutputs } from '../../src/cli/train/onnxExport';
import { sine } from '../support/signals';

/** Three classes in four features: class = which of two features is largest, with noise. */
function toyProblem(n: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const a = Math.sin(r * 1.3) * 2;
    const b = Math.cos(r * 0.7) * 2;
    x.set([a, b, Math.sin(r * 5.1), 10 + Math.cos(r)], r * 4);
    y[r] = a > 1 ? 0 : b > 0 ? 1 : 2;
  }
  return { x, y };
}

describe('training', () => {
  it('fits a small MLP that separates a learnable problem', () => {
    const { x, y } = toyProblem(300);
    const standard = standardisation(x, 4);
    const mlp = trainMlp(standardise(x, 4, standard), y, 4, 3, { hidden: 12, epochs: 300, learningRate: 0.02, l2: 1e-4, seed: 3 });
    const { probs } = forward(mlp, standardise(x, 4, standard), 300);
    let right = 0;
    for (let r = 0; r < 300; r++) {
      const row = [...probs.subarray(r * 3, r * 3 + 3)];
      if (row.indexOf(Math.max(...row)) === y[r]) right++;
    }
    expect(right / 300).toBeGreaterThan(0.95);
  });

  it('exports an ONNX model that onnxruntime-web runs to the same probabilities', async () => {
    const { x, y } = toyProblem(120);
    const standard = standardisation(x, 4);
    const mlp = trainMlp(standardise(x, 4, standard), y, 4, 3, { hidden: 8, epochs: 100, learningRate: 0.02, l2: 1e-4, seed: 1 });
    const model = exportOnnx(
      [
        { name: 'category', mlp },
        { name: 'kind', mlp },
      ],
      standard,
      { note: 'test' },
    );
    const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
    expect(session.inputNames).toEqual(['features']);
    expect(session.outputNames).toEqual(['category', 'kind', 'standardised', 'character']);
    const batch = x.slice(0, 8);
    const out = await session.run({ features: new ort.Tensor('float32', batch, [2, 4]) });
    const expected = forward(mlp, standardise(batch, 4, standard), 2).probs;
    const actual = out['category']!.data as Float32Array;
    expected.forEach((p, i) => expect(actual[i]).toBeCloseTo(p, 5));
    // The sound embedding's inputs: the standardised features and the category head's hidden units.
    const standardised = standardise(batch, 4, standard);
    Array.from(out['standardised']!.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(standardised[i]!, 5));
    expect(out['character']!.dims).toEqual([2, 8]);
    expect(Math.min(...(out['character']!.data as Float32Array))).toBeGreaterThanOrEqual(0);
  });

  it('adds the embedding outputs to a model exported without them, answering the same', async () => {
    const { x, y } = toyProblem(60);
    const standard = standardisation(x, 4);
    const mlp = trainMlp(standardise(x, 4, standard), y, 4, 3, { hidden: 8, epochs: 20, learningRate: 0.02, l2: 1e-4, seed: 2 });
    const model = exportOnnx([{ name: 'category', mlp }], standard, {});
    expect(withEmbeddingOutputs(model)).toBe(model); // already has them: unchanged
    const session = await ort.InferenceSession.create(withEmbeddingOutputs(model), { executionProviders: ['wasm'] });
    expect(session.outputNames).toEqual(['category', 'standardised', 'character']);
  });

  it('fits a logistic regression', () => {
    const x = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i * 0.3)]);
    const y = x.map(([a, b]) => (a! + 0.5 * b! > 0 ? 1 : 0));
    const model = trainLogistic(x, y, { epochs: 2000, learningRate: 0.5, l2: 0 });
    const right = x.filter((row, i) => (logistic(model, row) > 0.5 ? 1 : 0) === y[i]).length;
    expect(right).toBeGreaterThan(190);
  });
});

describe('augmentation', () => {
  const tone = sine(440, 1);

  it('time-stretches without changing pitch and pitch-shifts by resampling', () => {
    expect(timeStretch(tone, 1.25).length).toBe(Math.round(tone.length / 1.25));
    expect(pitchShift(tone, 12).length).toBe(Math.floor(tone.length / 2));
  });

  it('truncates with a fade to silence', () => {
    const cut = truncate(
      tone.map(() => 0.5),
      0.5,
    );
    expect(cut.length).toBe(tone.length / 2);
    expect(cut[cut.length - 1]).toBe(0);
  });
});
