/** What the user is asked before a restore and told after it (RestoreReport from planRestore). */
import { formatCount } from './format';
import type { RestoreReport } from './backup';

const count = (n: number, noun: string): string => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
const USER_DATA = 'tags, ratings, favourites, notes and corrections';

function leftAlone(report: RestoreReport, past: boolean): string {
  const parts: string[] = [];
  if (report.notInBackup > 0) parts.push(count(report.notInBackup, 'sample'));
  if (report.otherCollections > 0) parts.push(count(report.otherCollections, 'collection'));
  if (parts.length === 0) return '';
  const one = report.notInBackup + report.otherCollections === 1;
  const verb = past ? (one ? 'was left as it was' : 'were left as they were') : one ? 'stays as it is' : 'stay as they are';
  return ` ${parts.join(' and ')} not in the backup ${verb}.`;
}

const notInLibrary = (n: number): string => `${count(n, 'sample')} in the backup ${n === 1 ? 'is' : 'are'} not in the library`;

/**
 * The question before a restore: how many samples it changes first (a backup lists every sample,
 * most with nothing on them, so "replaces … of 355 samples" read as if it touched them all),
 * then what it leaves alone. `madeOn`: the backup's date, as shown.
 */
export function restoreQuestion(report: RestoreReport, fileName: string, madeOn: string): string {
  const { samples, changed } = report;
  const its = samples === 1 ? 'its sample' : `its ${count(samples, 'sample')}`;
  const who =
    changed === samples
      ? samples === 1
        ? 'Its sample gets'
        : `All ${its} get`
      : `${formatCount(changed)} of ${its} ${changed === 1 ? 'gets' : 'get'}`;
  const samplesPart =
    changed === 0
      ? `The ${USER_DATA} of ${its} already match the backup`
      : `${who} back the ${USER_DATA} ${changed === 1 ? 'it' : 'they'} had then (what was added since is cleared)`;
  // Only the collections it changes are "put back"; the others are said to match already.
  const { collectionsRestored: listed, collectionsChanged: putBack } = report;
  const collections =
    putBack > 0
      ? `; ${count(putBack, 'collection')} ${putBack === 1 ? 'is' : 'are'} put back as ${putBack === 1 ? 'it was' : 'they were'}`
      : listed > 0
        ? `; its ${count(listed, 'collection')} already ${listed === 1 ? 'matches' : 'match'}`
        : '';
  const missing = report.unmatchedCount > 0 ? ` ${notInLibrary(report.unmatchedCount)}.` : '';
  return (
    `Restore ${fileName} (backed up ${madeOn})? ${samplesPart}${collections}.` +
    leftAlone(report, false) +
    missing +
    ' You can undo it right after.'
  );
}

/**
 * The notice after a backup: every sample it lists, how many with work on them, and the
 * collections; `kept` of those samples (`kept.withWork` of those with work) are in removed
 * folders, their work kept.
 */
export function backupSummary(listed: number, withWork: number, collections: number, kept = { samples: 0, withWork: 0 }): string {
  const inLibrary = listed - kept.samples;
  const libraryWork = withWork - kept.withWork;
  const work = libraryWork === inLibrary ? '' : ` (${formatCount(libraryWork)} with tags, ratings, favourites, notes or corrections)`;
  const removed = kept.samples > 0 ? `, the work kept on ${count(kept.samples, 'sample')} of removed folders` : '';
  return `Backed up ${count(inLibrary, 'sample')}${work}${removed} and ${count(collections, 'collection')}: restore it to put them back as they are now.`;
}

/** The notice after a restore. */
export function restoreSummary(report: RestoreReport, fileName: string): string {
  const collections = report.collectionsChanged > 0 ? ` and ${count(report.collectionsChanged, 'collection')}` : '';
  const missing = report.unmatchedCount > 0 ? ` ${notInLibrary(report.unmatchedCount)} (add their folders, then restore again).` : '';
  return (
    `Restored ${fileName}: the ${USER_DATA} of ${count(report.samples, 'sample')} (${formatCount(report.changed)} changed)${collections} are the backup's again.` +
    leftAlone(report, true) +
    missing
  );
}
