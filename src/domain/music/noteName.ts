/** MIDI notes a root note may be: C-1 (0) to G9 (127), the range of the MIDI note number. */
export const MIDI_NOTE_RANGE = { min: 0, max: 127 } as const;

const LETTER_PITCH: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** A letter, an optional sharp or flat (ASCII or ♯ ♭), and an octave from -1 ("C-1", "g2", "F#3", "Bb1", "B♭ 1"). */
const NOTE_NAME = /^([a-g])\s*([#♯b♭]?)\s*(-?\d{1,2})$/i;

/**
 * A typed note in scientific pitch notation (C4 = MIDI 60) as a MIDI note; null when it is not
 * one or lies outside C-1..G9. The accidental moves the pitch, not the octave's number: "Cb4" is
 * B3 (59) and "B#3" is C4 (60), as a musician reads them.
 */
export function parseNoteName(text: string): number | null {
  const match = NOTE_NAME.exec(text.trim());
  if (!match) return null;
  const [, letter, accidental, octave] = match;
  const shift = accidental === '#' || accidental === '♯' ? 1 : accidental === '' ? 0 : -1;
  const midi = 12 * (Number(octave) + 1) + LETTER_PITCH[letter!.toUpperCase()]! + shift;
  return midi >= MIDI_NOTE_RANGE.min && midi <= MIDI_NOTE_RANGE.max ? midi : null;
}
