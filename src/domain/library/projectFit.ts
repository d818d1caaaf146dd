import { DRUM_CATEGORIES } from '../corrections';
import type { MusicalKey } from '../music/camelot';
import { compatibleKeys, sameKey, scalePitchClasses } from '../music/camelot';
import { spellKeyTonic } from '../music/pitch';
import type { SampleRow } from './sampleQuery';

/**
 * The project a "fits the project" filter asks about: its tempo and key. The filter always means
 * the project as it is now (fitToProject): a smart collection saved with it, or the last session's
 * filters, follow the top bar rather than the values they were saved with.
 */
export interface ProjectFit {
  bpm: number | null;
  key: MusicalKey | null;
}

/**
 * How far a loop's tempo may be from the project's (or its half or double) and still fit: a
 * stretch of 5 % is hardly heard, and at 126 BPM it takes in 120-132, about the range a producer
 * types by hand.
 */
export const FIT_TEMPO_TOLERANCE = 0.05;

/** The filter for the project as set, or null when it has neither tempo nor key. */
export function projectFitOf(bpm: number | null, key: MusicalKey | null): ProjectFit | null {
  return bpm === null && key === null ? null : { bpm, key: key ? { tonic: key.tonic, scale: key.scale } : null };
}

export const sameFit = (a: ProjectFit | null, b: ProjectFit | null): boolean =>
  a === b || (!!a && !!b && a.bpm === b.bpm && (a.key === b.key || (!!a.key && !!b.key && sameKey(a.key, b.key))));

/** The query with its "fits project" filter (if it has one) set to the project now; off when no project is set. */
export function fitToProject<Q extends { fits: ProjectFit | null }>(query: Q, project: ProjectFit | null): Q {
  return query.fits && !sameFit(query.fits, project) ? { ...query, fits: project } : query;
}

/** "126 BPM · A minor", "A minor", "126 BPM". */
export function projectFitLabel(fit: ProjectFit): string {
  const parts: string[] = [];
  if (fit.bpm !== null) parts.push(`${Math.round(fit.bpm * 100) / 100} BPM`);
  if (fit.key) parts.push(`${spellKeyTonic(fit.key.tonic, fit.key.scale)} ${fit.key.scale}`);
  return parts.join(' · ');
}

/**
 * The row test, built once per filter. What fits a project is what drops into it as it is:
 * - a sample with a tempo (a loop) at the project's tempo, its half or its double, within
 *   FIT_TEMPO_TOLERANCE; one without (a one-shot) fits any tempo;
 * - a sample with a key in a key that mixes with the project's (the same, its relative, the
 *   neighbours on the Camelot wheel); a pitched one-shot with its root note in the project's
 *   scale; drums (a tuned kick included: a sampler retunes it) and sounds without a pitch fit
 *   any key, so the filter keeps the drum loops a key filter hides.
 * A sample not analysed yet, or silent, fits nothing: nothing is known of it.
 */
export function projectFitMatcher(fit: ProjectFit): (row: SampleRow) => boolean {
  const { bpm, key } = fit;
  const keys = key ? compatibleKeys(key) : [];
  const scale = key ? scalePitchClasses(key) : null;
  const within = bpm === null ? 0 : bpm * FIT_TEMPO_TOLERANCE;
  const near = (t: number): boolean => bpm === null || Math.abs(t - bpm) <= within;
  // Called for every row of the library: no array per row.
  const tempoFits = (tempo: number): boolean => near(tempo) || near(tempo * 2) || near(tempo / 2);
  return (row) => {
    const a = row.analysis;
    // Not analysed yet, or silent (no kind): nothing is known of it, so nothing fits.
    if (!a?.kind) return false;
    if (a.bpm !== null && !tempoFits(a.bpm)) return false;
    if (!scale || (a.category !== null && DRUM_CATEGORIES.has(a.category))) return true;
    if (a.key && a.scale) {
      const sampleKey = { tonic: a.key, scale: a.scale };
      return keys.some((k) => sameKey(k, sampleKey));
    }
    return a.rootMidi === null || scale.has(a.rootMidi % 12);
  };
}
