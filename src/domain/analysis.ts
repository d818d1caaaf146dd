import type { AudioFormat } from './audioFormats';
import type { ErrorInfo } from './errors';
import type { EmbeddedMetadata, MetadataSource } from './metadata';

/** Where a value that is not the analysis's own came from: a chunk or tag in the file, or its name. */
export type ValueSource = MetadataSource | 'file-name';
import type { PitchName } from './music/pitch';

/**
 * Raised whenever the analyser's results change (its models, estimators or decoders). A sample
 * analysed by an earlier version is analysed again in the background, its corrections and the
 * user's edits kept. 1: everything before versions were recorded; 2: the loop-length tempo prior
 * and the 8-bit AIFF, RF64 and Ogg FLAC decoding fixes (2026-11-26); 3: category, tempo, key and
 * root from the file name (nameHints.ts), key confidence from four key profiles, the classifier
 * retrained on a reproducibly built extra-sounds folder (2026-11-26); 4: the tempo of loops not cut
 * to their bars (a tail, silence, a trim) from how their onsets repeat (loopLength.ts), MP3 inside
 * WAV decoded, and refused files tried again by each new version (2026-11-26); 5: a beat tracker's
 * tempo for loops whose length the onsets doubt (excerpts), damaged sample rates refused and NaN
 * samples read as silence (2026-11-27); 6: the classifier measures a sound from where it starts
 * to where its digital silence begins, scaled to full scale (silence around a hit or a quiet file
 * no longer changes its category), and is retrained so (2026-11-27); 7: a DC offset is taken out
 * where a sound rests off zero, and padding of any value is cut, retrained (2026-11-27); 8: the
 * classifier also trained on sounds as files recorded at 22-36 kHz read (2026-11-27); 9: a note
 * or chord held past the end of its file (struck once, its harmony still) is a one-shot with a
 * root note, not a loop with a tempo (heldSound.ts, 2026-11-27); 10: a loop with digital silence
 * after its last bar gets its tempo from the length up to the silence (loopTempo.ts, 2026-11-27).
 */
export const ANALYSIS_VERSION = 10;

/** Below this confidence a value is shown as a guess, not a fact. */
export const CONFIDENT = 0.5;

export type SampleKind = 'one-shot' | 'loop';
export type Scale = 'major' | 'minor';

/** Everything the analyser says about one audio file. Values it could not tell are null. */
/** How a file stores its samples, where it stores PCM (WAV, AIFF, FLAC). */
export interface PcmFormat {
  /** Bits per sample as the header states them (4 for IMA ADPCM, 8 for µ-law). */
  bits: number;
  /** IEEE float samples (32- or 64-bit). */
  float: boolean;
}

export interface AudioDescriptors {
  format: AudioFormat;
  /** Seconds of decoded audio. */
  duration: number;
  sampleRate: number;
  channels: number;
  /** How the file stores its samples; null for lossy codecs; absent in analyses made before 2026-11-27. */
  pcmFormat?: PcmFormat | null;
  /** Highest absolute sample value in dB relative to full scale; -Infinity is reported as null. */
  peakDbfs: number | null;
  /** EBU R128 integrated loudness; null for silence or audio too short to gate. */
  loudnessLufs: number | null;
  kind: SampleKind | null;
  /** 0..1 */
  kindConfidence: number | null;
  category: string | null;
  /** 0..1 */
  categoryConfidence: number | null;
  /** Tempo in beats per minute; always null for one-shots. */
  bpm: number | null;
  /** 0..1, how much the estimators agreed. */
  bpmConfidence: number | null;
  key: PitchName | null;
  scale: Scale | null;
  /** 0..1 */
  keyConfidence: number | null;
  /** Root note of a pitched one-shot (MIDI, C4 = 60). */
  rootMidi: number | null;
  /** 0..1 */
  rootConfidence: number | null;
  /** What the file's own tags and chunks say (ACID tempo, title ...), apart from the measured values; null when it has none. */
  /** Values taken from the file's own metadata or its name rather than the analysis, and where from. */
  valueSources?: Partial<Record<'kind' | 'category' | 'bpm' | 'key' | 'rootMidi', ValueSource>>;
  embedded?: EmbeddedMetadata | null;
}

/** Waveform overview: `bins` max-absolute values per file, scaled to 0..255. */
export type WaveformPeaks = Uint8Array;

export interface AnalysisSuccess {
  ok: true;
  descriptors: AudioDescriptors;
  peaks: WaveformPeaks;
  /** The sound embedding (SOUND_EMBEDDING_LAYOUT), null for silence. */
  embedding: Float32Array | null;
  /** Milliseconds spent decoding and analysing, for throughput figures. */
  timings: { decodeMs: number; analyseMs: number };
}

export interface AnalysisFailure {
  ok: false;
  error: ErrorInfo;
}

export type AnalysisOutcome = AnalysisSuccess | AnalysisFailure;

/** Number of waveform bins stored per sample. */
export const WAVEFORM_BINS = 600;
