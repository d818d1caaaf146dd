import type * as Ort from 'onnxruntime-web';
import meta from './models/classifier-meta.json';

export interface Ranked {
  label: string;
  /** Softmax probability of the label, 0..1. */
  confidence: number;
}

export interface Classification {
  category: Ranked;
  /** Every category's probability, by label. */
  categoryProbabilities: Record<string, number>;
  kind: Ranked;
  /** The features standardised by the training mean and spread (input of the sound embedding). */
  standardised: Float32Array;
  /** Hidden units of the category head: what the model tells sounds apart by (input of the sound embedding). */
  character: Float32Array;
}

/** Runs the category/kind model on one feature vector. */
export interface Classifier {
  readonly backend: string;
  classify(features: Float32Array): Promise<Classification>;
}

export const CLASSIFIER_META = meta as { categories: string[]; kinds: string[]; featureCount: number; featureNames: string[] };

function top(labels: readonly string[], probabilities: ArrayLike<number>): Ranked {
  let best = 0;
  for (let i = 1; i < labels.length; i++) if (probabilities[i]! > probabilities[best]!) best = i;
  return { label: labels[best]!, confidence: probabilities[best]! };
}

/**
 * The classifier through onnxruntime-web: `ort` is the build the environment loaded (its WASM
 * build in the browser, the package's default in Node), `model` the bytes of public/models/classifier.onnx.
 */
export async function createOnnxClassifier(ort: typeof Ort, model: Uint8Array, executionProviders: string[]): Promise<Classifier> {
  const session = await ort.InferenceSession.create(model, { executionProviders, graphOptimizationLevel: 'all' });
  const { categories, kinds, featureCount } = CLASSIFIER_META;
  return {
    backend: executionProviders[0] ?? 'wasm',
    async classify(features) {
      if (features.length !== featureCount) throw new Error(`classifier expects ${featureCount} features, got ${features.length}`);
      const input = new ort.Tensor('float32', features, [1, featureCount]);
      const output = await session.run({ features: input });
      const category = output['category']!.data as Float32Array;
      const kind = output['kind']!.data as Float32Array;
      const standardised = Float32Array.from(output['standardised']!.data as Float32Array);
      const character = Float32Array.from(output['character']!.data as Float32Array);
      input.dispose();
      const categoryProbabilities = Object.fromEntries(categories.map((label, i) => [label, category[i]!]));
      return { category: top(categories, category), categoryProbabilities, kind: top(kinds, kind), standardised, character };
    },
  };
}
