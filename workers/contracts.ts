/** Types shared by the analysis worker and its main-thread clients (type-only). */
import type { AnalysisOutcome } from '../src/domain/analysis';
import type { ErrorInfo } from '../src/domain/errors';

export type DecodeOutcome = { ok: true; sampleRate: number; channelData: Float32Array[] } | { ok: false; error: ErrorInfo };

export interface WorkerMemory {
  /** essentia's WASM heap. */
  wasmHeapBytes: number;
  /** performance.memory where the browser has it, else null. */
  jsHeapBytes: number | null;
}

export interface AnalysisWorkerApi {
  /** Decodes and analyses one file. Never rejects for bad audio: failures are outcomes. */
  analyse(file: Blob, fileName: string): Promise<AnalysisOutcome>;
  /**
   * Decodes for playback the formats the browser's decodeAudioData refuses (AIFF above all).
   * Errors come back as outcomes because Comlink drops an Error's `code`.
   */
  decode(file: Blob, fileName: string): Promise<DecodeOutcome>;
  memory(): WorkerMemory;
}
