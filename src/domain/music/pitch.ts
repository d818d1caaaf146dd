/** Pitch classes spelled with sharps, as the analysis reports them (C = 0). */
export const PITCH_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export type PitchName = (typeof PITCH_NAMES)[number];

const FLAT_TO_SHARP: Readonly<Record<string, PitchName>> = {
  Db: 'C#',
  Eb: 'D#',
  Gb: 'F#',
  Ab: 'G#',
  Bb: 'A#',
  Cb: 'B',
  Fb: 'E',
};

/** Accepts sharps or flats ("Eb", "D#", "eb"); null when the text is not a pitch name. */
export function toPitchName(text: string): PitchName | null {
  const t = text.trim().replace('♯', '#').replace('♭', 'b');
  if (t.length === 0) return null;
  const normal = t[0]!.toUpperCase() + t.slice(1).toLowerCase();
  if ((PITCH_NAMES as readonly string[]).includes(normal)) return normal as PitchName;
  return FLAT_TO_SHARP[normal] ?? null;
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
