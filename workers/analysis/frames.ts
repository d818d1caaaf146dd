import { applyBank, melBandCentres, melFilterBank } from './dsp/bands';
import { stft } from './dsp/stft';

/** Per-frame descriptors from one STFT pass; everything later (onsets, tempo, timbre) reads these. */
export interface FrameAnalysis {
  sampleRate: number;
  /** Frames per second. */
  frameRate: number;
  frames: number;
  melBands: number;
  /** log10 mel band energies, frames x melBands. */
  logMel: Float32Array;
  /** Total frame power in dB (relative to a full-scale sine, roughly). */
  energyDb: Float32Array;
  /** Half-wave rectified rise of log mel energies: all bands, below 200 Hz, 200 Hz-2 kHz, above 2 kHz. */
  flux: Float32Array;
  fluxLow: Float32Array;
  fluxMid: Float32Array;
  fluxHigh: Float32Array;
  /** Spectral centroid (Hz), 85 % rolloff (Hz), flatness (0..1) per frame. */
  centroid: Float32Array;
  rolloff: Float32Array;
  flatness: Float32Array;
}

export const FRAME_SIZE = 1024;
export const FRAME_HOP = 512;
export const MEL_BANDS = 40;

export function analyseFrames(mono: Float32Array, sampleRate: number): FrameAnalysis {
  const spec = stft(mono, sampleRate, FRAME_SIZE, FRAME_HOP);
  const bank = melFilterBank(MEL_BANDS, FRAME_SIZE, sampleRate);
  const { frames, bins, magnitudes } = spec;
  const logMel = new Float32Array(frames * MEL_BANDS);
  const energyDb = new Float32Array(frames);
  const centroid = new Float32Array(frames);
  const rolloff = new Float32Array(frames);
  const flatness = new Float32Array(frames);
  const binHz = sampleRate / FRAME_SIZE;
  const band = new Float32Array(MEL_BANDS);
  // Normalise so a full-scale sine reads about 0 dB whatever the frame size.
  const norm = 1 / ((FRAME_SIZE / 4) * (FRAME_SIZE / 4));
  for (let f = 0; f < frames; f++) {
    const row = f * bins;
    let power = 0;
    let weighted = 0;
    for (let k = 1; k < bins; k++) {
      const m = magnitudes[row + k]!;
      const p = m * m;
      power += p;
      weighted += p * k;
    }
    energyDb[f] = 10 * Math.log10(power * norm + 1e-12);
    centroid[f] = power > 0 ? (weighted / power) * binHz : 0;
    let cumulative = 0;
    let k = 1;
    for (; k < bins && cumulative < 0.85 * power; k++) cumulative += magnitudes[row + k]! * magnitudes[row + k]!;
    rolloff[f] = k * binHz;
    applyBank(bank, magnitudes, row, band);
    // Flatness over the mel bands (geometric / arithmetic mean): 40 logarithms a frame, not 512.
    let logSum = 0;
    let bandSum = 0;
    for (let b = 0; b < MEL_BANDS; b++) {
      const e = band[b]! * norm + 1e-10;
      const l = Math.log10(e);
      logMel[f * MEL_BANDS + b] = l;
      logSum += l;
      bandSum += e;
    }
    flatness[f] = bandSum > 0 ? 10 ** (logSum / MEL_BANDS) / (bandSum / MEL_BANDS) : 0;
  }
  const flux = new Float32Array(frames);
  const fluxLow = new Float32Array(frames);
  const fluxMid = new Float32Array(frames);
  const fluxHigh = new Float32Array(frames);
  const centres = melBandCentres(MEL_BANDS, sampleRate);
  const lowEnd = centres.findIndex((hz) => hz > 200);
  const midEnd = centres.findIndex((hz) => hz > 2000);
  // Log energies are floored 80 dB under the loudest frame so noise-floor flicker is no onset.
  let maxLog = -Infinity;
  for (let i = 0; i < logMel.length; i++) if (logMel[i]! > maxLog) maxLog = logMel[i]!;
  const floor = maxLog - 8;
  for (let f = 1; f < frames; f++) {
    let all = 0;
    let low = 0;
    let mid = 0;
    let high = 0;
    for (let b = 0; b < MEL_BANDS; b++) {
      const now = Math.max(floor, logMel[f * MEL_BANDS + b]!);
      const before = Math.max(floor, logMel[(f - 1) * MEL_BANDS + b]!);
      const rise = Math.max(0, now - before);
      all += rise;
      if (b < lowEnd) low += rise;
      else if (b < midEnd) mid += rise;
      else high += rise;
    }
    flux[f] = all;
    fluxLow[f] = low;
    fluxMid[f] = mid;
    fluxHigh[f] = high;
  }
  return {
    sampleRate,
    frameRate: sampleRate / FRAME_HOP,
    frames,
    melBands: MEL_BANDS,
    logMel,
    energyDb,
    flux,
    fluxLow,
    fluxMid,
    fluxHigh,
    centroid,
    rolloff,
    flatness,
  };
}
