/**
 * A one-hidden-layer perceptron with softmax output, trained full-batch with Adam. Small on
 * purpose: a few thousand examples of ~70 features, trained in seconds on a CPU, exported to
 * ONNX (onnxExport.ts) and run by onnxruntime-web in the analysis worker.
 */
export interface MlpWeights {
  inputs: number;
  hidden: number;
  outputs: number;
  /** inputs x hidden, row-major */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden x outputs, row-major */
  w2: Float32Array;
  b2: Float32Array;
}

export interface TrainOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-class loss weights (e.g. inverse frequency); 1 when absent. */
  classWeights?: number[];
  /** Per-example loss weights, multiplied with the class weights; 1 when absent. */
  sampleWeights?: Float32Array;
  /** Examples per Adam step, drawn in a shuffled order each epoch; all of them (full batch) when absent. */
  batchSize?: number;
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Forward pass for a batch; returns hidden activations and softmax probabilities. */
export function forward(m: MlpWeights, x: Float32Array, n: number): { hidden: Float32Array; probs: Float32Array } {
  const hidden = new Float32Array(n * m.hidden);
  const probs = new Float32Array(n * m.outputs);
  for (let r = 0; r < n; r++) {
    for (let h = 0; h < m.hidden; h++) {
      let v = m.b1[h]!;
      for (let i = 0; i < m.inputs; i++) v += x[r * m.inputs + i]! * m.w1[i * m.hidden + h]!;
      hidden[r * m.hidden + h] = v > 0 ? v : 0;
    }
    let max = -Infinity;
    for (let o = 0; o < m.outputs; o++) {
      let v = m.b2[o]!;
      for (let h = 0; h < m.hidden; h++) v += hidden[r * m.hidden + h]! * m.w2[h * m.outputs + o]!;
      probs[r * m.outputs + o] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let o = 0; o < m.outputs; o++) {
      const e = Math.exp(probs[r * m.outputs + o]! - max);
      probs[r * m.outputs + o] = e;
      sum += e;
    }
    for (let o = 0; o < m.outputs; o++) probs[r * m.outputs + o]! /= sum;
  }
  return { hidden, probs };
}

export function trainMlp(x: Float32Array, y: Int32Array, inputs: number, outputs: number, options: TrainOptions): MlpWeights {
  const n = y.length;
  const random = seededRandom(options.seed);
  const { hidden } = options;
  const m: MlpWeights = {
    inputs,
    hidden,
    outputs,
    w1: Float32Array.from({ length: inputs * hidden }, () => gaussian(random) * Math.sqrt(2 / inputs)),
    b1: new Float32Array(hidden),
    w2: Float32Array.from({ length: hidden * outputs }, () => gaussian(random) * Math.sqrt(1 / hidden)),
    b2: new Float32Array(outputs),
  };
  const params = [m.w1, m.b1, m.w2, m.b2];
  const first = params.map((p) => new Float32Array(p.length));
  const second = params.map((p) => new Float32Array(p.length));
  const grads = params.map((p) => new Float32Array(p.length));
  const classWeights = options.classWeights ?? new Array<number>(outputs).fill(1);
  const weightOf = Float32Array.from(y, (label, r) => classWeights[label]! * (options.sampleWeights?.[r] ?? 1));
  const batchSize = Math.min(n, options.batchSize ?? n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const batch = new Float32Array(batchSize * inputs);
  const dHidden = new Float32Array(hidden);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    if (batchSize < n) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    for (let start = 0; start < n; start += batchSize) {
      const rows = order.subarray(start, Math.min(n, start + batchSize));
      const b = rows.length;
      let weightSum = 0;
      for (let r = 0; r < b; r++) weightSum += weightOf[rows[r]!]!;
      if (weightSum <= 0) continue; // only zero-weighted examples: nothing to learn from this batch
      for (let r = 0; r < b; r++) batch.set(x.subarray(rows[r]! * inputs, (rows[r]! + 1) * inputs), r * inputs);
      const { hidden: act, probs } = forward(m, batch, b);
      grads.forEach((g) => g.fill(0));
      const [gw1, gb1, gw2, gb2] = grads as [Float32Array, Float32Array, Float32Array, Float32Array];
      for (let r = 0; r < b; r++) {
        const w = weightOf[rows[r]!]! / weightSum;
        const label = y[rows[r]!];
        dHidden.fill(0);
        for (let o = 0; o < outputs; o++) {
          const d = (probs[r * outputs + o]! - (o === label ? 1 : 0)) * w;
          gb2[o]! += d;
          for (let h = 0; h < hidden; h++) {
            gw2[h * outputs + o]! += act[r * hidden + h]! * d;
            dHidden[h]! += m.w2[h * outputs + o]! * d;
          }
        }
        for (let h = 0; h < hidden; h++) {
          if (act[r * hidden + h]! <= 0) continue;
          const d = dHidden[h]!;
          gb1[h]! += d;
          for (let i = 0; i < inputs; i++) gw1[i * hidden + h]! += batch[r * inputs + i]! * d;
        }
      }
      for (let i = 0; i < gw1.length; i++) gw1[i]! += options.l2 * m.w1[i]!;
      for (let i = 0; i < gw2.length; i++) gw2[i]! += options.l2 * m.w2[i]!;
      step++;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      params.forEach((p, k) => {
        const g = grads[k]!;
        const m1 = first[k]!;
        const m2 = second[k]!;
        for (let i = 0; i < p.length; i++) {
          m1[i] = beta1 * m1[i]! + (1 - beta1) * g[i]!;
          m2[i] = beta2 * m2[i]! + (1 - beta2) * g[i]! * g[i]!;
          p[i]! -= (options.learningRate * (m1[i]! / correction1)) / (Math.sqrt(m2[i]! / correction2) + 1e-8);
        }
      });
    }
  }
  return m;
}

