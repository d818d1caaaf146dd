import type { UserEdit } from '../domain/library/organise';

/**
 * Samples written per transaction. One transaction of 100,000 (a tag on the whole library) froze
 * the page for 5-9 s at a time and showed nothing for 40-60 s; 500 records are tens of
 * milliseconds of work between two chances for the page to paint and take input.
 */
export const EDITS_PER_WRITE = 500;

/** What is being saved, for the progress line; null once everything is. */
export interface SavingProgress {
  label: string;
  saved: number;
  total: number;
}

export interface SaveOutcome {
  saved: number;
  /** The edits not saved (a write failed: the rest of that save is dropped), with why. */
  unsaved: readonly UserEdit[];
  error: unknown;
}

interface EditWriter {
  applyUserEdits(edits: readonly UserEdit[]): Promise<unknown>;
}

/** Asks before the page is closed while edits are still being saved. */
export interface UnloadGuard {
  set(on: boolean): void;
}

const askBeforeUnload = (event: BeforeUnloadEvent): void => {
  event.preventDefault();
  event.returnValue = ''; // Chromium before 119 asks only when this is set
};

export const windowUnloadGuard: UnloadGuard = {
  set(on) {
    if (typeof window === 'undefined') return;
    if (on) window.addEventListener('beforeunload', askBeforeUnload);
    else window.removeEventListener('beforeunload', askBeforeUnload);
  },
};

/**
 * Saves the organising edits (tags, ratings, favourites, notes) in slices of EDITS_PER_WRITE, one
 * save after another in the order they were asked for, so that an undo is written after the edit
 * it undoes. The list shows an edit at once (the store is updated before it is saved); while a
 * save runs the page asks before it is closed, and a listener hears how far it has got.
 */
export class UserEditSaver {
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly writer: EditWriter,
    private readonly onProgress: (progress: SavingProgress | null) => void = () => undefined,
    private readonly guard: UnloadGuard = windowUnloadGuard,
  ) {}

  save(edits: readonly UserEdit[], label: string): Promise<SaveOutcome> {
    if (this.waiting++ === 0) this.guard.set(true);
    const run = this.queue.then(() => this.write(edits, label));
    this.queue = run;
    return run.finally(() => {
      if (--this.waiting > 0) return;
      this.guard.set(false);
      this.onProgress(null);
    });
  }

  private async write(edits: readonly UserEdit[], label: string): Promise<SaveOutcome> {
    let saved = 0;
    try {
      while (saved < edits.length) {
        const slice = edits.slice(saved, saved + EDITS_PER_WRITE);
        await this.writer.applyUserEdits(slice);
        saved += slice.length;
        if (edits.length > EDITS_PER_WRITE) this.onProgress({ label, saved, total: edits.length });
      }
      return { saved, unsaved: [], error: null };
    } catch (error) {
      return { saved, unsaved: edits.slice(saved), error };
    }
  }
}
