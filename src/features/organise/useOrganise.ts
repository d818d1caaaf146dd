import { useCallback, useMemo } from 'react';
import { useServices } from '../../app/ServicesContext';
import { formatCount } from '../../domain/format';
import type { UserEdit, UserFields } from '../../domain/library/organise';
import { fieldEdits, tagEdits, undoEdits } from '../../domain/library/organise';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { markSaved } from '../../state/unsavedEdits';

export interface Organise {
  addTags(rows: readonly LibraryRow[], tags: readonly string[]): Promise<void>;
  removeTags(rows: readonly LibraryRow[], tags: readonly string[]): Promise<void>;
  setField<K extends keyof UserFields>(rows: readonly LibraryRow[], field: K, value: UserFields[K]): Promise<void>;
  /** Favourite all when any is not one yet, else unfavourite all (what F does). */
  toggleFavourite(rows: readonly LibraryRow[]): Promise<void>;
  undo(): Promise<void>;
  /** Any set of edits as one undoable step (accepted AI proposals, say). */
  applyEdits(edits: UserEdit[], label: string): Promise<void>;
}

const plural = (n: number): string => `${formatCount(n)} sample${n === 1 ? '' : 's'}`;

/** Tags, favourites, ratings and notes: saved to the database, mirrored in the list, bulk edits undoable in turn. */
export function useOrganise(): Organise {
  const { edits: saver } = useServices();
  const apply = useCallback(
    async (edits: UserEdit[], label: string | null, savingLabel = label ?? 'Your edit', undoing = false): Promise<void> => {
      if (edits.length === 0) return;
      const store = useLibraryStore.getState();
      const undo = undoEdits(store.rows, edits);
      // Shown at once and saved in slices behind it: a tag on 100,000 samples showed nothing for 40 s.
      store.patchUserFields(edits);
      if (label) store.pushUndo({ label, undo });
      // A single sample's edit is not undoable itself, but no bulk edit's undo may overwrite it. An
      // undo being applied leaves the edits before it as they are: they revert what it reverts to.
      else if (!undoing) store.keepEditsFromUndo(edits);
      const outcome = await saver.save(edits, savingLabel);
      markSaved(edits);
      if (outcome.error === null) return;
      // What was not saved goes back to what the database holds, and the producer is told.
      const failed = new Set(outcome.unsaved.map((e) => e.id));
      useLibraryStore.getState().patchUserFields(
        undo.filter((e) => failed.has(e.id)),
        false,
      );
      useImportStore
        .getState()
        .notify(
          'error',
          `${plural(failed.size)} could not be saved (${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}); they are as they were.`,
        );
    },
    [saver],
  );
  return useMemo(
    () => ({
      addTags: (rows, tags) => apply(tagEdits(rows, tags), `Tagged ${plural(rows.length)} ${tags.map((t) => `#${t}`).join(' ')}`),
      removeTags: (rows, tags) =>
        apply(tagEdits(rows, [], tags), `Removed ${tags.map((t) => `#${t}`).join(' ')} from ${plural(rows.length)}`),
      setField: (rows, field, value) =>
        apply(fieldEdits(rows, field, value), rows.length > 1 ? `Changed ${field} of ${plural(rows.length)}` : null),
      toggleFavourite: (rows) => {
        const value = rows.some((r) => !r.favourite);
        return apply(
          fieldEdits(rows, 'favourite', value),
          rows.length > 1 ? `${value ? 'Favourited' : 'Unfavourited'} ${plural(rows.length)}` : null,
        );
      },
      applyEdits: (edits, label) => apply(edits, label),
      undo: async () => {
        const last = useLibraryStore.getState().popUndo();
        if (!last) return;
        await apply(last.undo, null, `Undoing “${last.label}”`, true);
      },
    }),
    [apply],
  );
}