/**
 * Several perceptrons trained from different seeds, as one: their hidden layers side by side and
 * their output layers averaged, so the result's logits are the members' mean logits. Averaging
 * members smooths what any one seed happened to learn about the training kits; one network
 * keeps the ONNX graph and its run exactly as they were.
 */
export function mergeEnsemble(members: readonly MlpWeights[]): MlpWeights {
  const { inputs, outputs } = members[0]!;
  const hidden = members.reduce((sum, m) => sum + m.hidden, 0);
  const merged: MlpWeights = {
    inputs,
    hidden,
    outputs,
    w1: new Float32Array(inputs * hidden),
    b1: new Float32Array(hidden),
    w2: new Float32Array(hidden * outputs),
    b2: new Float32Array(outputs),
  };
  let offset = 0;
  for (const m of members) {
    for (let i = 0; i < inputs; i++) for (let h = 0; h < m.hidden; h++) merged.w1[i * hidden + offset + h] = m.w1[i * m.hidden + h]!;
    merged.b1.set(m.b1, offset);
    for (let h = 0; h < m.hidden; h++)
      for (let o = 0; o < outputs; o++) merged.w2[(offset + h) * outputs + o] = m.w2[h * outputs + o]! / members.length;
    for (let o = 0; o < outputs; o++) merged.b2[o]! += m.b2[o]! / members.length;
    offset += m.hidden;
  }
  return merged;
}

export function predict(m: MlpWeights, features: Float32Array): number[] {
  return [...forward(m, features, 1).probs];
}

/** Per-feature mean and standard deviation (std floored so constant features stay finite). */
export function standardisation(x: Float32Array, inputs: number): { mean: Float32Array; std: Float32Array } {
  const n = x.length / inputs;
  const mean = new Float32Array(inputs);
  const std = new Float32Array(inputs);
  for (let r = 0; r < n; r++) for (let i = 0; i < inputs; i++) mean[i]! += x[r * inputs + i]! / n;
  for (let r = 0; r < n; r++) for (let i = 0; i < inputs; i++) std[i]! += (x[r * inputs + i]! - mean[i]!) ** 2 / n;
  for (let i = 0; i < inputs; i++) std[i] = Math.max(1e-3, Math.sqrt(std[i]!));
  return { mean, std };
}

export function standardise(x: Float32Array, inputs: number, s: { mean: Float32Array; std: Float32Array }): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - s.mean[i % inputs]!) / s.std[i % inputs]!;
  return out;
}

export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** Binary logistic regression by gradient descent with L2; deterministic. */
export function trainLogistic(x: number[][], y: number[], options: { epochs: number; learningRate: number; l2: number }): LogisticModel {
  const dims = x[0]?.length ?? 0;
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const grad = new Array<number>(dims).fill(0);
    let gradBias = 0;
    x.forEach((row, r) => {
      const z = row.reduce((s, v, i) => s + v * weights[i]!, bias);
      const d = 1 / (1 + Math.exp(-z)) - y[r]!;
      row.forEach((v, i) => (grad[i]! += (d * v) / x.length));
      gradBias += d / x.length;
    });
    for (let i = 0; i < dims; i++) weights[i]! -= options.learningRate * (grad[i]! + options.l2 * weights[i]!);
    bias -= options.learningRate * gradBias;
  }
  return { weights, bias };
}

export function logistic(model: LogisticModel, row: readonly number[]): number {
  return 1 / (1 + Math.exp(-row.reduce((s, v, i) => s + v * model.weights[i]!, model.bias)));
}
