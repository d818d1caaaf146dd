import type { AudioDescriptors, SampleKind } from './analysis';

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
 * The patch for the user saying what kind a sample is: choosing what the analysis said removes the
 * correction, so the panel does not show "set by you" for a value nobody changed.
 */
export function kindCorrection(measuredKind: SampleKind | null | undefined, kind: SampleKind): CorrectionPatch {
  return { kind: kind === measuredKind ? null : kind };
}

/**
 * The analysis as the user sees it: corrected fields replaced, their confidence set to 1 (the
 * user is sure).
 *
 * A sample shows its kind's values only: a one-shot no tempo, a loop no root note (the analysis
 * never gives them either). So a loop made a one-shot loses its tempo, and its key too (it gets a
 * root note, or none until one is typed); a one-shot made a loop has no tempo until one is typed.
 * Corrections of hidden values are kept, so changing the kind back brings them back.
 */
export function effectiveAnalysis(analysis: AudioDescriptors | null, corrections: Corrections | undefined): AudioDescriptors | null {
  if (!analysis || !corrections || Object.keys(corrections).length === 0) return analysis;
  const out: AudioDescriptors = { ...analysis, ...corrections };
  if ('category' in corrections) out.categoryConfidence = 1;
  if ('kind' in corrections) out.kindConfidence = 1;
  if ('bpm' in corrections) out.bpmConfidence = 1;
  if ('key' in corrections || 'scale' in corrections) out.keyConfidence = 1;
  if ('rootMidi' in corrections) out.rootConfidence = 1;
  // Else a loop made a one-shot would still match a BPM filter and be transposed by its old key.
  const hidden: string[] = out.kind === 'one-shot' ? ['bpm'] : out.kind === 'loop' ? ['rootMidi'] : [];
  if (out.kind === 'one-shot' && analysis.kind !== 'one-shot') hidden.push('key');
  if (hidden.includes('bpm')) Object.assign(out, { bpm: null, bpmConfidence: null });
  if (hidden.includes('key')) Object.assign(out, { key: null, scale: null, keyConfidence: null });
  if (hidden.includes('rootMidi')) Object.assign(out, { rootMidi: null, rootConfidence: null });
  if (out.valueSources && hidden.length > 0) {
    out.valueSources = Object.fromEntries(Object.entries(out.valueSources).filter(([field]) => !hidden.includes(field)));
  }
  return out;
}
