import type { CollectionRecord } from '../db/schema';
import { isEmptyQuery } from '../domain/library/libraryQuery';
import { queryFromSaved } from '../domain/library/savedQuery';
import { SORT_KEYS, type SortKey } from '../domain/library/sampleQuery';
import { useLibraryStore, type LibraryState } from './libraryStore';
import { useSettingsStore } from './settingsStore';
import { fitToProject, projectFitOf, type ProjectFit } from '../domain/library/projectFit';

/*
 * The list's filters between sessions and against the project: what was being browsed is kept,
 * and "Fits project" follows the project's tempo and key.
 */

/**
 * What the user was browsing (filters, search words, sort, the open collection), kept in
 * localStorage so a reload or the next visit opens the list as it was left, as the view
 * (list or map) already was. Small: written on every change.
 */
const KEY = 'samplemind.browsing';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type Browsing = Pick<LibraryState, 'query' | 'sortKey' | 'sortDirection' | 'collectionId'>;

const defaultStorage = (): KeyValueStorage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The browsing last left, checked part by part; a collection deleted since is not reopened. */
export function savedBrowsing(collections: readonly CollectionRecord[], storage = defaultStorage()): Partial<Browsing> {
  let value: unknown;
  try {
    value = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    return {}; // unreadable: the list opens unfiltered, as it did before this was kept
  }
  if (typeof value !== 'object' || value === null) return {};
  const saved = value as Record<string, unknown>;
  // A "fits project" filter is about the project as the top bar has it now.
  const browsing: Partial<Browsing> = { query: fitToProject(queryFromSaved(saved.query), currentProject()) };
  if ((SORT_KEYS as readonly unknown[]).includes(saved.sortKey)) browsing.sortKey = saved.sortKey as SortKey;
  if (saved.sortDirection === 'asc' || saved.sortDirection === 'desc') browsing.sortDirection = saved.sortDirection;
  const collection = collections.find((c) => c.id === saved.collectionId && !c.query);
  if (collection) browsing.collectionId = collection.id;
  return browsing;
}

/** Keeps the browsing in storage from now on; returns the function that stops it. */
export function rememberBrowsing(storage = defaultStorage()): () => void {
  return useLibraryStore.subscribe((state, previous) => {
    if (
      state.query === previous.query &&
      state.sortKey === previous.sortKey &&
      state.sortDirection === previous.sortDirection &&
      state.collectionId === previous.collectionId
    )
      return;
    try {
      // "Show them" is a look at one import's failures, not a way of browsing to come back to.
      const query = { ...state.query, unreadable: false };
      const { sortKey, sortDirection, collectionId } = state;
      // The default view is not written, so a library that was never filtered leaves nothing behind.
      if (isEmptyQuery(query) && sortKey === 'name' && sortDirection === 'asc' && collectionId === null) storage?.removeItem(KEY);
      else storage?.setItem(KEY, JSON.stringify({ query, sortKey, sortDirection, collectionId }));
    } catch {
      // Storage full or blocked: the next visit opens unfiltered; nothing else depends on it.
    }
  });
}

/**
 * "Fits project" follows the project: a new tempo or key in the top bar re-filters at once, and a
 * project cleared takes the filter off (it would otherwise go on with a project no longer shown).
 */
export function followProjectInFilter(): () => void {
  return useSettingsStore.subscribe((settings, previous) => {
    if (settings.projectBpm === previous.projectBpm && settings.projectKey === previous.projectKey) return;
    const { query, setQuery } = useLibraryStore.getState();
    const next = fitToProject(query, currentProject());
    if (next !== query) setQuery(next);
  });
}

/** The project in the top bar, as a "fits project" filter asks about it (null: none set). */
export const currentProject = (): ProjectFit | null => {
  const { projectBpm, projectKey } = useSettingsStore.getState();
  return projectFitOf(projectBpm, projectKey);
};
