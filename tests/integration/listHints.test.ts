import { describe, expect, it } from 'vitest';
import { listHintsOf, selectVisibleRows, textIndex, textIndexContext, useLibraryStore } from '../../src/state/libraryStore';
import { syntheticLibrary } from '../bench/syntheticLibrary';

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const { folders, samples } = syntheticLibrary(300, 3);
const names = (): string[] => selectVisibleRows(useLibraryStore.getState()).map((row) => row.name);

describe('the list reloaded with its saved hints', () => {
  it('restores the text index, re-indexes only the samples changed since, and sorts both ways as without hints', async () => {
    const store = useLibraryStore.getState();
    store.setLoaded(folders, samples);
    const hints = await listHintsOf(useLibraryStore.getState().rows, pause);
    expect(Object.keys(hints.columnRuns ?? {}).sort()).toEqual([
      'bpm',
      'category',
      'dir',
      'duration',
      'key',
      'loudness',
      'name',
      'rating',
      'status',
    ]);
    expect(hints.textIndex?.context).toBe(textIndexContext(folders));
    const byNameDescending = (useLibraryStore.setState({ sortKey: 'name', sortDirection: 'desc' }), names());
    const byLoudnessDescending = (useLibraryStore.setState({ sortKey: 'loudness', sortDirection: 'desc' }), names());

    // A reload with every hint: the text index is restored (nothing queued), sorts match.
    store.setLoaded(folders, samples, [], hints, []);
    expect(textIndex.queued).toBe(0);
    useLibraryStore.setState({ sortKey: 'name', sortDirection: 'desc' });
    expect(names()).toEqual(byNameDescending);
    useLibraryStore.setState({ sortKey: 'loudness', sortDirection: 'desc' });
    expect(names()).toEqual(byLoudnessDescending);

    // A reload after one sample was tagged: only it is indexed again, and found by its new tag.
    const tagged = { ...samples[7]!, tags: ['zebrawood'] };
    const changed = samples.map((s) => (s.id === tagged.id ? tagged : s));
    store.setLoaded(folders, changed, [], { textIndex: hints.textIndex }, [tagged.id]);
    expect(textIndex.queued).toBe(1);
    store.setText('zebrawood');
    expect(names()).toEqual([tagged.name]);

    // Folders renamed since: the saved index is not used (every path changed), every row is indexed.
    const renamed = folders.map((f) => ({ ...f, name: `${f.name} (old)` }));
    store.setLoaded(renamed, samples, [], { textIndex: hints.textIndex }, []);
    expect(textIndex.queued).toBe(samples.length);
    store.setText('old');
    expect(names().length).toBe(samples.length);
    store.setText('');
  });
});
