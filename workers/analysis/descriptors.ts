import { melBandCentres } from './dsp/bands';
import type { FrameAnalysis } from './frames';
import { analyseFrames } from './frames';
import { halfRate, hzToMidi, yinPitch } from './pitch';

/** How a sound's level evolves: all times in seconds, levels in dB relative to its loudest frame. */
export interface EnvelopeDescriptors {
  peakTime: number;
  attackTime: number;
  /** Time from the peak until the level first falls 20 (40) dB under it; the rest of the file if never. */
  decay20: number;
  decay40: number;
  /** Level of the last 100 ms: near 0 for a loop cut mid-music, far below for a decayed one-shot. */
  endLevelDb: number;
  /** Seconds within 40 dB of the peak. */
  activeDuration: number;
  /** Energy-weighted mean time, as a fraction of the duration. */
  temporalCentroid: number;
}

export interface OnsetList {
  times: number[];
  strengths: number[];
}

export interface SpectralDescriptors {
  /** Energy-weighted over the active frames. */
  centroidMean: number;
  centroidStd: number;
  rolloffMean: number;
  flatnessMean: number;
  /** Share of energy below 120 Hz, 120-400, 400-1500, 1.5-5 k, 5-10 k, above 10 kHz. */
  bandShares: number[];
  mfccMean: number[];
  mfccStd: number[];
  fluxMean: number;
}

export interface PitchDescriptors {
  /** Share of analysed frames with a clear periodic pitch. */
  voicedFraction: number;
  /** Median pitch of the voiced frames, as a fractional MIDI note; null when none. */
  medianMidi: number | null;
  /** Spread of the voiced pitch in semitones (vibrato, glides, speech). */
  midiSpread: number;
  clarityMean: number;
}

/**
 * The spectrum of the hit itself (about 60 ms from the loudest frame) and of its body (the next
 * 250 ms), in 12 coarse bands relative to their loudest band: what tells a kick from a tom and a
 * snare from a clap.
 */
export interface TransientDescriptors {
  attackProfile: number[];
  bodyProfile: number[];
  attackCentroid: number;
  bodyCentroid: number;
  attackFlatness: number;
  bodyFlatness: number;
  /** Flux peaks in the first 80 ms: a clap is several bursts. */
  earlyBursts: number;
  /** dB per second lost over the 300 ms after the peak. */
  decayRate: number;
}

export interface SignalDescriptors {
  duration: number;
  frames: FrameAnalysis;
  envelope: EnvelopeDescriptors;
  onsets: OnsetList;
  spectral: SpectralDescriptors;
  pitch: PitchDescriptors;
  transient: TransientDescriptors;
}

const MFCC_COUNT = 13;
const BAND_EDGES = [120, 400, 1500, 5000, 10000];

function envelopeOf(frames: FrameAnalysis, duration: number): EnvelopeDescriptors {
  const { energyDb, frameRate } = frames;
  const n = frames.frames;
  let peak = 0;
  for (let f = 1; f < n; f++) if (energyDb[f]! > energyDb[peak]!) peak = f;
  const top = energyDb[peak]!;
  let start = 0;
  while (start < peak && energyDb[start]! < top - 20) start++;
  const firstBelow = (drop: number): number => {
    for (let f = peak + 1; f < n; f++) if (energyDb[f]! < top - drop) return (f - peak) / frameRate;
    return (n - peak) / frameRate;
  };
  const tail = Math.max(1, Math.round(0.1 * frameRate));
  let tailPower = 0;
  for (let f = Math.max(0, n - tail); f < n; f++) tailPower += 10 ** (energyDb[f]! / 10);
  let active = 0;
  let weighted = 0;
  let total = 0;
  for (let f = 0; f < n; f++) {
    if (energyDb[f]! > top - 40) active++;
    const p = 10 ** (energyDb[f]! / 10);
    weighted += p * f;
    total += p;
  }
  return {
    peakTime: peak / frameRate,
    attackTime: (peak - start) / frameRate,
    decay20: firstBelow(20),
    decay40: firstBelow(40),
    endLevelDb: 10 * Math.log10(tailPower / Math.min(tail, n) + 1e-12) - top,
    activeDuration: active / frameRate,
    temporalCentroid: total > 0 ? weighted / total / frameRate / Math.max(duration, 1e-3) : 0,
  };
}

