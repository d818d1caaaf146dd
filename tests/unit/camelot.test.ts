import { describe, expect, it } from 'vitest';
import { camelotOf, compatibleKeys, formatCamelot, keyOfCamelot, scalePitchClasses } from '../../src/domain/music/camelot';
import { PITCH_NAMES } from '../../src/domain/music/pitch';

describe('Camelot wheel', () => {
  it('places keys where DJs expect them', () => {
    expect(formatCamelot(camelotOf({ tonic: 'C', scale: 'major' }))).toBe('8B');
    expect(formatCamelot(camelotOf({ tonic: 'A', scale: 'minor' }))).toBe('8A');
    expect(formatCamelot(camelotOf({ tonic: 'G', scale: 'major' }))).toBe('9B');
    expect(formatCamelot(camelotOf({ tonic: 'B', scale: 'major' }))).toBe('1B');
    expect(formatCamelot(camelotOf({ tonic: 'G#', scale: 'minor' }))).toBe('1A');
    expect(formatCamelot(camelotOf({ tonic: 'F', scale: 'minor' }))).toBe('4A');
    expect(formatCamelot(camelotOf({ tonic: 'C#', scale: 'minor' }))).toBe('12A');
  });

  it('maps every one of the 24 keys to a distinct code and back', () => {
    const codes = new Set<string>();
    for (const tonic of PITCH_NAMES) {
      for (const scale of ['major', 'minor'] as const) {
        const code = camelotOf({ tonic, scale });
        codes.add(formatCamelot(code));
        expect(keyOfCamelot(code)).toEqual({ tonic, scale });
      }
    }
    expect(codes.size).toBe(24);
  });

  it('lists the same key, the relative key and the neighbours a fifth away as compatible', () => {
    const names = (tonic: (typeof PITCH_NAMES)[number], scale: 'major' | 'minor') =>
      compatibleKeys({ tonic, scale }).map((k) => `${k.tonic} ${k.scale}`);
    expect(names('A', 'minor')).toEqual(['A minor', 'C major', 'E minor', 'D minor']);
    // Wraps around the wheel: 12B (E major) neighbours 1B (B major).
    expect(names('E', 'major')).toEqual(['E major', 'C# minor', 'B major', 'A major']);
  });

  it('spells the natural scales', () => {
    expect([...scalePitchClasses({ tonic: 'A', scale: 'minor' })].sort((a, b) => a - b)).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect([...scalePitchClasses({ tonic: 'D', scale: 'major' })].sort((a, b) => a - b)).toEqual([1, 2, 4, 6, 7, 9, 11]);
  });
});
