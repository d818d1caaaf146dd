import type { Scale } from '../../src/domain/analysis';
import type { PitchName } from '../../src/domain/music/pitch';
import { toPitchName } from '../../src/domain/music/pitch';
import type { EssentiaApi } from './essentia';
import { withSignalVector } from './essentia';

export interface KeyEstimate {
  key: PitchName;
  scale: Scale;
  /** 0..1, essentia's key strength (correlation with the profile). */
  confidence: number;
}

/** Key profile: 'edma' measured best on the dev corpus's melodic loops (docs/decisions). */
export const KEY_PROFILE = 'edma';

export function estimateKey(essentia: EssentiaApi, mono: Float32Array, sampleRate: number, profile = KEY_PROFILE): KeyEstimate | null {
  const result = withSignalVector(essentia, mono, 'KeyExtractor', (signal) =>
    essentia.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, profile, sampleRate, 0.0001, 440, 'cosine', 'hann'),
  );
  const key = toPitchName(result.key);
  const scale = result.scale === 'major' || result.scale === 'minor' ? result.scale : null;
  if (!key || !scale || !(result.strength > 0)) return null;
  return { key, scale, confidence: Math.min(1, Math.max(0, result.strength)) };
}
