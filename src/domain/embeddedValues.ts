import type { AudioDescriptors } from './analysis';
import type { EmbeddedMetadata } from './metadata';

/** Confidence given to a tempo or key the file states and the audio agrees with. */
const STATED_CONFIDENCE = 0.97;
/** How far from a whole number of beats a stated tempo may put a loop's length. */
const BEAT_TOLERANCE = 0.06;

/** How far from the analysed tempo (or its double or half) a stated one may be and still agree. */
const TEMPO_AGREEMENT = 0.02;

/** Whether a stated tempo makes the loop a whole number of beats long (tools write a default 120 into anything). */
function fitsWholeBeats(durationSeconds: number, bpm: number): boolean {
  const beats = (durationSeconds * bpm) / 60;
  return beats >= 1 && Math.abs(beats - Math.round(beats)) < BEAT_TOLERANCE;
}

/**
 * Whether the audio supports a stated tempo: it makes the loop a whole number of beats, or, for
 * a loop with a tail or cut short (whose length says nothing), the onsets repeat at it or an octave
 * of it (the analysed tempo).
 */
export function audioSupportsTempo(d: Pick<AudioDescriptors, 'duration' | 'bpm'>, bpm: number): boolean {
  if (fitsWholeBeats(d.duration, bpm)) return true;
  const analysed = d.bpm;
  return analysed !== null && analysed > 0 && [0.5, 1, 2].some((octave) => Math.abs((bpm * octave) / analysed - 1) < TEMPO_AGREEMENT);
}

/**
 * Lets what a file says about itself (an ACID tempo, a tagged key, a sampler root note) win over
 * the analysis where the audio supports it: a stated tempo must fit the loop's length in whole
 * beats or the tempo its onsets repeat at (tools write a default 120 into files that are nothing
 * of the sort), and a stated root note must be the pitch class we hear unless we heard none
 * clearly.
 */
export function withEmbeddedValues(d: AudioDescriptors, embedded: EmbeddedMetadata | null | undefined): AudioDescriptors {
  if (!embedded) return d;
  const out: AudioDescriptors = { ...d };
  const sources: NonNullable<AudioDescriptors['valueSources']> = { ...d.valueSources };
  // The ACID one-shot flag is set on purpose by whoever made the sample.
  if (embedded.kind && embedded.kind.value !== d.kind) {
    out.kind = embedded.kind.value;
    out.kindConfidence = STATED_CONFIDENCE;
    sources.kind = embedded.kind.source;
    if (out.kind === 'one-shot') {
      out.bpm = null;
      out.bpmConfidence = null;
    }
  }
  if (out.kind === 'loop' && embedded.bpm) {
    if (audioSupportsTempo(d, embedded.bpm.value)) {
      out.bpm = Math.round(embedded.bpm.value * 100) / 100;
      out.bpmConfidence = STATED_CONFIDENCE;
      sources.bpm = embedded.bpm.source;
    }
  }
  if (out.kind === 'loop' && d.category !== 'drum-loop' && embedded.key?.scale) {
    out.key = embedded.key.tonic;
    out.scale = embedded.key.scale;
    out.keyConfidence = STATED_CONFIDENCE;
    sources.key = embedded.key.source;
  }
  if (out.kind === 'one-shot' && embedded.rootMidi && d.rootMidi !== null) {
    const samePitchClass = embedded.rootMidi.value % 12 === d.rootMidi % 12;
    if (samePitchClass || (d.rootConfidence ?? 0) < 0.5) {
      out.rootMidi = embedded.rootMidi.value;
      out.rootConfidence = samePitchClass ? STATED_CONFIDENCE : 0.6;
      sources.rootMidi = embedded.rootMidi.source;
    }
  }
  if (Object.keys(sources).length > 0) out.valueSources = sources;
  return out;
}
