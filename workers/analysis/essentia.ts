/**
 * The slice of essentia.js the analysis uses, typed, plus the discipline it needs: every vector
 * created or returned lives in WASM memory and must be deleted, or the heap grows by megabytes
 * per file (STACK-NOTES). `withVectors` owns that.
 */
export interface EssentiaVector {
  size(): number;
  get(index: number): number;
  delete(): void;
}

export interface RhythmResult {
  bpm: number;
  confidence: number;
  ticks: EssentiaVector;
  estimates: EssentiaVector;
  bpmIntervals: EssentiaVector;
}

export interface KeyResult {
  key: string;
  scale: string;
  strength: number;
}

export interface EssentiaApi {
  version: string;
  arrayToVector(input: Float32Array): EssentiaVector;
  RhythmExtractor2013(signal: EssentiaVector, maxTempo: number, method: string, minTempo: number): RhythmResult;
  PercivalBpmEstimator(
    signal: EssentiaVector,
    frameSize: number,
    frameSizeOSS: number,
    hopSize: number,
    hopSizeOSS: number,
    maxBPM: number,
    minBPM: number,
    sampleRate: number,
  ): { bpm: number };
  KeyExtractor(
    audio: EssentiaVector,
    averageDetuningCorrection: boolean,
    frameSize: number,
    hopSize: number,
    hpcpSize: number,
    maxFrequency: number,
    maximumSpectralPeaks: number,
    minFrequency: number,
    pcpThreshold: number,
    profileType: string,
    sampleRate: number,
    spectralPeaksThreshold: number,
    tuningFrequency: number,
    weightType: string,
    windowType: string,
  ): KeyResult;
}

/** Deletes every vector-valued field of an essentia result object. */
export function deleteVectors(result: object): void {
  for (const value of Object.values(result)) {
    if (value && typeof value === 'object' && typeof (value as EssentiaVector).delete === 'function') {
      (value as EssentiaVector).delete();
    }
  }
}

/**
 * Runs `body` with a vector made from `signal`, always deleting it afterwards. essentia throws
 * bare numbers (C++ pointers) on bad parameters: they are rethrown as Errors with context.
 */
export function withSignalVector<T>(essentia: EssentiaApi, signal: Float32Array, what: string, body: (vector: EssentiaVector) => T): T {
  const vector = essentia.arrayToVector(signal);
  try {
    return body(vector);
  } catch (error) {
    if (typeof error === 'number') throw new Error(`essentia ${what} failed (internal error ${error})`);
    throw error;
  } finally {
    vector.delete();
  }
}