/** Peaks of the flux that stand out from their neighbourhood and from the noise floor. */
function onsetsOf(frames: FrameAnalysis): OnsetList {
  const { flux, energyDb, frameRate } = frames;
  const n = frames.frames;
  let max = 0;
  let loudest = -Infinity;
  for (let f = 0; f < n; f++) {
    max = Math.max(max, flux[f]!);
    loudest = Math.max(loudest, energyDb[f]!);
  }
  const times: number[] = [];
  const strengths: number[] = [];
  if (max <= 0) return { times, strengths };
  const gap = Math.round(0.05 * frameRate);
  const window = 8;
  let last = -gap;
  for (let f = 1; f < n - 1; f++) {
    const v = flux[f]!;
    if (v < 0.1 * max || v < flux[f - 1]! || v < flux[f + 1]!) continue;
    if (Math.max(energyDb[f]!, energyDb[f + 1]!) < loudest - 35) continue;
    let sum = 0;
    let count = 0;
    for (let g = Math.max(0, f - window); g <= Math.min(n - 1, f + window); g++) {
      sum += flux[g]!;
      count++;
    }
    if (v < (sum / count) * 1.5) continue;
    if (f - last < gap) continue;
    times.push(f / frameRate);
    strengths.push(v / max);
    last = f;
  }
  return { times, strengths };
}

function spectralOf(frames: FrameAnalysis): SpectralDescriptors {
  const { energyDb, centroid, rolloff, flatness, logMel, melBands, flux } = frames;
  const n = frames.frames;
  let loudest = -Infinity;
  for (let f = 0; f < n; f++) loudest = Math.max(loudest, energyDb[f]!);
  const centres = melBandCentres(melBands, frames.sampleRate);
  const bandOf = centres.map((hz) => BAND_EDGES.findIndex((edge) => hz < edge)).map((i) => (i < 0 ? BAND_EDGES.length : i));
  const bandPower = new Array<number>(BAND_EDGES.length + 1).fill(0);
  const mfccSum = new Array<number>(MFCC_COUNT).fill(0);
  const mfccSquares = new Array<number>(MFCC_COUNT).fill(0);
  const mfcc = new Array<number>(MFCC_COUNT).fill(0);
  let weightSum = 0;
  let c1 = 0;
  let c2 = 0;
  let roll = 0;
  let flat = 0;
  let fluxSum = 0;
  let activeFrames = 0;
  for (let f = 0; f < n; f++) {
    if (energyDb[f]! < loudest - 40) continue;
    const w = 10 ** ((energyDb[f]! - loudest) / 10);
    const logC = Math.log2(Math.max(20, centroid[f]!));
    weightSum += w;
    c1 += w * logC;
    c2 += w * logC * logC;
    roll += w * Math.log2(Math.max(20, rolloff[f]!));
    flat += w * flatness[f]!;
    fluxSum += flux[f]!;
    activeFrames++;
    for (let b = 0; b < melBands; b++) bandPower[bandOf[b]!]! += 10 ** logMel[f * melBands + b]!;
    dct(logMel, f * melBands, melBands, mfcc);
    for (let i = 0; i < MFCC_COUNT; i++) {
      mfccSum[i]! += w * mfcc[i]!;
      mfccSquares[i]! += w * mfcc[i]! * mfcc[i]!;
    }
  }
  const safe = weightSum > 0 ? weightSum : 1;
  const totalBand = bandPower.reduce((a, b) => a + b, 0) || 1;
  const centroidMean = c1 / safe;
  return {
    centroidMean,
    centroidStd: Math.sqrt(Math.max(0, c2 / safe - centroidMean * centroidMean)),
    rolloffMean: roll / safe,
    flatnessMean: flat / safe,
    bandShares: bandPower.map((p) => p / totalBand),
    mfccMean: mfccSum.map((s) => s / safe),
    mfccStd: mfccSquares.map((s, i) => Math.sqrt(Math.max(0, s / safe - (mfccSum[i]! / safe) ** 2))),
    fluxMean: activeFrames > 0 ? fluxSum / activeFrames : 0,
  };
}

const dctTables = new Map<number, Float64Array>();
/** DCT-II of one row of log mel energies into `out` (MFCCs). */
function dct(values: Float32Array, offset: number, length: number, out: number[]): void {
  let table = dctTables.get(length);
  if (!table) {
    table = new Float64Array(MFCC_COUNT * length);
    for (let i = 0; i < MFCC_COUNT; i++)
      for (let j = 0; j < length; j++) table[i * length + j] = Math.cos((Math.PI * i * (j + 0.5)) / length);
    dctTables.set(length, table);
  }
  for (let i = 0; i < MFCC_COUNT; i++) {
    let sum = 0;
    for (let j = 0; j < length; j++) sum += table[i * length + j]! * values[offset + j]!;
    out[i] = sum;
  }
}

