import { describe, expect, it } from 'vitest';
import { fitTemperature, meanNll, reliability, tempered, withTemperature, type HeldOutPrediction } from '../../src/cli/train/calibration';
import { forward, seededRandom, type MlpWeights } from '../../src/cli/train/mlp';

/**
 * Predictions twice as sure as they should be: the true class is drawn from softmax(z), the
 * model reports softmax(2z). The fitted temperature should undo the factor.
 */
function overconfident(n: number): HeldOutPrediction[] {
  const random = seededRandom(11);
  const softmax = (z: number[]): number[] => tempered(z.map(Math.exp), 1);
  return Array.from({ length: n }, () => {
    const z = [0, 1, 2].map(() => 3 * random());
    const truthProbs = softmax(z);
    const u = random();
    const truth = u < truthProbs[0]! ? 0 : u < truthProbs[0]! + truthProbs[1]! ? 1 : 2;
    return {
      probs: softmax(z.map((v) => 2 * v)),
      truth,
    };
  });
}

describe('confidence calibration', () => {
  it('finds the temperature that undoes overconfidence, and it fits the held-out data better', () => {
    const predictions = overconfident(4000);
    const temperature = fitTemperature(predictions);
    expect(temperature).toBeGreaterThan(1.8);
    expect(temperature).toBeLessThan(2.2);
    expect(meanNll(predictions, temperature)).toBeLessThan(meanNll(predictions, 1));
    // Calibrated, each confidence band is right about as often as it claims.
    for (const bin of reliability(predictions, temperature).filter((b) => b.count > 200)) {
      expect(Math.abs(bin.accuracy - bin.confidence)).toBeLessThan(0.06);
    }
    // Uncalibrated, the confident band claims much more than it delivers.
    const top = reliability(predictions, 1).at(-1)!;
    expect(top.confidence - top.accuracy).toBeGreaterThan(0.1);
  });

  it('folds the temperature into the network: same predicted class, softer probabilities', () => {
    const mlp: MlpWeights = {
      inputs: 2,
      hidden: 2,
      outputs: 3,
      w1: Float32Array.from([1, -1, 0.5, 2]),
      b1: Float32Array.from([0.1, 0.2]),
      w2: Float32Array.from([2, -1, 0.5, 1, 3, -2]),
      b2: Float32Array.from([0.3, 0, -0.3]),
    };
    const x = Float32Array.from([0.7, 0.4]);
    const plain = [...forward(mlp, x, 1).probs];
    const cooled = [...forward(withTemperature(mlp, 2), x, 1).probs];
    tempered(plain, 2).forEach((p, i) => expect(cooled[i]).toBeCloseTo(p, 5));
    expect(cooled.indexOf(Math.max(...cooled))).toBe(plain.indexOf(Math.max(...plain)));
    expect(Math.max(...cooled)).toBeLessThan(Math.max(...plain));
  });
});
