import { useMemo } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { CollectionRepository } from '../../db/collectionRepository';
import type { CollectionRecord } from '../../db/schema';
import { collectionAddMessage, notYetIn } from '../../domain/library/collectionEdits';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** One addition to a hand-picked collection, as said and as undone. */
export interface CollectionAddOutcome {
  collection: CollectionRecord;
  /** The ids that were not in it before (all of them for a new collection). */
  added: number[];
  created: boolean;
  message: string;
}

type Sample = Pick<LibraryRow, 'id' | 'name'>;

export interface CollectionEdits {
  /** Adds the samples to a hand-picked collection, each once. Undefined when the collection is gone. */
  add(collectionId: number, samples: readonly Sample[]): Promise<CollectionAddOutcome | undefined>;
  /** A new hand-picked collection holding the samples (a name in use gets a number). */
  create(name: string, samples: readonly Sample[]): Promise<CollectionAddOutcome>;
  /** Takes samples out of a hand-picked collection; the library keeps them. */
  remove(collectionId: number, sampleIds: readonly number[]): Promise<void>;
  /**
   * Reverts an addition: the samples it added are taken out again, and a collection it created is
   * deleted (unless samples were added to it since: then it stays, with those).
   */
  undo(outcome: CollectionAddOutcome): Promise<void>;
}

/** Where the collections are shown (the library store), kept in step with the database after each edit. */
export interface CollectionsView {
  collections(): readonly CollectionRecord[];
  setCollections(collections: readonly CollectionRecord[]): void;
  /** A collection deleted while the list shows it: the list goes back to the whole library. */
  closeIfOpen(collectionId: number): void;
}

/** Collection membership edits on the database, mirrored in `view` (useCollectionEdits for components). */
export function collectionEdits(repository: CollectionRepository, view: CollectionsView): CollectionEdits {
  const refresh = async (): Promise<void> => view.setCollections(await repository.list());
  const said = (collection: CollectionRecord, samples: readonly Sample[], added: number[], created: boolean): CollectionAddOutcome => ({
    collection,
    added,
    created,
    message: collectionAddMessage({
      collectionName: collection.name,
      sampleNames: samples.map((r) => r.name),
      added: added.length,
      created,
    }),
  });
  return {
    add: async (collectionId, samples) => {
      const ids = samples.map((r) => r.id);
      const added = notYetIn(
        view.collections().find((c) => c.id === collectionId),
        ids,
      );
      const updated = await repository.add(collectionId, ids);
      await refresh();
      return updated && said(updated, samples, added, false);
    },
    create: async (name, samples) => {
      const created = await repository.create(
        name,
        samples.map((r) => r.id),
      );
      await refresh();
      return said(created, samples, created.sampleIds, true);
    },
    remove: async (collectionId, sampleIds) => {
      await repository.remove(collectionId, sampleIds);
      await refresh();
    },
    undo: async ({ collection, added, created }) => {
      const now = view.collections().find((c) => c.id === collection.id);
      const addedSince = notYetIn({ ...collection, sampleIds: added }, now?.sampleIds ?? []);
      if (created && addedSince.length === 0) {
        await repository.delete(collection.id);
        view.closeIfOpen(collection.id);
      } else if (added.length > 0) await repository.remove(collection.id, added);
      await refresh();
    },
  };
}

/** collectionEdits on the app's database and library store. */
export function useCollectionEdits(): CollectionEdits {
  const { repository } = useServices();
  return useMemo(
    () =>
      collectionEdits(repository.collections, {
        collections: () => useLibraryStore.getState().collections,
        setCollections: (collections) => useLibraryStore.getState().setCollections(collections),
        closeIfOpen: (id) => {
          const store = useLibraryStore.getState();
          if (store.collectionId === id) store.showCollection(null);
        },
      }),
    [repository],
  );
}