/** YIN over up to 12 frames of the body of the sound (after the attack, while it is loud). */
function pitchOf(mono: Float32Array, sampleRate: number, frames: FrameAnalysis, envelope: EnvelopeDescriptors): PitchDescriptors {
  const low = halfRate(mono);
  const rate = sampleRate / 2;
  const { energyDb, frameRate } = frames;
  const peakDb = energyDb[Math.round(envelope.peakTime * frameRate)] ?? 0;
  const times: number[] = [];
  const start = envelope.peakTime + 0.03;
  const end = Math.min(mono.length / sampleRate - 2048 / rate, start + 1.5);
  const step = Math.max(0.03, (end - start) / 12);
  for (let t = start; t <= end && times.length < 12; t += step) {
    if ((energyDb[Math.round(t * frameRate)] ?? -Infinity) > peakDb - 30) times.push(t);
  }
  const frameCount = Math.max(1, times.length);
  const pitches = yinPitch(low, rate, times);
  const voiced = pitches.filter((p) => p.clarity > 0.8);
  const midis = voiced.map((p) => hzToMidi(p.hz)).sort((a, b) => a - b);
  const median = midis.length > 0 ? midis[Math.floor(midis.length / 2)]! : null;
  const spread = median === null ? 0 : Math.sqrt(midis.reduce((s, m) => s + (m - median) ** 2, 0) / midis.length);
  return {
    voicedFraction: voiced.length / frameCount,
    medianMidi: median,
    midiSpread: spread,
    clarityMean: pitches.reduce((s, p) => s + p.clarity, 0) / frameCount,
  };
}

const PROFILE_BANDS = 12;

function transientOf(frames: FrameAnalysis, envelope: EnvelopeDescriptors): TransientDescriptors {
  const { logMel, melBands, frameRate, centroid, flatness, flux, energyDb } = frames;
  const n = frames.frames;
  const peak = Math.min(n - 1, Math.round(envelope.peakTime * frameRate));
  const attackEnd = Math.min(n, peak + Math.max(1, Math.round(0.06 * frameRate)));
  const bodyEnd = Math.min(n, attackEnd + Math.round(0.25 * frameRate));
  const window = (from: number, to: number): { profile: number[]; centroid: number; flatness: number } => {
    const profile = new Array<number>(PROFILE_BANDS).fill(-10);
    if (to <= from) return { profile, centroid: 0, flatness: 0 };
    const perBand = melBands / PROFILE_BANDS;
    for (let p = 0; p < PROFILE_BANDS; p++) {
      let sum = 0;
      for (let f = from; f < to; f++)
        for (let b = Math.floor(p * perBand); b < Math.floor((p + 1) * perBand); b++) sum += 10 ** logMel[f * melBands + b]!;
      profile[p] = Math.log10(sum / (to - from) + 1e-10);
    }
    const top = Math.max(...profile);
    let c = 0;
    let fl = 0;
    for (let f = from; f < to; f++) {
      c += Math.log2(Math.max(20, centroid[f]!));
      fl += flatness[f]!;
    }
    return { profile: profile.map((v) => Math.max(-6, v - top)), centroid: c / (to - from), flatness: fl / (to - from) };
  };
  const attack = window(peak, attackEnd);
  const body = window(attackEnd, bodyEnd);
  let bursts = 0;
  const start = Math.max(1, peak - 2);
  const end = Math.min(n - 1, start + Math.round(0.08 * frameRate));
  let maxFlux = 0;
  for (let f = start; f <= end; f++) maxFlux = Math.max(maxFlux, flux[f]!);
  for (let f = start; f < end; f++) if (flux[f]! > 0.25 * maxFlux && flux[f]! >= flux[f - 1]! && flux[f]! > flux[f + 1]!) bursts++;
  const later = Math.min(n - 1, peak + Math.round(0.3 * frameRate));
  const decayRate = later > peak ? (energyDb[peak]! - energyDb[later]!) / ((later - peak) / frameRate) : 0;
  return {
    attackProfile: attack.profile,
    bodyProfile: body.profile,
    attackCentroid: attack.centroid,
    bodyCentroid: body.centroid || attack.centroid,
    attackFlatness: attack.flatness,
    bodyFlatness: body.flatness || attack.flatness,
    earlyBursts: bursts,
    decayRate,
  };
}

/** Everything the classifiers and estimators read, from one pass over a 44.1 kHz mono signal. */
export function describeSignal(mono: Float32Array, sampleRate: number): SignalDescriptors {
  const duration = mono.length / sampleRate;
  const frames = analyseFrames(mono, sampleRate);
  const envelope = envelopeOf(frames, duration);
  return {
    duration,
    frames,
    envelope,
    onsets: onsetsOf(frames),
    spectral: spectralOf(frames),
    pitch: pitchOf(mono, sampleRate, frames, envelope),
    transient: transientOf(frames, envelope),
  };
}
