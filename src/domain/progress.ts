/**
 * Throughput and time-left estimates for a running batch, from the times of recent
 * completions (a sliding window, so a slow start or a pause does not skew the rate forever).
 */
export class RateMeter {
  private readonly times: number[] = [];

  constructor(
    private readonly window = 40,
    private readonly maxAgeMs = 15_000,
  ) {}

  record(atMs: number): void {
    this.times.push(atMs);
    if (this.times.length > this.window) this.times.shift();
  }

  reset(): void {
    this.times.length = 0;
  }

  /** Completions per second, or null until there is enough to say. */
  perSecond(nowMs: number): number | null {
    while (this.times.length > 0 && nowMs - this.times[0]! > this.maxAgeMs) this.times.shift();
    if (this.times.length < 2) return null;
    const span = (Math.max(nowMs, this.times[this.times.length - 1]!) - this.times[0]!) / 1000;
    return span > 0 ? (this.times.length - 1) / span : null;
  }
}

export function secondsLeft(remaining: number, perSecond: number | null): number | null {
  if (remaining <= 0) return 0;
  if (!perSecond || perSecond <= 0) return null;
  return remaining / perSecond;
}

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
  const files = (n: number): string => `${n.toLocaleString('en')} ${n === 1 ? 'file' : 'files'}`;
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
  const count = (n: number): string => n.toLocaleString('en');
  const parts = [`${summary.folderName}: ${count(summary.found)} audio ${summary.found === 1 ? 'file' : 'files'} found`];
  if (summary.unchanged > 0) parts.push(`${count(summary.unchanged)} already in the library`);
  if (summary.restored > 0) parts.push(`${count(summary.restored)} back where ${summary.restored === 1 ? 'it was' : 'they were'}`);
  if (summary.missing > 0) parts.push(`${count(summary.missing)} no longer there (marked missing)`);
  return parts.join(', ');
}
