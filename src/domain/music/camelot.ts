import type { Scale } from '../analysis';
import type { PitchName } from './pitch';
import { pitchClassOf, pitchNameOf } from './pitch';

export interface MusicalKey {
  tonic: PitchName;
  scale: Scale;
}

/** A position on the Camelot wheel: 1..12, A for minor, B for major ("8A" is A minor). */
export interface CamelotCode {
  number: number;
  letter: 'A' | 'B';
}

/** The wheel steps by fifths: C major is 8B, G major 9B; a minor key shares its relative major's number. */
export function camelotOf(key: MusicalKey): CamelotCode {
  const majorPitchClass = key.scale === 'major' ? pitchClassOf(key.tonic) : (pitchClassOf(key.tonic) + 3) % 12;
  return { number: ((majorPitchClass * 7 + 7) % 12) + 1, letter: key.scale === 'major' ? 'B' : 'A' };
}

export function keyOfCamelot(code: CamelotCode): MusicalKey {
  // Inverse of camelotOf: 7 is its own inverse modulo 12.
  const majorPitchClass = ((((code.number - 1 - 7) * 7) % 12) + 12) % 12;
  return code.letter === 'B'
    ? { tonic: pitchNameOf(majorPitchClass), scale: 'major' }
    : { tonic: pitchNameOf(majorPitchClass + 9), scale: 'minor' };
}

export function formatCamelot(code: CamelotCode): string {
  return `${code.number}${code.letter}`;
}

const wrap = (n: number): number => ((((n - 1) % 12) + 12) % 12) + 1;

/**
 * Keys that mix harmonically with `key`, the DJ's rule of thumb: the same key, its relative
 * major/minor (same number, other letter) and the neighbours a fifth up and down (±1, same letter).
 */
export function compatibleKeys(key: MusicalKey): MusicalKey[] {
  const { number, letter } = camelotOf(key);
  return [
    { number, letter },
    { number, letter: letter === 'A' ? 'B' : 'A' },
    { number: wrap(number + 1), letter },
    { number: wrap(number - 1), letter },
  ].map((code) => keyOfCamelot(code as CamelotCode));
}

const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11];
const MINOR_STEPS = [0, 2, 3, 5, 7, 8, 10];

/** Pitch classes of the key's (natural) scale. */
export function scalePitchClasses(key: MusicalKey): Set<number> {
  const tonic = pitchClassOf(key.tonic);
  return new Set((key.scale === 'major' ? MAJOR_STEPS : MINOR_STEPS).map((step) => (tonic + step) % 12));
}

export const sameKey = (a: MusicalKey, b: MusicalKey): boolean => a.tonic === b.tonic && a.scale === b.scale;
