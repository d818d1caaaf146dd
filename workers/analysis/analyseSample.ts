import type { AnalysisOutcome, AudioDescriptors } from '../../src/domain/analysis';
import { WAVEFORM_BINS } from '../../src/domain/analysis';
import { SampleMindError, toErrorInfo } from '../../src/domain/errors';
import { decodeAudio } from './decode';
import type { EssentiaApi } from './essentia';
import { estimateKey } from './key';
import { classifyKind } from './kind';
import { integratedLoudness } from './loudness';
import { detectOnsets } from './onsets';
import { mixToMono, peakAbsolute, resampleLinear, toDb } from './signal';
import { estimateLoopTempo } from './tempo';
import { waveformPeaks } from './waveform';

/** Shorter than this, no descriptor means anything: the file is refused as too short. */
export const MIN_ANALYSIS_SECONDS = 0.02;
/** Peaks below this (-90 dBFS) count as digital silence. */
const SILENCE_PEAK = 10 ** (-90 / 20);
/** essentia's rhythm algorithms assume 44.1 kHz. */
const ANALYSIS_RATE = 44100;

export interface AnalysisDeps {
  essentia: EssentiaApi;
  now?: () => number;
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
        `only ${(duration * 1000).toFixed(0)} ms of audio: at least ${MIN_ANALYSIS_SECONDS * 1000} ms are needed for analysis`,
      );
    }
    const peak = peakAbsolute(audio.channelData);
    const descriptors: AudioDescriptors = {
      format: audio.format,
      duration,
      sampleRate: audio.sampleRate,
      channels: audio.channelData.length,
      peakDbfs: peak > 0 ? Math.round(toDb(peak) * 100) / 100 : null,
      loudnessLufs: null,
      kind: null,
      category: null,
      bpm: null,
      bpmConfidence: null,
      key: null,
      scale: null,
      keyConfidence: null,
      rootMidi: null,
    };
    if (peak >= SILENCE_PEAK) {
      const lufs = integratedLoudness(audio.channelData, audio.sampleRate);
      descriptors.loudnessLufs = lufs === null ? null : Math.round(lufs * 100) / 100;
      const mono = resampleLinear(mixToMono(audio.channelData), audio.sampleRate, ANALYSIS_RATE);
      const onsets = detectOnsets(mono, ANALYSIS_RATE);
      descriptors.kind = classifyKind(duration, onsets);
      if (descriptors.kind === 'loop') {
        const tempo = estimateLoopTempo(deps.essentia, mono, duration);
        descriptors.bpm = tempo?.bpm ?? null;
        descriptors.bpmConfidence = tempo ? Math.round(tempo.confidence * 100) / 100 : null;
      }
      const key = estimateKey(deps.essentia, mono, ANALYSIS_RATE);
      if (key) {
        descriptors.key = key.key;
        descriptors.scale = key.scale;
        descriptors.keyConfidence = Math.round(key.confidence * 100) / 100;
      }
    }
    const peaks = waveformPeaks(audio.channelData, WAVEFORM_BINS);
    const finished = now();
    return { ok: true, descriptors, peaks, timings: { decodeMs: decoded - started, analyseMs: finished - decoded } };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
