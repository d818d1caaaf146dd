import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import type { Classifier } from './classifier';
import { createOnnxClassifier } from './classifier';

let loading: Promise<Classifier> | undefined;

/** The same model and runtime (onnxruntime-web's WASM backend) in Node, for the CLI and tests. */
export function loadNodeClassifier(): Promise<Classifier> {
  loading ??= (async () => {
    ort.env.wasm.numThreads = 1;
    const model = new Uint8Array(await readFile(new URL('../../public/models/classifier.onnx', import.meta.url)));
    return createOnnxClassifier(ort, model, ['wasm']);
  })();
  return loading;
}
