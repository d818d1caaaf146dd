import type { AnalysisOutcome, AudioDescriptors, SampleKind } from '../../src/domain/analysis';
import { WAVEFORM_BINS } from '../../src/domain/analysis';
import { SampleMindError, toErrorInfo } from '../../src/domain/errors';
import type { Classifier } from './classifier';
import { decodeAudio } from './decode';
import { soundEmbedding } from './embedding';
import type { EssentiaApi } from './essentia';
import { HELD_SOUND_CONFIDENCE, isHeldSound } from './heldSound';
import { estimateKey } from './key';
import { integratedLoudness } from './loudness';
import { withEmbeddedValues } from '../../src/domain/embeddedValues';
import { categoryFromName, hintsFromFileName, NAME_CONFIDENCE, withNamedValues, type NameHints } from '../../src/domain/nameHints';
import { readEmbeddedMetadata } from './metadata/index';
import { MEASURE_RATE, measureSound, withHarmony, type Measurement } from './measure';
import octaveModel from './models/tempo-octave.json';
import { mixToMono, peakAbsolute, resampleLinear, toDb } from './signal';
import { loopTempo } from './loopTempo';
import { estimateLoopTempo, trackedTempo } from './tempo';
import type { OctaveModel } from './tempoModel';
import { waveformPeaks } from './waveform';

/** Shorter than this, no descriptor means anything: the file is refused as too short. */
export const MIN_ANALYSIS_SECONDS = 0.02;
/** Peaks below this (-90 dBFS) count as digital silence. */
const SILENCE_PEAK = 10 ** (-90 / 20);
/** No loop is shorter than one bar at 200 BPM. */
const MIN_LOOP_SECONDS = 1.1;
/** Categories with a pitch worth naming (drums too: a tuned kick or tom has a root). */
const UNPITCHED = new Set(['hihat', 'cymbal', 'snare', 'clap', 'vocal', 'drum-loop']);

