import type { MusicalKey } from '../domain/music/camelot';
import { PITCH_NAMES, spellKeyTonic, toPitchName } from '../domain/music/pitch';

/** The value a key has in a <select> of KeyOptions ("F# minor"); '' for none. */
export const keyOptionValue = (key: MusicalKey | null | undefined): string => (key ? `${key.tonic} ${key.scale}` : '');

/** The key a KeyOptions value stands for, or null for '' (none). */
export function parseKeyOption(value: string): MusicalKey | null {
  const [tonic, scale] = value.split(' ');
  const pitch = tonic ? toPitchName(tonic) : null;
  return pitch ? { tonic: pitch, scale: scale === 'minor' ? 'minor' : 'major' } : null;
}

/** The 24 keys as <option>s grouped by scale, minor first (most loops are minor). */
export function KeyOptions() {
  return (
    <>
      {(['minor', 'major'] as const).map((scale) => (
        <optgroup key={scale} label={scale === 'major' ? 'Major' : 'Minor'}>
          {PITCH_NAMES.map((tonic) => (
            <option key={tonic + scale} value={keyOptionValue({ tonic, scale })}>
              {spellKeyTonic(tonic, scale)} {scale === 'major' ? 'maj' : 'min'}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
