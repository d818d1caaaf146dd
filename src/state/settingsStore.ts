import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Scale } from '../domain/analysis';
import { layoutFromJson, LIBRARY_LAYOUT, type ExportLayout } from '../domain/export/exportLayout';
import type { PitchName } from '../domain/music/pitch';

/** The producer's audition preferences; kept in localStorage so they survive reloads. */
interface SettingsState {
  /** Play every sample at the same perceived loudness (on by default). */
  levelMatch: boolean;
  projectBpm: number | null;
  projectKey: { tonic: PitchName; scale: Scale } | null;
  /** Time-stretch loops to the project tempo. */
  syncTempo: boolean;
  /** Transpose melodic samples to the project key. */
  syncKey: boolean;
  /** Loops play looped over a click at the project tempo. */
  metronome: boolean;
  /** The library as a list or as a map of its sounds. */
  view: 'list' | 'map';
  /** What the map's colours show. */
  mapColour: 'category' | 'key';
  /** The filter bar's second row (length, loudness, tag, rating, favourites) is open. */
  moreFilters: boolean;
  /** How the last export laid out its ZIP; the next one starts from it. */
  exportLayout: ExportLayout;
  set(partial: Partial<Omit<SettingsState, 'set'>>): void;
}

/** Whether loops are auditioned looped over the metronome (it needs the project tempo they are synced to). */
export const loopsOverMetronome = (s: Pick<SettingsState, 'metronome' | 'syncTempo' | 'projectBpm'>): boolean =>
  s.metronome && s.syncTempo && !!s.projectBpm;

/** The project tempi the previews follow: the metronome threw on -64 BPM, and 1000 is a typo. */
export const PROJECT_BPM_RANGE = { min: 40, max: 300 } as const;

/** A project tempo within PROJECT_BPM_RANGE, else none (a value saved before the range was kept, say). */
export function validProjectBpm(bpm: unknown): number | null {
  return typeof bpm === 'number' && bpm >= PROJECT_BPM_RANGE.min && bpm <= PROJECT_BPM_RANGE.max ? bpm : null;
}

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      levelMatch: true,
      projectBpm: null,
      projectKey: null,
      syncTempo: false,
      syncKey: false,
      metronome: false,
      view: 'list',
      mapColour: 'category',
      moreFilters: false,
      exportLayout: LIBRARY_LAYOUT,
      set: (partial) => set('projectBpm' in partial ? { ...partial, projectBpm: validProjectBpm(partial.projectBpm) } : partial),
    }),
    {
      name: 'samplemind-settings',
      partialize: ({ set: _set, ...rest }) => rest,
      merge: (saved, current) => {
        const restored = { ...current, ...(saved as Partial<SettingsState>) };
        return { ...restored, projectBpm: validProjectBpm(restored.projectBpm), exportLayout: layoutFromJson(restored.exportLayout) };
      },
    },
  ),
);
