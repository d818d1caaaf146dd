import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionRecord } from '../../src/db/schema';
import { EMPTY_QUERY, type LibraryQuery } from '../../src/domain/library/libraryQuery';
import { queryFromJson, queryFromSaved } from '../../src/domain/library/savedQuery';
import { rememberBrowsing, savedBrowsing } from '../../src/state/browseMemory';
import { useLibraryStore } from '../../src/state/libraryStore';

/** localStorage's three calls over a Map. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const FILTERED: LibraryQuery = {
  ...EMPTY_QUERY,
  text: 'dusty',
  kind: 'loop',
  categories: ['drum-loop', 'bass'],
  bpm: { min: 120, max: 128, halfDouble: true },
  key: { tonic: 'A', scale: 'minor', compatible: true },
  duration: { min: null, max: 8 },
  loudness: { min: -14, max: null },
  tags: ['dark'],
  withoutTags: ['duplicate'],
  favourites: true,
  minRating: 3,
  folder: 'Packs/Drums',
};

const collections: CollectionRecord[] = [
  { id: 4, name: 'Kit for the 126 track', createdAt: 1, sampleIds: [1, 2] },
  { id: 5, name: 'Dark loops', createdAt: 2, sampleIds: [], query: JSON.stringify(FILTERED) },
];

describe('a saved query read back', () => {
  it('keeps every part that is what a query holds', () => {
    expect(queryFromSaved(JSON.parse(JSON.stringify(FILTERED)))).toEqual(FILTERED);
    expect(queryFromJson(JSON.stringify(FILTERED))).toEqual(FILTERED);
  });

  it('turns each part that is not into "no filter", keeping the rest', () => {
    const read = queryFromSaved({
      ...FILTERED,
      kind: 'drone',
      categories: ['kick', 'tuba', 7],
      bpm: { min: '120', max: 128 },
      key: { tonic: 'H', scale: 'minor' },
      minRating: 9,
      favourites: 'yes',
      tags: 'dark',
      folder: '',
      extra: 1,
    });
    expect(read).toEqual({
      ...FILTERED,
      kind: null,
      categories: ['kick'],
      bpm: { min: null, max: 128, halfDouble: false },
      key: null,
      minRating: 0,
      favourites: false,
      tags: [],
      folder: null,
    });
  });

  it('is the empty query for what is not a query at all', () => {
    expect(queryFromJson('{not json')).toEqual(EMPTY_QUERY);
    expect(queryFromJson(null)).toEqual(EMPTY_QUERY);
    expect(queryFromSaved([1, 2])).toEqual(EMPTY_QUERY);
    expect(queryFromSaved('kick')).toEqual(EMPTY_QUERY);
  });
});

describe('browsing kept across reloads', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    useLibraryStore.setState({ query: EMPTY_QUERY, sortKey: 'name', sortDirection: 'asc', collectionId: null });
  });

  it('opens with the filters, sort and hand-picked collection that were left', () => {
    const storage = memoryStorage();
    stop = rememberBrowsing(storage);
    const store = useLibraryStore.getState();
    store.setQuery(FILTERED);
    store.sortBy('bpm');
    store.sortBy('bpm');
    store.showCollection(4);
    expect(savedBrowsing(collections, storage)).toEqual({ query: FILTERED, sortKey: 'bpm', sortDirection: 'desc', collectionId: 4 });
  });

  it('does not reopen a collection deleted since, nor a smart one by its id', () => {
    const storage = memoryStorage();
    stop = rememberBrowsing(storage);
    useLibraryStore.getState().showCollection(4);
    expect(savedBrowsing([collections[1]!], storage).collectionId).toBeUndefined();
    useLibraryStore.getState().showCollection(5);
    expect(savedBrowsing(collections, storage).collectionId).toBeUndefined();
  });

  it('leaves nothing behind once the list is back to the whole library by name', () => {
    const storage = memoryStorage();
    stop = rememberBrowsing(storage);
    useLibraryStore.getState().setQuery({ ...EMPTY_QUERY, kind: 'one-shot' });
    expect(storage.values.size).toBe(1);
    useLibraryStore.getState().setQuery(EMPTY_QUERY);
    expect(storage.values.size).toBe(0);
    expect(savedBrowsing(collections, storage)).toEqual({});
  });

  it('does not keep "Show them" (only the unreadable files) for the next visit', () => {
    const storage = memoryStorage();
    stop = rememberBrowsing(storage);
    useLibraryStore.getState().setQuery({ ...EMPTY_QUERY, kind: 'loop', unreadable: true });
    expect(savedBrowsing(collections, storage).query).toEqual({ ...EMPTY_QUERY, kind: 'loop' });
    useLibraryStore.getState().setQuery({ ...EMPTY_QUERY, unreadable: true });
    expect(savedBrowsing(collections, storage)).toEqual({});
  });

  it('opens unfiltered from storage that holds something else', () => {
    const storage = memoryStorage();
    storage.setItem('samplemind.browsing', '{"query": [], "sortKey": "colour", "sortDirection": "up", "collectionId": "4"}');
    expect(savedBrowsing(collections, storage)).toEqual({ query: EMPTY_QUERY });
    storage.setItem('samplemind.browsing', 'not json');
    expect(savedBrowsing(collections, storage)).toEqual({});
  });
});
