/** Pitch classes spelled with sharps, as the analysis reports them (C = 0). */
export const PITCH_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export type PitchName = (typeof PITCH_NAMES)[number];

/** Flats, and the sharps that name a white key, as the sharps and letters the analysis uses. */
const OTHER_SPELLINGS: Readonly<Record<string, PitchName>> = {
  Db: 'C#',
  Eb: 'D#',
  Gb: 'F#',
  Ab: 'G#',
  Bb: 'A#',
  Cb: 'B',
  Fb: 'E',
  'B#': 'C',
  'E#': 'F',
};

/** Accepts sharps or flats ("Eb", "D#", "eb"); null when the text is not a pitch name. */
export function toPitchName(text: string): PitchName | null {
  const t = text.trim().replace('♯', '#').replace('♭', 'b');
  if (t.length === 0) return null;
  const normal = t[0]!.toUpperCase() + t.slice(1).toLowerCase();
  if ((PITCH_NAMES as readonly string[]).includes(normal)) return normal as PitchName;
  return OTHER_SPELLINGS[normal] ?? null;
}

/**
 * How musicians spell a key's tonic: the key signature with the fewest accidentals, so "Bb major"
 * and "Eb minor" rather than "A# major" and "D# minor" (the analysis keeps sharps; this is display).
 */
const KEY_SPELLINGS: Readonly<Record<'major' | 'minor', Partial<Record<PitchName, string>>>> = {
  major: { 'C#': 'Db', 'D#': 'Eb', 'G#': 'Ab', 'A#': 'Bb' },
  minor: { 'D#': 'Eb', 'A#': 'Bb' },
};

/** The tonic of a key as musicians write it ("Bb" for A# major, "G#" for G# minor). */
export function spellKeyTonic(tonic: PitchName, scale: 'major' | 'minor' | null | undefined): string {
  return KEY_SPELLINGS[scale === 'minor' ? 'minor' : 'major'][tonic] ?? tonic;
}

export function pitchClassOf(name: PitchName): number {
  return PITCH_NAMES.indexOf(name);
}

export function pitchNameOf(pitchClass: number): PitchName {
  return PITCH_NAMES[((pitchClass % 12) + 12) % 12]!;
}

/** Scientific pitch notation, C4 = MIDI 60. */
export function midiToNoteName(midi: number): string {
  return `${pitchNameOf(midi)}${Math.floor(midi / 12) - 1}`;
}

/** MIDI notes a root note may be: C-1 (0) to G9 (127), the range of the MIDI note number. */
export const MIDI_NOTE_RANGE = { min: 0, max: 127 } as const;

/** A pitch name (toPitchName's spellings) and an octave from -1: "C-1", "g2", "F#3", "Bb1", "B♭ 1". */
const NOTE_NAME = /^([a-g]\s*[#♯b♭]?)\s*(-?\d{1,2})$/i;

/**
 * A note in scientific pitch notation (C4 = MIDI 60) as a MIDI note; null when it is not one or
 * lies outside C-1..G9. The accidental moves the pitch, not the octave's number: "Cb4" is B3 (59)
 * and "B#3" is C4 (60), as a musician reads them.
 */
export function parseNoteName(text: string): number | null {
  const match = NOTE_NAME.exec(text.trim());
  const name = match ? toPitchName(match[1]!.replace(/\s+/g, '')) : null;
  if (!name) return null;
  const letter = match![1]![0]!.toUpperCase();
  // toPitchName spells Cb as B and B# as C: the octave they cross into is the written one's neighbour.
  const crossed = letter === 'C' && name === 'B' ? -12 : letter === 'B' && name === 'C' ? 12 : 0;
  const midi = 12 * (Number(match![2]) + 1) + pitchClassOf(name) + crossed;
  return midi >= MIDI_NOTE_RANGE.min && midi <= MIDI_NOTE_RANGE.max ? midi : null;
}
