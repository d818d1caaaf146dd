/**
 * Throughput and time-left estimates for a running batch, from the times of recent
 * completions (a sliding window, so a slow start or a pause does not skew the rate forever).
 */
export class RateMeter {
  private times: number[] = [];
  private head = 0;

  /**
   * A window of time, not of files: a library mixes one-shots (many a second) and long loops, and
   * the rate over the last 40 files swung with every stretch of either, and the time left with it.
   */
  constructor(private readonly windowMs = 20_000) {}

  record(atMs: number): void {
    this.times.push(atMs);
  }

  reset(): void {
    this.times = [];
    this.head = 0;
  }

  /** Completions per second, or null until there is enough to say. */
  perSecond(nowMs: number): number | null {
    while (this.head < this.times.length && nowMs - this.times[this.head]! > this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    const count = this.times.length - this.head;
    if (count < 2) return null;
    const span = (Math.max(nowMs, this.times[this.times.length - 1]!) - this.times[this.head]!) / 1000;
    return span > 0 ? (count - 1) / span : null;
  }
}

export function secondsLeft(remaining: number, perSecond: number | null): number | null {
  if (remaining <= 0) return 0;
  if (!perSecond || perSecond <= 0) return null;
  return remaining / perSecond;
}

/** A count as the notices write it: "1,500". */
const count = (n: number): string => n.toLocaleString('en');

/** "0:42", "12:05", "1:02:03" */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "Analysis finished: 233 files analysed, 7 files could not be read." (a run's end, where files failed) */
export function runSummaryMessage(summary: { done: number; failed: number }): string {
  const analysed = summary.done - summary.failed;
  const files = (n: number): string => `${count(n)} ${n === 1 ? 'file' : 'files'}`;
  return `Analysis finished: ${files(analysed)} analysed, ${files(summary.failed)} could not be read.`;
}

/**
 * "Pack02: 3,000 audio files found, 2,994 already in the library, 5 no longer there (marked
 * missing)": what adding (or adding again) a folder did.
 */
export function importSummaryMessage(summary: {
  folderName: string;
  found: number;
  unchanged: number;
  missing: number;
  restored: number;
}): string {
  const parts = [`${summary.folderName}: ${count(summary.found)} audio ${summary.found === 1 ? 'file' : 'files'} found`];
  if (summary.unchanged > 0) parts.push(`${count(summary.unchanged)} already in the library`);
  if (summary.restored > 0) parts.push(`${count(summary.restored)} back where ${summary.restored === 1 ? 'it was' : 'they were'}`);
  if (summary.missing > 0) parts.push(`${count(summary.missing)} no longer there (marked missing)`);
  return parts.join(', ');
}

/** The notice about files a run could not read ("Show them"): settled once no such file is left. */
export const UNREADABLE_FILES_TOPIC = 'unreadable-files';

/** The notice about an interrupted import of a folder goes once the folder has been added again. */
export const interruptedImportTopic = (folderId: number): string => `interrupted:${folderId}`;

/**
 * What the start of the app says about a copy-in import the last page closed mid-way (its files
 * went with that page, so it cannot resume): how far it got, and what adding the folder again does.
 */
export function interruptedImportMessage(folderName: string, held: number, expected: number | undefined): string {
  if (expected === undefined || held >= expected) {
    return `The import of ${folderName} was interrupted. Add the folder again to bring in the rest; files already imported are kept.`;
  }
  return (
    `The import of ${folderName} stopped at ${count(held)} of ${count(expected)} files when the page closed. ` +
    `Add the folder again to bring in the other ${count(expected - held)}: the ${count(held)} already in are kept and not copied again.`
  );
}

/** The notice for work given back to a folder added again, one per folder (its count grows batch by batch). */
export const workBackTopic = (folderName: string): string => `work-back:${folderName}`;

/** "The tags, ratings, favourites, notes, corrections and collections of 12 samples in “Drums” are back, …" */
export function workBackMessage(folderName: string, samples: number): string {
  const what = samples === 1 ? '1 sample' : `${samples.toLocaleString('en-US')} samples`;
  return `The tags, ratings, favourites, notes, corrections and collections of ${what} in “${folderName}” are back, as they were when the folder was removed.`;
}
