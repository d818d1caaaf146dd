import { useMemo, type ReactNode } from 'react';
import { useServices } from '../../app/ServicesContext';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../domain/format';
import { formatClock, secondsLeft } from '../../domain/progress';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';

function PermissionBanner() {
  const { files, queue, importer } = useServices();
  const blocked = useImportStore((s) => s.progress.blockedFolders);
  if (blocked.length === 0) return null;
  const names = blocked.map((f) => f.name).join(', ');
  const allow = async (): Promise<void> => {
    for (const folder of blocked) {
      if (!(await files.requestPermission(folder))) continue;
      queue.unblockFolder(folder.id);
      if (folder.scan === 'scanning' && folder.handle) void importer.importDirectoryHandle(folder.handle); // finish an interrupted scan
    }
  };
  return (
    <div className="banner" role="alert">
      <span>
        The browser needs your permission to read <strong>{names}</strong> again.
      </span>
      <button type="button" className="button primary" onClick={() => void allow()}>
        Allow access
      </button>
    </div>
  );
}

function SkippedBanner() {
  const { repository, queue } = useServices();
  const state = useImportStore((s) => s.progress.state);
  const rows = useLibraryStore((s) => s.rows);
  const skipped = useMemo(() => {
    let count = 0;
    for (const row of rows.values()) if (row.status === 'skipped') count++;
    return count;
  }, [rows]);
  if (skipped === 0 || state !== 'idle') return null;
  const analyse = async (): Promise<void> => {
    await repository.requeueSkipped();
    useLibraryStore.getState().replaceStatus('skipped', 'queued');
    await queue.start();
  };
  return (
    <div className="banner subtle">
      <span>{skipped} files were not analysed because analysis was cancelled.</span>
      <button type="button" className="button" onClick={() => void analyse()}>
        Analyse them
      </button>
    </div>
  );
}

/** A background job's line: what it does, with its count, over a progress bar named `label`. */
function ProgressBanner({ label, done, total, children }: { label: string; done: number; total: number; children: ReactNode }) {
  return (
    <div className="banner subtle" role="status" aria-label={label}>
      <span>{children}</span>
      <ProgressBar value={done} max={total} label={label} />
    </div>
  );
}

/** Samples an earlier version analysed, being analysed again (or given their sound fingerprint) in the background. */
function BackfillStatus() {
  const backfill = useImportStore((s) => s.backfill);
  if (!backfill) return null;
  return (
    <ProgressBanner label="Analysis update" done={backfill.done} total={backfill.total}>
      Updating samples analysed by an earlier version of SampleMind: {formatCount(backfill.done)} of {formatCount(backfill.total)} (your
      corrections, tags and ratings stay)
    </ProgressBanner>
  );
}

/** The first search by words listens to every analysed sample once (CLAP audio embeddings). */
function WordIndexStatus() {
  const progress = useImportStore((s) => s.wordIndex);
  if (!progress) return null;
  return (
    <ProgressBanner label="Listening for search by words" done={progress.done} total={progress.total}>
      Listening to your samples for search by words: {formatCount(progress.done)} of {formatCount(progress.total)}
    </ProgressBanner>
  );
}

/** A large organising edit (a tag on a whole pack) being saved: the list already shows it. */
function SavingStatus() {
  const saving = useImportStore((s) => s.saving);
  if (!saving) return null;
  return (
    <ProgressBanner label="Saving" done={saving.saved} total={saving.total}>
      {saving.label}: {formatCount(saving.saved)} of {formatCount(saving.total)} saved (keep this page open until it is done)
    </ProgressBanner>
  );
}

/** Progress of scanning and analysis, with pause, resume and cancel. */
export function ImportStatus() {
  const { queue } = useServices();
  const progress = useImportStore((s) => s.progress);
  const scanning = useImportStore((s) => s.scanning);
  // Between two batches of a scan the queue can be idle for a moment: the run goes on.
  const active = progress.state !== 'idle' || (scanning !== null && progress.total > 0);
  // Files handed over (input, drop) are counted up front: the run's total includes those still
  // to be copied in, and the time left holds. A folder read in place is counted as it is walked.
  const toCome = scanning?.expected !== undefined ? Math.max(0, scanning.expected - scanning.found) : 0;
  const total = progress.total + toCome;
  const growing = scanning !== null && scanning.expected === undefined;
  const timeLeft = growing ? null : toCome > 0 ? secondsLeft(total - progress.done, progress.filesPerSecond) : progress.secondsLeft;
  const cancel = async (): Promise<void> => {
    const skipped = await queue.cancel();
    useLibraryStore.getState().replaceStatus('queued', 'skipped', skipped);
  };
  return (
    <section className="import-status" aria-label="Import and analysis">
      <PermissionBanner />
      <SkippedBanner />
      <SavingStatus />
      <BackfillStatus />
      <WordIndexStatus />
      {scanning && (
        <div className="scan-line">
          {scanning.expected === undefined
            ? `Scanning ${scanning.folderName}: ${formatCount(scanning.found)} audio files found…`
            : `Adding ${scanning.folderName}: ${formatCount(scanning.found)} of ${formatCount(scanning.expected)} audio files…`}
        </div>
      )}
      {active && (
        <div className="analysis-progress" data-testid="analysis-progress">
          <div className="analysis-text">
            <strong>{progress.state === 'paused' ? (progress.inFlight > 0 ? 'Pausing…' : 'Paused') : 'Analysing'}</strong>
            <span data-testid="analysis-count">
              {formatCount(progress.done)} / {formatCount(total)}
              {growing && ' so far'}
            </span>
            {progress.filesPerSecond !== null && progress.state === 'running' && <span>{progress.filesPerSecond.toFixed(1)} files/s</span>}
            {/* While a walk still finds files, the time left would count only those found so far. */}
            {timeLeft !== null && <span>{formatClock(timeLeft)} left</span>}
            {progress.failed > 0 && <span className="text-error">{progress.failed} could not be read</span>}
          </div>
          <ProgressBar value={progress.done} max={total} label="Analysis progress" />
          <div className="analysis-actions">
            {progress.state === 'paused' ? (
              <button type="button" className="button" onClick={() => queue.resume()}>
                Resume
              </button>
            ) : (
              <button type="button" className="button" onClick={() => queue.pause()}>
                Pause
              </button>
            )}
            <button type="button" className="button" onClick={() => void cancel()}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
