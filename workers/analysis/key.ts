import type { Scale } from '../../src/domain/analysis';
import type { PitchName } from '../../src/domain/music/pitch';
import { toPitchName } from '../../src/domain/music/pitch';
import type { EssentiaApi } from './essentia';
import { withSignalVector } from './essentia';
import { resampleLinear } from './signal';

export interface KeyEstimate {
  key: PitchName;
  scale: Scale;
  /** 0..1: essentia's key strength, scaled by how many other key profiles agree (keyConfidence). */
  confidence: number;
}

/** Key profile: 'edma' measured best on the dev corpus's melodic loops (docs/decisions). */
export const KEY_PROFILE = 'edma';
/**
 * Profiles asked for a second opinion. Where they read another key, the loop's key is ambiguous
 * (a fifth, a relative or parallel key): on the corpus, two or three of them disagreed with 4 of
 * the 5 wrong keys and 2 of the 55 right ones (docs/CLASSIFIER.md).
 */
export const SECOND_OPINIONS = ['bgate', 'temperley', 'krumhansl'] as const;
/** They listen at half the rate: the key needs nothing above 3.5 kHz, and each costs ~17 ms instead of ~27. */
const SECOND_OPINION_RATE = 22050;

function keyExtractor(
  essentia: EssentiaApi,
  mono: Float32Array,
  sampleRate: number,
  profile: string,
): { key: PitchName; scale: Scale; strength: number } | null {
  const result = withSignalVector(essentia, mono, 'KeyExtractor', (signal) =>
    essentia.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, profile, sampleRate, 0.0001, 440, 'cosine', 'hann'),
  );
  const key = toPitchName(result.key);
  const scale: Scale | null = result.scale === 'major' || result.scale === 'minor' ? result.scale : null;
  return key && scale && result.strength > 0 ? { key, scale, strength: Math.min(1, result.strength) } : null;
}

/**
 * Key strength alone says little about being right (the corpus's wrong keys had 0.75-0.90, like the
 * right ones): it is scaled by the share of the four profiles that agree, so a key only one or two
 * of them read shows as uncertain.
 */
export function keyConfidence(strength: number, agreeingSecondOpinions: number): number {
  return (strength * (1 + agreeingSecondOpinions)) / (1 + SECOND_OPINIONS.length);
}

export function estimateKey(essentia: EssentiaApi, mono: Float32Array, sampleRate: number): KeyEstimate | null {
  const primary = keyExtractor(essentia, mono, sampleRate, KEY_PROFILE);
  if (!primary) return null;
  const half = resampleLinear(mono, sampleRate, SECOND_OPINION_RATE);
  const agreeing = SECOND_OPINIONS.filter((profile) => {
    const other = keyExtractor(essentia, half, SECOND_OPINION_RATE, profile);
    return other?.key === primary.key && other.scale === primary.scale;
  }).length;
  return { key: primary.key, scale: primary.scale, confidence: keyConfidence(primary.strength, agreeing) };
}
