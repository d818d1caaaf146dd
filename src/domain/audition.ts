import { pitchNameOf, spellKeyTonic } from './music/pitch';

/** Loudness every preview is brought to when level matching is on (typical for one-shots and loops in a mix). */
export const PREVIEW_TARGET_LUFS = -16;
const MAX_BOOST_DB = 18;
/** Headroom kept below full scale when boosting a quiet sample, so matching never clips. */
const PEAK_CEILING_DBFS = -1;

/**
 * Gain in dB that plays a sample at the target loudness: cut loud ones, lift quiet ones only as
 * far as their peak allows. Unknown loudness (silence, too short to gate) plays unchanged.
 */
export function previewGainDb(loudnessLufs: number | null, peakDbfs: number | null, target = PREVIEW_TARGET_LUFS): number {
  if (loudnessLufs === null || !Number.isFinite(loudnessLufs)) return 0;
  let gain = target - loudnessLufs;
  if (gain > 0) {
    gain = Math.min(gain, MAX_BOOST_DB);
    if (peakDbfs !== null && Number.isFinite(peakDbfs)) gain = Math.min(gain, Math.max(0, PEAK_CEILING_DBFS - peakDbfs));
  }
  return Math.round(gain * 10) / 10;
}

/**
 * Playback rate that brings a loop from its tempo to the project's (1 when either is unknown).
 * Within an octave either way the loop is stretched to the tempo; beyond it, it plays in half or
 * double time (a 70 BPM loop in a 160 BPM project as 140), which keeps the stretch within 2x.
 */
export function tempoRatio(sampleBpm: number | null, projectBpm: number | null): number {
  if (!sampleBpm || !projectBpm || sampleBpm <= 0 || projectBpm <= 0) return 1;
  let ratio = projectBpm / sampleBpm;
  while (ratio > 2) ratio /= 2;
  while (ratio < 0.5) ratio *= 2;
  return ratio;
}

/** A key to transpose from or to: its tonic's pitch class, and its scale where it has one (a root note has none). */
export interface PitchCentre {
  pitchClass: number;
  scale: 'major' | 'minor' | null;
}

/**
 * Semitones that move a sample's key (or root note) to fit the project key, the short way round
 * (-6..+5), so a transposed preview stays close to the original sound. A minor loop in a major
 * project goes to the relative minor (A minor already fits C major: 0), a major one in a minor
 * project to the relative major; a root note goes to the project's tonic.
 */
export function semitonesToKey(sample: PitchCentre | null, project: PitchCentre | null): number {
  if (sample === null || project === null) return 0;
  const up = (((targetOf(sample.scale, project).pitchClass - sample.pitchClass) % 12) + 12) % 12;
  return up > 5 ? up - 12 : up;
}

/** Where semitonesToKey moves a sample of this scale: the project's key, or its relative where the scales differ. */
function targetOf(scale: PitchCentre['scale'], project: PitchCentre): PitchCentre {
  if (scale === 'minor' && project.scale === 'major') return { pitchClass: (project.pitchClass + 9) % 12, scale: 'minor' };
  if (scale === 'major' && project.scale === 'minor') return { pitchClass: (project.pitchClass + 3) % 12, scale: 'major' };
  return { pitchClass: project.pitchClass, scale: scale === null ? null : project.scale };
}

/**
 * The key a sample is moved to, as the playing readout names it: "C major" for a major loop in
 * an A minor project (its relative major), "A minor" for a minor one, "A" for a root note.
 */
export function targetKeyName(scale: PitchCentre['scale'], project: PitchCentre): string {
  const target = targetOf(scale, project);
  const tonic = spellKeyTonic(pitchNameOf(target.pitchClass), target.scale);
  return target.scale ? `${tonic} ${target.scale}` : tonic;
}

/**
 * Seconds of a loop to repeat when it loops over the metronome: its whole bars at its tempo, so it
 * keeps time with the click. A tail or silence after its last bar is left out; a loop trimmed a
 * little short of its last bar line (up to a tenth of a bar) repeats with silence up to it, so
 * this can be longer than the file. Null where the tempo is unknown or the file holds less than a bar.
 */
export function loopSeconds(durationSeconds: number, bpm: number | null): number | null {
  if (!bpm || bpm <= 0 || durationSeconds <= 0) return null;
  const bar = 240 / bpm;
  const bars = durationSeconds / bar;
  const whole = Math.round(bars);
  const kept = whole - bars > 0 && whole - bars <= 0.1 ? whole : Math.floor(bars + 1e-6);
  return kept >= 1 ? kept * bar : null;
}
