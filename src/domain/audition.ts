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

/** Playback rate that brings a loop from its tempo to the project's (1 when either is unknown or the ratio is absurd). */
export function tempoRatio(sampleBpm: number | null, projectBpm: number | null): number {
  if (!sampleBpm || !projectBpm) return 1;
  const ratio = projectBpm / sampleBpm;
  return ratio >= 0.5 && ratio <= 2 ? ratio : 1;
}

/**
 * Semitones that move a sample's key (or root note's pitch class) to the project key's tonic,
 * the short way round (-6..+5), so a transposed preview stays close to the original sound.
 */
export function semitonesToKey(samplePitchClass: number | null, projectPitchClass: number | null): number {
  if (samplePitchClass === null || projectPitchClass === null) return 0;
  const up = (((projectPitchClass - samplePitchClass) % 12) + 12) % 12;
  return up > 5 ? up - 12 : up;
}

/**
 * Seconds of a loop to repeat when it loops over the metronome: its whole bars at its tempo. A
 * loop cut to its bars, or trimmed a little short of them, repeats whole (null); one with a tail
 * or silence after its last bar repeats without them, so it keeps time. Null too where the tempo
 * is unknown or the file holds less than a bar.
 */
export function loopSeconds(durationSeconds: number, bpm: number | null): number | null {
  if (!bpm || bpm <= 0 || durationSeconds <= 0) return null;
  const bar = 240 / bpm;
  const bars = durationSeconds / bar;
  const whole = Math.round(bars);
  // Whole bars (to a hundredth), or up to a tenth of a bar short of them (trimmed): nothing to leave out.
  if (bars - whole <= 0.01 && whole - bars <= 0.1) return null;
  const kept = Math.floor(bars + 1e-6);
  return kept >= 1 ? kept * bar : null;
}
