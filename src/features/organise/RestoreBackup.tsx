import { useRef, useState } from 'react';
import { restoreQuestion } from '../../domain/backupText';
import { useExport, type RestorePreview } from './useExport';

/** "1 Mar 2026, 14:05" in the user's locale; the raw text when it is not a date. */
function madeOn(exportedAt: string): string {
  const date = new Date(exportedAt);
  return Number.isNaN(date.getTime()) ? exportedAt : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Restore a backup: the file is read and checked first, then the user is asked in place, with
 * what it will replace and what it leaves alone, before anything is written (a restore rolls the
 * samples it names back to the backup; its notice offers Undo).
 */
export function RestoreBackup() {
  const { previewRestore, restoreLibrary } = useExport();
  const [pending, setPending] = useState<RestorePreview | null>(null);
  const [restoring, setRestoring] = useState(false);
  // The backup being read and checked before the question (a backup of 100,000 samples takes seconds).
  const [reading, setReading] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const close = (): void => {
    setPending(null);
    setRestoring(false);
    // Back on the link's input without scrolling to it: with a long folder tree above it, the
    // page scrolled thousands of pixels and the app vanished until the next Tab.
    input.current?.focus({ preventScroll: true });
  };
  const restore = async (preview: RestorePreview): Promise<void> => {
    setRestoring(true);
    await restoreLibrary(preview);
    close();
  };
  return (
    <>
      <label className="link-button">
        Restore a backup…
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label="Restore a backup"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            setReading(file.name);
            void previewRestore(file)
              .then(setPending)
              .finally(() => setReading(null));
          }}
        />
      </label>
      {reading && (
        <p className="nav-question restore-reading" role="status">
          Reading {reading}…
        </p>
      )}
      {pending && (
        <div
          className="nav-question restore-question"
          role="group"
          aria-label={`Restore backup ${pending.fileName}?`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || restoring) return;
            event.stopPropagation(); // Escape answers this question, nothing else
            close();
          }}
        >
          <p>{restoreQuestion(pending.report, pending.fileName, madeOn(pending.backup.exportedAt))}</p>
          <div className="nav-question-actions">
            <button type="button" className="link-button danger" disabled={restoring} onClick={() => void restore(pending)}>
              {restoring ? 'Restoring…' : 'Restore'}
            </button>
            {/* The keyboard starts on the safe answer: Enter must not roll the library back unread. */}
            <button type="button" className="link-button" autoFocus disabled={restoring} onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
