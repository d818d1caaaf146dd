import type { Chromagram } from './chroma';
import { harmonicNovelty } from './chroma';
import type { Measurement } from './measure';

/** Onsets at least this strong (against the strongest) are notes struck again, not a held note's vibrato. */
const STRUCK_ONSET = 0.3;
/** Harmony that moves less than this (harmonicNovelty, a cosine distance) stays put. */
const STILL_HARMONY = 0.15;
/**
 * The kind's confidence where this check turns a loop into a one-shot: no loop of the corpus or
 * of its 456 augmented copies meets it, but it is a rule, not the model (a file name says 0.9).
 */
export const HELD_SOUND_CONFIDENCE = 0.8;

/**
 * Whether a sound the classifier read as a loop is one note or chord held past the end of its
 * file, as sample packs export pads, strings and organ notes: struck once (at most one strong
 * onset) and with a harmony that never moves. The corpus's one-shots all fade out, so the
 * classifier read a long sound that ends abruptly as a loop, and gave it a tempo from its length:
 * 94 of 160 such notes and chords of FluidR3 programs the corpus does not use. A loop of one
 * chord struck in a rhythm is struck again; a pad loop's chords move.
 */
export function isHeldSound(m: Measurement, wholeChroma: Chromagram): boolean {
  const struck = m.signal.onsets.strengths.filter((s) => s >= STRUCK_ONSET).length;
  return struck <= 1 && harmonicNovelty(wholeChroma) < STILL_HARMONY;
}
