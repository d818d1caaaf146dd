import type { AudioDescriptors } from './analysis';

/** Values the user set by hand. They win over the analysis, now and after any re-analysis. */
export type Corrections = Partial<Pick<AudioDescriptors, 'category' | 'kind' | 'bpm' | 'key' | 'scale' | 'rootMidi'>>;

export type CorrectableField = keyof Corrections;

/** Categories a user can choose from (the classifier's vocabulary). */
export const CATEGORIES = [
  'kick',
  'snare',
  'clap',
  'hihat',
  'tom',
  'cymbal',
  'percussion',
  'drum-loop',
  'bass',
  'keys',
  'lead',
  'pad',
  'pluck',
  'strings',
  'brass',
  'guitar',
  'woodwind',
  'vocal',
  'fx',
] as const;

/**
 * The analysis as the user sees it: corrected fields replaced, their confidence set to 1 (the
 * user is sure).
 */
export function effectiveAnalysis(analysis: AudioDescriptors | null, corrections: Corrections | undefined): AudioDescriptors | null {
  if (!analysis || !corrections || Object.keys(corrections).length === 0) return analysis;
  const out: AudioDescriptors = { ...analysis, ...corrections };
  if ('category' in corrections) out.categoryConfidence = 1;
  if ('kind' in corrections) out.kindConfidence = 1;
  if ('bpm' in corrections) out.bpmConfidence = 1;
  if ('key' in corrections || 'scale' in corrections) out.keyConfidence = 1;
  if ('rootMidi' in corrections) out.rootConfidence = 1;
  return out;
}
