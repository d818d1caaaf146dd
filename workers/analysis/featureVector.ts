import type { SignalDescriptors } from './descriptors';
import type { TempoCandidate } from './rhythm';

/**
 * The classifier's input: one fixed-order vector per sound, every entry independent of gain.
 * Documented with the training in docs/CLASSIFIER.md; changing it means retraining the model.
 */
export const FEATURE_NAMES: readonly string[] = [
  'log duration',
  'attack time (s)',
  'log decay to -20 dB',
  'log decay to -40 dB',
  'end level (dB / 100)',
  'active share of duration',
  'temporal centroid',
  'onsets per second',
  'log onset count',
  'onset span share',
  'quarters with onsets',
  'spectral centroid (log2 Hz)',
  'centroid spread (octaves)',
  'rolloff (log2 Hz)',
  'flatness',
  'energy < 120 Hz',
  'energy 120-400 Hz',
  'energy 400-1500 Hz',
  'energy 1.5-5 kHz',
  'energy 5-10 kHz',
  'energy > 10 kHz',
  'mean flux',
  ...Array.from({ length: 13 }, (_, i) => `mfcc ${i} mean`),
  ...Array.from({ length: 13 }, (_, i) => `mfcc ${i} std`),
  'voiced share',
  'pitch (MIDI / 100, 0 if none)',
  'pitch spread (semitones / 12)',
  'pitch clarity',
  'peak to loudness (dB / 20)',
  'best beat-grid salience (log)',
  'tempo candidates',
  ...Array.from({ length: 12 }, (_, i) => `attack band ${i} (log, relative)`),
  ...Array.from({ length: 12 }, (_, i) => `body band ${i} (log, relative)`),
  'attack centroid (log2 Hz / 10)',
  'body centroid (log2 Hz / 10)',
  'attack flatness',
  'body flatness',
  'early bursts',
  'decay rate (dB/s / 100)',
];

export const FEATURE_COUNT = FEATURE_NAMES.length;

export function featureVector(signal: SignalDescriptors, crestDb: number, candidates: readonly TempoCandidate[]): Float32Array {
  const { duration, envelope: e, onsets, spectral: s, pitch: p } = signal;
  const times = onsets.times;
  const span = times.length > 1 ? (times[times.length - 1]! - times[0]!) / duration : 0;
  const quarters = new Set(times.map((t) => Math.min(3, Math.floor((4 * t) / duration)))).size / 4;
  const bestGrid = candidates.reduce((best, c) => Math.max(best, c.features[2] ?? 0), -3);
  const values = [
    Math.log(duration),
    Math.min(2, e.attackTime),
    Math.log(e.decay20 + 0.01),
    Math.log(e.decay40 + 0.01),
    Math.max(-1.2, e.endLevelDb / 100),
    e.activeDuration / duration,
    e.temporalCentroid,
    Math.min(40, times.length / duration) / 10,
    Math.log1p(times.length),
    span,
    quarters,
    s.centroidMean / 10,
    s.centroidStd,
    s.rolloffMean / 10,
    s.flatnessMean,
    ...s.bandShares,
    s.fluxMean / 10,
    ...s.mfccMean.map((m) => m / 10),
    ...s.mfccStd.map((m) => m / 5),
    p.voicedFraction,
    p.medianMidi === null ? 0 : p.medianMidi / 100,
    p.midiSpread / 12,
    p.clarityMean,
    crestDb / 20,
    bestGrid,
    candidates.length / 2,
    ...signal.transient.attackProfile.map((v) => v / 3),
    ...signal.transient.bodyProfile.map((v) => v / 3),
    signal.transient.attackCentroid / 10,
    signal.transient.bodyCentroid / 10,
    signal.transient.attackFlatness,
    signal.transient.bodyFlatness,
    Math.min(6, signal.transient.earlyBursts) / 3,
    Math.min(400, signal.transient.decayRate) / 100,
  ];
  if (values.length !== FEATURE_COUNT) throw new Error(`feature vector has ${values.length} entries, expected ${FEATURE_COUNT}`);
  return Float32Array.from(values, (v) => (Number.isFinite(v) ? v : 0));
}
