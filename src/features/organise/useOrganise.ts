import { useCallback, useMemo } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { UserEdit, UserFields } from '../../domain/library/organise';
import { fieldEdits, tagEdits, undoEdits, undoWithoutLaterEdits } from '../../domain/library/organise';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

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

const plural = (n: number): string => `${n} sample${n === 1 ? '' : 's'}`;

/** Tags, favourites, ratings and notes: saved to the database, mirrored in the list, the last one undoable. */
export function useOrganise(): Organise {
  const { repository } = useServices();
  const apply = useCallback(
    async (edits: UserEdit[], label: string | null): Promise<void> => {
      if (edits.length === 0) return;
      const undo = undoEdits(useLibraryStore.getState().rows, edits);
      const updated = await repository.applyUserEdits(edits);
      const store = useLibraryStore.getState();
      store.upsertSamples(updated);
      if (label) store.setLastEdit({ label, undo });
      else if (store.lastEdit) {
        // A single sample's edit is not undoable itself, but the last bulk edit's undo must not overwrite it.
        const kept = undoWithoutLaterEdits(store.lastEdit.undo, edits);
        store.setLastEdit(kept.length > 0 ? { ...store.lastEdit, undo: kept } : null);
      }
    },
    [repository],
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
        const last = useLibraryStore.getState().lastEdit;
        if (!last) return;
        useLibraryStore.getState().setLastEdit(null);
        await apply(last.undo, null);
      },
    }),
    [apply],
  );
}
