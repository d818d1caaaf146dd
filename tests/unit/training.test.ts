import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { bandLimit, pitchShift, timeStretch, truncate } from '../../src/cli/train/augment';
import { forward, logistic, mergeEnsemble, standardisation, standardise, trainLogistic, trainMlp } from '../../src/cli/train/mlp';
import { noteSequenceMidi } from '../../src/cli/train/extraSounds';
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

  /** Share of rows whose most probable class is the label, and how often each class is predicted. */
  function accuracy(probs: Float32Array, y: Int32Array, classes: number): { right: number; predicted: number[] } {
    const predicted = new Array<number>(classes).fill(0);
    let right = 0;
    for (let r = 0; r < y.length; r++) {
      const row = [...probs.subarray(r * classes, (r + 1) * classes)];
      const best = row.indexOf(Math.max(...row));
      predicted[best]!++;
      if (best === y[r]) right++;
    }
    return { right: right / y.length, predicted };
  }

  it('trains in shuffled mini-batches, and leaves out examples weighted zero', () => {
    const { x, y } = toyProblem(300);
    const xs = standardise(x, 4, standardisation(x, 4));
    const options = { hidden: 12, epochs: 30, learningRate: 0.01, l2: 1e-4, seed: 5, batchSize: 16 };
    expect(accuracy(forward(trainMlp(xs, y, 4, 3, options), xs, 300).probs, y, 3).right).toBeGreaterThan(0.95);
    const withoutClass2 = trainMlp(xs, y, 4, 3, { ...options, sampleWeights: Float32Array.from(y, (label) => (label === 2 ? 0 : 1)) });
    expect(accuracy(forward(withoutClass2, xs, 300).probs, y, 3).predicted[2]).toBe(0);
    // A batch holding only zero-weighted examples is skipped, not divided by zero.
    const oneAtATime = trainMlp(xs, y, 4, 3, {
      ...options,
      epochs: 2,
      batchSize: 1,
      sampleWeights: Float32Array.from(y, (label) => (label === 2 ? 0 : 1)),
    });
    expect([...oneAtATime.w1, ...oneAtATime.w2].every(Number.isFinite)).toBe(true);
  });

  it('merges networks into one whose logits are the mean of theirs', () => {
    const { x, y } = toyProblem(120);
    const xs = standardise(x, 4, standardisation(x, 4));
    const members = [1, 2, 3].map((seed) => trainMlp(xs, y, 4, 3, { hidden: 6, epochs: 40, learningRate: 0.02, l2: 1e-4, seed }));
    const merged = mergeEnsemble(members);
    expect(merged.hidden).toBe(18);
    const memberProbs = members.map((m) => forward(m, xs, 120).probs);
    const mergedProbs = forward(merged, xs, 120).probs;
    for (let r = 0; r < 120; r++) {
      // softmax of the mean log-probabilities = softmax of the mean logits
      const meanLog = [0, 1, 2].map((o) => memberProbs.reduce((sum, p) => sum + Math.log(p[r * 3 + o]!), 0) / members.length);
      const z = meanLog.map((v) => Math.exp(v - Math.max(...meanLog)));
      const total = z.reduce((a, b) => a + b, 0);
      z.forEach((v, o) => expect(mergedProbs[r * 3 + o]).toBeCloseTo(v / total, 4));
    }
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

describe('kit rendering', () => {
  /** Absolute tick and bytes of every event in the file's one track. */
  function events(midi: Uint8Array): { tick: number; bytes: number[] }[] {
    const out: { tick: number; bytes: number[] }[] = [];
    let i = 22; // 14-byte header + "MTrk" + length
    let tick = 0;
    while (i < midi.length) {
      let delta = 0;
      for (;;) {
        const b = midi[i++]!;
        delta = (delta << 7) | (b & 0x7f);
        if (b < 0x80) break;
      }
      tick += delta;
      const length = midi[i] === 0xff ? 3 : (midi[i]! & 0xf0) === 0xc0 ? 2 : 3;
      out.push({ tick, bytes: [...midi.subarray(i, i + length)] });
      i += length;
    }
    return out;
  }

  it('writes a kit as one note per slot on the drum channel, so the render can be cut at slot boundaries', () => {
    const midi = noteSequenceMidi(9, 25, [36, 38, 42], 110, 1440, 5760);
    expect(String.fromCharCode(...midi.subarray(0, 4))).toBe('MThd');
    const list = events(midi);
    expect(list[0]).toEqual({ tick: 0, bytes: [0xc9, 25] });
    const ons = list.filter((e) => e.bytes[0] === 0x99);
    const offs = list.filter((e) => e.bytes[0] === 0x89);
    expect(ons.map((e) => [e.tick, e.bytes[1], e.bytes[2]])).toEqual([
      [0, 36, 110],
      [5760, 38, 110],
      [11520, 42, 110],
    ]);
    expect(offs.map((e) => e.tick)).toEqual([1440, 7200, 12960]);
    expect(list.at(-1)).toEqual({ tick: 17280, bytes: [0xff, 0x2f, 0x00] });
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

  it('reads a sound as a file recorded at 22.05 kHz would: the highs above 11 kHz gone, the rest kept', () => {
    const rms = (x: Float32Array): number => Math.sqrt(x.reduce((sum, v) => sum + v * v, 0) / x.length);
    const low = sine(1000, 1);
    expect(rms(bandLimit(low, 22050)) / rms(low)).toBeGreaterThan(0.95);
    const high = sine(15000, 1);
    expect(rms(bandLimit(high, 22050)) / rms(high)).toBeLessThan(0.01);
    expect(bandLimit(low, 22050).length).toBeGreaterThan(low.length - 3);
  });
});
