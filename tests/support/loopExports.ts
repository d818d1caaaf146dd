import { TEMPO_RANGE } from '../../workers/analysis/rhythm';

/**
 * The ways a loop leaves a DAW not cut to its bars, applied to a mono signal: what the loop-length
 * check (workers/analysis/loopLength.ts) has to see through. Used by its tests and by
 * `npm run eval:loop-exports`.
 */
export const LOOP_EXPORTS = {
  'with 0.3 s of silence after it': (loop: Float32Array, sampleRate: number): Float32Array => {
    const out = new Float32Array(loop.length + Math.round(0.3 * sampleRate));
    out.set(loop);
    return out;
  },
  'with 1.5 s of silence after it': (loop: Float32Array, sampleRate: number): Float32Array => {
    const out = new Float32Array(loop.length + Math.round(1.5 * sampleRate));
    out.set(loop);
    return out;
  },
  // Rendered past its end: the next downbeat rings out for half a second.
  'with the next downbeat ringing out': (loop: Float32Array, sampleRate: number): Float32Array => {
    const tail = Math.min(loop.length, Math.round(0.5 * sampleRate));
    const out = new Float32Array(loop.length + tail);
    out.set(loop);
    for (let i = 0; i < tail; i++) out[loop.length + i] = loop[i]! * (1 - i / tail);
    return out;
  },
  'trimmed 4 % short': (loop: Float32Array): Float32Array => loop.slice(0, Math.round(loop.length * 0.96)),
} as const;

export type LoopExport = keyof typeof LOOP_EXPORTS;

/** The tempi a length allows (a power-of-two number of beats within TEMPO_RANGE), as rhythm.ts lists them. */
export const lengthTempi = (duration: number): number[] =>
  [2, 4, 8, 16, 32, 64, 128, 256].map((beats) => (60 * beats) / duration).filter((bpm) => bpm >= TEMPO_RANGE.min && bpm <= TEMPO_RANGE.max);