export interface AnalysisDeps {
  essentia: EssentiaApi;
  classifier: Classifier;
  now?: () => number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function emptyDescriptors(format: AudioDescriptors['format'], duration: number, sampleRate: number, channels: number): AudioDescriptors {
  return {
    format,
    duration,
    sampleRate,
    channels,
    peakDbfs: null,
    loudnessLufs: null,
    kind: null,
    kindConfidence: null,
    category: null,
    categoryConfidence: null,
    bpm: null,
    bpmConfidence: null,
    key: null,
    scale: null,
    keyConfidence: null,
    rootMidi: null,
    rootConfidence: null,
  };
}

/** Root note of a one-shot from its tracked pitch, with the share of clearly pitched frames as confidence. */
function rootOf(m: Measurement, category: string): { midi: number; confidence: number } | null {
  const { medianMidi, voicedFraction, clarityMean } = m.signal.pitch;
  if (medianMidi === null || UNPITCHED.has(category) || voicedFraction < 0.3) return null;
  const confidence = round2(Math.min(1, voicedFraction * clarityMean));
  // A pitch found in a few frames of a drum hit is noise, not a note worth showing.
  return confidence < 0.3 ? null : { midi: Math.round(medianMidi), confidence };
}

/**
 * Kind and category as the file name states them (nameHints.ts), marked as from the name. A kind
 * the file's tags state (the ACID one-shot flag) wins over the name's, and the named category is
 * fitted to it.
 */
function applyNamedKindAndCategory(d: AudioDescriptors, names: NameHints, probabilities: Record<string, number>): void {
  const sources: NonNullable<AudioDescriptors['valueSources']> = { ...d.valueSources };
  const statedKind = d.embedded?.kind?.value ?? null;
  const namedKind = statedKind || (names.kind === 'loop' && d.duration < MIN_LOOP_SECONDS) ? null : names.kind;
  if (namedKind && namedKind !== d.kind) {
    d.kind = namedKind;
    d.kindConfidence = NAME_CONFIDENCE;
    sources.kind = 'file-name';
  }
  const named = categoryFromName(names, statedKind ?? d.kind!, probabilities);
  if (named) {
    d.category = named.category;
    d.categoryConfidence = round2(named.confidence);
    sources.category = 'file-name';
  }
  if (Object.keys(sources).length > 0) d.valueSources = sources;
}

/**
 * Decodes one file and describes it. Never throws: failures come back as `{ ok: false }` with
 * a code and a message naming the reason, so one bad file cannot stop a batch.
 */
export async function analyseSample(bytes: Uint8Array, fileName: string, deps: AnalysisDeps): Promise<AnalysisOutcome> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  try {
    const audio = await decodeAudio(bytes, fileName);
    const decoded = now();
    const frames = audio.channelData[0]!.length;
    const duration = frames / audio.sampleRate;
    if (duration < MIN_ANALYSIS_SECONDS) {
      throw new SampleMindError(
        'too_short',
        `${duration < 0.001 ? 'less than 1' : `only ${(duration * 1000).toFixed(0)}`} ms of audio: at least ${MIN_ANALYSIS_SECONDS * 1000} ms are needed for analysis`,
      );
    }
    const d = emptyDescriptors(audio.format, duration, audio.sampleRate, audio.channelData.length);
    d.pcmFormat = audio.pcmFormat;
    const names = hintsFromFileName(fileName);
    /** Silence has no sound to compare: no embedding. */
    let embedding: Float32Array | null = null;
    d.embedded = readEmbeddedMetadata(bytes, audio.format);
    const peak = peakAbsolute(audio.channelData);
    if (peak > 0) d.peakDbfs = round2(toDb(peak));
    if (peak >= SILENCE_PEAK) {
      const lufs = integratedLoudness(audio.channelData, audio.sampleRate);
      d.loudnessLufs = lufs === null ? null : round2(lufs);
      const mono = resampleLinear(mixToMono(audio.channelData), audio.sampleRate, MEASURE_RATE);
      const { m, whole: measureWhole, beforePadding } = measureSound(mono);
      const classified = await deps.classifier.classify(m.features);
      const { category, kind, standardised, character } = classified;
      embedding = soundEmbedding({ features: m.features, standardised, character });
      d.category = category.label;
      d.categoryConfidence = round2(category.confidence);
      d.kind = (duration < MIN_LOOP_SECONDS ? 'one-shot' : kind.label) as SampleKind;
      d.kindConfidence = duration < MIN_LOOP_SECONDS ? 1 : round2(kind.confidence);
      // A loop's tempo comes from its whole length, silence before its first hit included.
      let whole: Measurement | null = d.kind === 'loop' ? withHarmony(measureWhole(), mono) : null;
      if (whole?.chroma && isHeldSound(m, whole.chroma)) {
        d.kind = 'one-shot';
        d.kindConfidence = HELD_SOUND_CONFIDENCE;
      }
      // The name's word on kind and category comes first: the tempo and key depend on them.
      applyNamedKindAndCategory(d, names, classified.categoryProbabilities);
      if (d.kind === 'loop') {
        whole ??= withHarmony(measureWhole(), mono);
        const { candidates, chroma } = whole;
        const isDrumLoop = d.category === 'drum-loop';
        const tempo =
          loopTempo(
            whole.signal,
            chroma,
            candidates,
            octaveModel as OctaveModel,
            isDrumLoop,
            () => trackedTempo(deps.essentia, mono),
            beforePadding,
          ) ?? estimateLoopTempo(deps.essentia, mono, duration);
        d.bpm = tempo?.bpm ?? null;
        d.bpmConfidence = tempo ? round2(tempo.confidence) : null;
        if (d.category !== 'drum-loop') {
          const key = estimateKey(deps.essentia, mono, MEASURE_RATE);
          if (key) {
            d.key = key.key;
            d.scale = key.scale;
            d.keyConfidence = round2(key.confidence);
          }
        }
      } else {
        const root = rootOf(m, d.category!);
        d.rootMidi = root?.midi ?? null;
        d.rootConfidence = root?.confidence ?? null;
      }
    }
    const peaks = waveformPeaks(audio.channelData, WAVEFORM_BINS);
    const finished = now();
    return {
      ok: true,
      descriptors: withNamedValues(withEmbeddedValues(d, d.embedded), names, d.category !== null && !UNPITCHED.has(d.category)),
      peaks,
      embedding,
      timings: { decodeMs: decoded - started, analyseMs: finished - decoded },
    };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
