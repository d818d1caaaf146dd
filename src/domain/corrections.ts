import type { AudioDescriptors } from './analysis';

/** Values the user set by hand. They win over the analysis, now and after any re-analysis. */
export type Corrections = Partial<Pick<AudioDescriptors, 'category' | 'kind' | 'bpm' | 'key' | 'scale' | 'rootMidi'>>;

export type CorrectableField = keyof Corrections;

/** Corrections to set, or with null to remove (back to the analysis). */
export type CorrectionPatch = { [K in CorrectableField]?: Corrections[K] | null };

/** Applies a patch to a sample's corrections. */
export function patchCorrections(current: Corrections | undefined, patch: CorrectionPatch): Corrections {
  const merged: Record<string, unknown> = { ...current, ...patch };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined)) as Corrections;
}

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

/** Categories of drums and drum loops: unpitched for auditioning (no key to follow). */
export const DRUM_CATEGORIES: ReadonlySet<string> = new Set(['kick', 'snare', 'clap', 'hihat', 'tom', 'cymbal', 'percussion', 'drum-loop']);

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
