import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_QUERY, queryChips, rowMatcher, withoutChip, type LibraryQuery } from '../../src/domain/library/libraryQuery';
import { fitToProject, projectFitMatcher, projectFitOf, type ProjectFit } from '../../src/domain/library/projectFit';
import { queryFromJson } from '../../src/domain/library/savedQuery';
import { savedSearchName } from '../../src/domain/library/savedSearchName';
import { followProjectInFilter } from '../../src/state/browseMemory';
import { useLibraryStore } from '../../src/state/libraryStore';
import { useSettingsStore } from '../../src/state/settingsStore';
import { row } from '../support/rows';

const AT_126_IN_A_MINOR: ProjectFit = { bpm: 126, key: { tonic: 'A', scale: 'minor' } };

const rows = [
  row(1, 'house 126 Am.wav', { kind: 'loop', category: 'keys', bpm: 126, key: 'A', scale: 'minor' }),
  row(2, 'house 124 C.wav', { kind: 'loop', category: 'pluck', bpm: 124, key: 'C', scale: 'major' }), // relative major
  row(3, 'garage 132.wav', { kind: 'loop', category: 'bass', bpm: 132, key: 'E', scale: 'minor' }), // 4.8 % off, a neighbour
  row(4, 'techno 133.wav', { kind: 'loop', category: 'lead', bpm: 133, key: 'A', scale: 'minor' }), // 5.6 % off
  row(5, 'halftime 63.wav', { kind: 'loop', category: 'pad', bpm: 63, key: 'D', scale: 'minor' }), // half time, a neighbour
  row(6, 'dnb 250.wav', { kind: 'loop', category: 'strings', bpm: 250, key: 'A', scale: 'minor' }), // double time
  row(7, 'house Gb.wav', { kind: 'loop', category: 'keys', bpm: 126, key: 'F#', scale: 'major' }), // far on the wheel
  row(8, 'beat 125.wav', { kind: 'loop', category: 'drum-loop', bpm: 125 }), // no key: a key filter would hide it
  row(9, 'beat 90.wav', { kind: 'loop', category: 'drum-loop', bpm: 90 }),
  row(10, 'kick G#.wav', { category: 'kick', rootMidi: 32 }), // a tuned kick: drums fit any key
  row(11, 'bass E1.wav', { category: 'bass', rootMidi: 28 }), // E is in A minor
  row(12, 'bass F#1.wav', { category: 'bass', rootMidi: 30 }), // F# is not
  row(13, 'riser.wav', { category: 'fx' }), // no pitch
  row(14, 'new.wav', null, { status: 'queued' }),
  row(15, 'silence.wav', { kind: null }), // analysed, silent: nothing known of it
];

const fitting = (fit: ProjectFit): number[] => rows.filter(projectFitMatcher(fit)).map((r) => r.id);

describe('what fits the project', () => {
  it('keeps loops within 5 % of its tempo, or at half or double, and one-shots at any tempo', () => {
    expect(fitting({ bpm: 126, key: null })).toEqual([1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13]);
  });

  it('keeps keys that mix with its key, roots in its scale, and drums and unpitched sounds in any key', () => {
    expect(fitting({ bpm: null, key: { tonic: 'A', scale: 'minor' } })).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 13]);
  });

  it('asks both when both are set: the drum loops at the tempo stay, which a key filter hides', () => {
    expect(fitting(AT_126_IN_A_MINOR)).toEqual([1, 2, 3, 5, 6, 8, 10, 11, 13]);
    const keyFilter: LibraryQuery = { ...EMPTY_QUERY, key: { tonic: 'A', scale: 'minor', compatible: true } };
    expect(rows.filter(rowMatcher(keyFilter, null)).map((r) => r.id)).not.toContain(8);
    expect(rows.filter(rowMatcher({ ...EMPTY_QUERY, fits: AT_126_IN_A_MINOR }, null)).map((r) => r.id)).toContain(8);
  });

  it('is a chip, removed like any other, and names a saved search', () => {
    const query = { ...EMPTY_QUERY, kind: 'loop' as const, fits: AT_126_IN_A_MINOR };
    expect(queryChips(query).at(-1)).toEqual({ id: 'fits', label: 'fits project (126 BPM · A minor)' });
    expect(queryChips({ ...EMPTY_QUERY, fits: { bpm: null, key: { tonic: 'A#', scale: 'major' } } })[0]?.label).toBe(
      'fits project (Bb major)',
    );
    expect(withoutChip(query, 'fits')).toEqual({ ...query, fits: null });
    // It follows the project, so its name does not carry today's tempo and key.
    expect(savedSearchName(query)).toBe('Loops · fits project');
    expect(queryFromJson(JSON.stringify(query))).toEqual(query);
    expect(queryFromJson(JSON.stringify({ ...query, fits: { bpm: -4, key: { tonic: 'A', scale: 'dorian' } } })).fits).toBeNull();
  });

  it('is no filter for a project with neither tempo nor key', () => {
    expect(projectFitOf(null, null)).toBeNull();
    expect(projectFitOf(126, null)).toEqual({ bpm: 126, key: null });
  });

  it('means the project as it is now: a saved filter takes the project of today, or goes with none', () => {
    const saved = { ...EMPTY_QUERY, kind: 'loop' as const, fits: AT_126_IN_A_MINOR };
    const now: ProjectFit = { bpm: 174, key: { tonic: 'F#', scale: 'minor' } };
    expect(fitToProject(saved, now)).toEqual({ ...saved, fits: now });
    expect(fitToProject(saved, null)).toEqual({ ...saved, fits: null });
    expect(fitToProject(saved, { ...AT_126_IN_A_MINOR })).toBe(saved);
    const other = { ...EMPTY_QUERY, kind: 'loop' as const };
    expect(fitToProject(other, now)).toBe(other);
  });
});

describe('"Fits project" follows the project', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    useLibraryStore.getState().setQuery(EMPTY_QUERY);
    useSettingsStore.getState().set({ projectBpm: null, projectKey: null });
  });

  it('re-filters at a new tempo or key, goes with the project, and leaves other queries alone', () => {
    useSettingsStore.getState().set({ projectBpm: 126, projectKey: { tonic: 'A', scale: 'minor' } });
    stop = followProjectInFilter();
    useLibraryStore.getState().setQuery({ ...EMPTY_QUERY, fits: AT_126_IN_A_MINOR });
    useSettingsStore.getState().set({ projectBpm: 174 });
    expect(useLibraryStore.getState().query.fits).toEqual({ bpm: 174, key: { tonic: 'A', scale: 'minor' } });
    useSettingsStore.getState().set({ projectKey: { tonic: 'F', scale: 'minor' } });
    expect(useLibraryStore.getState().query.fits).toEqual({ bpm: 174, key: { tonic: 'F', scale: 'minor' } });
    // The tempo cleared: the key alone; then no project at all: the filter goes.
    useSettingsStore.getState().set({ projectBpm: null });
    expect(useLibraryStore.getState().query.fits).toEqual({ bpm: null, key: { tonic: 'F', scale: 'minor' } });
    useSettingsStore.getState().set({ projectKey: null });
    expect(useLibraryStore.getState().query.fits).toBeNull();
    useLibraryStore.getState().setQuery({ ...EMPTY_QUERY, kind: 'loop' });
    useSettingsStore.getState().set({ projectBpm: 120 });
    expect(useLibraryStore.getState().query).toEqual({ ...EMPTY_QUERY, kind: 'loop' });
  });
});
