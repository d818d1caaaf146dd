import type { MlpWeights } from './mlp';

/**
 * Confidence calibration by temperature scaling: the network's logits are divided by one number
 * T, fitted on held-out predictions, so that a category shown at 70 % is right about 70 % of
 * the time on sounds from kits and instruments the model never saw. The predicted class does not
 * change; only how sure the model says it is.
 */

/** A held-out prediction: the class probabilities and the index of the true class. */
export interface HeldOutPrediction {
  probs: readonly number[];
  truth: number;
}

/** Softmax of log(probs) / temperature: the probabilities the network gives with its logits so divided. */
export function tempered(probs: readonly number[], temperature: number): number[] {
  const logits = probs.map((p) => Math.log(Math.max(p, 1e-12)) / temperature);
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/** Mean negative log-likelihood of the true classes at a temperature. */
export function meanNll(predictions: readonly HeldOutPrediction[], temperature: number): number {
  let total = 0;
  for (const p of predictions) total -= Math.log(Math.max(tempered(p.probs, temperature)[p.truth]!, 1e-12));
  return total / Math.max(1, predictions.length);
}

/** The temperature (0.5-5, in steps of 0.05) under which the held-out predictions are most likely. */
export function fitTemperature(predictions: readonly HeldOutPrediction[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let step = 10; step <= 100; step++) {
    const temperature = step * 0.05;
    const nll = meanNll(predictions, temperature);
    if (nll < bestNll - 1e-12) {
      bestNll = nll;
      best = temperature;
    }
  }
  return Math.round(best * 100) / 100;
}

/** The network with its output logits divided by `temperature` (output weights and biases scaled). */
export function withTemperature(mlp: MlpWeights, temperature: number): MlpWeights {
  return { ...mlp, w2: mlp.w2.map((w) => w / temperature), b2: mlp.b2.map((b) => b / temperature) };
}

/** One row of a reliability table: predictions whose confidence falls in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  right: number;
  /** Share of them that were right. */
  accuracy: number;
  /** Their mean confidence. */
  confidence: number;
}

/** Confidence bands of the reliability table; the last one includes 100 %. */
const BAND_EDGES = [0, 0.5, 0.7, 0.9, 1] as const;

export function reliability(predictions: readonly HeldOutPrediction[], temperature: number): ReliabilityBin[] {
  const bins = BAND_EDGES.slice(1).map((to, i) => ({ from: BAND_EDGES[i]!, to, count: 0, right: 0, sum: 0 }));
  for (const p of predictions) {
    const probs = tempered(p.probs, temperature);
    const confidence = Math.max(...probs);
    const bin = bins.find((b) => confidence < b.to) ?? bins.at(-1)!;
    bin.count++;
    bin.sum += confidence;
    if (probs.indexOf(confidence) === p.truth) bin.right++;
  }
  return bins.map(({ sum, ...b }) => ({
    ...b,
    accuracy: b.count > 0 ? b.right / b.count : 0,
    confidence: b.count > 0 ? sum / b.count : 0,
  }));
}
