import FFT from 'fft.js';
import { parabolicVertexOffset } from './dsp/parabola';

/** Fundamental frequency estimate of one frame; `clarity` is 1 - YIN's aperiodicity (0..1). */
export interface PitchFrame {
  time: number;
  hz: number;
  clarity: number;
}

const FRAME = 2048;
const WINDOW = FRAME / 2;
const PADDED = 4096;
const fft = new FFT(PADDED);
const head = new Float64Array(PADDED);
const whole = new Float64Array(PADDED);
const headSpectrum = new Float64Array(2 * PADDED);
const wholeSpectrum = new Float64Array(2 * PADDED);
const product = new Float64Array(2 * PADDED);
const correlation = new Float64Array(2 * PADDED);
/** r(τ) = Σ_{j<W} x[j]·x[j+τ], the cross-correlation YIN's difference function needs. */
const autocorrelation = new Float64Array(WINDOW + 1);

/** Halves the sample rate by averaging pairs: a gentle low-pass, plenty for f0 under 2 kHz. */
export function halfRate(signal: Float32Array): Float32Array {
  const out = new Float32Array(signal.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * (signal[2 * i]! + signal[2 * i + 1]!);
  return out;
}

/** Exact windowed correlation of x[start..start+W) with x[start+τ..start+τ+W), via FFT. */
function frameAutocorrelation(signal: Float32Array, start: number): void {
  head.fill(0);
  whole.fill(0);
  for (let i = 0; i < FRAME; i++) {
    const v = signal[start + i] ?? 0;
    whole[i] = v;
    if (i < WINDOW) head[i] = v;
  }
  fft.realTransform(headSpectrum, head);
  fft.completeSpectrum(headSpectrum);
  fft.realTransform(wholeSpectrum, whole);
  fft.completeSpectrum(wholeSpectrum);
  for (let k = 0; k < PADDED; k++) {
    // conj(H) * W
    const hr = headSpectrum[2 * k]!;
    const hi = -headSpectrum[2 * k + 1]!;
    const wr = wholeSpectrum[2 * k]!;
    const wi = wholeSpectrum[2 * k + 1]!;
    product[2 * k] = hr * wr - hi * wi;
    product[2 * k + 1] = hr * wi + hi * wr;
  }
  fft.inverseTransform(correlation, product);
  for (let tau = 0; tau <= WINDOW; tau++) autocorrelation[tau] = correlation[2 * tau]!;
}

/**
 * YIN (de Cheveigné & Kawahara 2002) on frames of 2048 samples, the difference function from an
 * FFT autocorrelation. `times` are frame starts in seconds; frames whose energy is too low are
 * skipped. Searches 40 Hz to 2 kHz.
 */
export function yinPitch(signal: Float32Array, sampleRate: number, times: readonly number[], threshold = 0.15): PitchFrame[] {
  const out: PitchFrame[] = [];
  const minLag = Math.max(2, Math.floor(sampleRate / 2000));
  const maxLag = Math.min(FRAME / 2 - 1, Math.ceil(sampleRate / 40));
  for (const time of times) {
    const start = Math.round(time * sampleRate);
    if (start + FRAME > signal.length) break;
    frameAutocorrelation(signal, start);
    // Energy of x[τ..τ+W] for each lag, from running sums of squares.
    const w = WINDOW;
    let e0 = 0;
    for (let j = 0; j < w; j++) e0 += signal[start + j]! ** 2;
    if (e0 < 1e-8) continue;
    let eTau = e0;
    let running = 0;
    let best = -1;
    let bestValue = 1;
    const cmnd = new Float64Array(maxLag + 2);
    cmnd[0] = 1;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      eTau += signal[start + tau + w - 1]! ** 2 - signal[start + tau - 1]! ** 2;
      const d = Math.max(0, e0 + eTau - 2 * autocorrelation[tau]!);
      running += d;
      cmnd[tau] = running > 0 ? (d * tau) / running : 1;
    }
    for (let tau = minLag; tau <= maxLag; tau++) {
      if (cmnd[tau]! < threshold) {
        while (tau + 1 <= maxLag && cmnd[tau + 1]! < cmnd[tau]!) tau++;
        best = tau;
        bestValue = cmnd[tau]!;
        break;
      }
      if (cmnd[tau]! < bestValue) {
        bestValue = cmnd[tau]!;
        best = tau;
      }
    }
    if (best < 0) continue;
    // Parabolic interpolation around the minimum.
    const a = cmnd[best - 1] ?? cmnd[best]!;
    const b = cmnd[best]!;
    const c = cmnd[best + 1] ?? cmnd[best]!;
    const lag = best + parabolicVertexOffset(a, b, c);
    out.push({ time, hz: sampleRate / lag, clarity: Math.max(0, Math.min(1, 1 - bestValue)) });
  }
  return out;
}

export const hzToMidi = (hz: number): number => 69 + 12 * Math.log2(hz / 440);
