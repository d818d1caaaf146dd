import { useCallback, useEffect } from 'react';
import { useServices } from '../../app/ServicesContext';
import { DRUM_CATEGORIES } from '../../domain/corrections';
import { loopSeconds, previewGainDb, semitonesToKey, tempoRatio, type PitchCentre } from '../../domain/audition';
import { pitchClassOf } from '../../domain/music/pitch';
import type { PlayableSource, PlaybackOptions } from '../../services/player';
import { selectVisibleRows, useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { loopsOverMetronome, useSettingsStore } from '../../state/settingsStore';
import { usePlaybackStore } from '../../state/playbackStore';

/** How a row should sound under the current settings: matched level, project tempo and key. */
export function playbackFor(row: LibraryRow, settings = useSettingsStore.getState()): PlaybackOptions {
  const a = row.analysis;
  const isLoop = a?.kind === 'loop';
  const clickBpm = isLoop && loopsOverMetronome(settings) ? settings.projectBpm : null;
  const samplePitch: PitchCentre | null = a?.key
    ? { pitchClass: pitchClassOf(a.key), scale: a.scale ?? null }
    : a?.rootMidi != null
      ? { pitchClass: a.rootMidi % 12, scale: null }
      : null;
  const project = settings.projectKey;
  // Drums have no key to follow; their root note is only a timbre.
  const pitched = a?.category !== null && a?.category !== undefined && !DRUM_CATEGORIES.has(a.category);
  return {
    gainDb: settings.levelMatch ? previewGainDb(a?.loudnessLufs ?? null, a?.peakDbfs ?? null) : 0,
    stretch: settings.syncTempo && isLoop ? tempoRatio(a?.bpm ?? null, settings.projectBpm) : 1,
    semitones:
      settings.syncKey && pitched && project
        ? semitonesToKey(samplePitch, { pitchClass: pitchClassOf(project.tonic), scale: project.scale })
        : 0,
    keepLength: isLoop,
    clickBpm,
    loopSeconds: clickBpm && a ? loopSeconds(a.duration, a.bpm) : null,
  };
}

/** Where a row's sound comes from, and playing it from a point with given options. */
function useAuditionSources(): {
  source(row: LibraryRow): PlayableSource;
  replay(row: LibraryRow, fromSeconds: number, options: PlaybackOptions): void;
} {
  const { player, repository, files } = useServices();
  const source = useCallback(
    (r: LibraryRow): PlayableSource => ({
      key: r.id,
      name: r.name,
      load: async () => {
        const folder = useLibraryStore.getState().folders.get(r.folderId) ?? (await repository.getFolder(r.folderId));
        if (!folder) throw new Error('its folder is no longer in the library');
        return files.readFile(folder, r.relativePath);
      },
    }),
    [repository, files],
  );
  const replay = useCallback(
    (row: LibraryRow, fromSeconds: number, options: PlaybackOptions) => void player.play(source(row), fromSeconds, options),
    [player, source],
  );
  return { source, replay };
}

/** Play a row, or stop: the one place that turns a library row into sound. */
export function useAudition(): { play(row: LibraryRow, fromSeconds?: number): void; stop(): void; preload(row: LibraryRow): void } {
  const { player } = useServices();
  const { source, replay } = useAuditionSources();
  const play = useCallback(
    (row: LibraryRow, fromSeconds = 0) => {
      // A file that could not be read plays nothing, and neither does the sample before it; its reason is in the panel.
      if (row.status === 'failed') {
        player.stop();
        return;
      }
      replay(row, fromSeconds, playbackFor(row));
      // The next key press most likely moves one row up or down: have those decoded by then.
      for (const neighbour of neighboursOf(row.id)) if (neighbour.status !== 'failed') player.preload(source(neighbour));
    },
    [player, source, replay],
  );
  const stop = useCallback(() => player.stop(), [player]);
  /** A row the pointer rests on is likely to be clicked next. */
  const preload = useCallback(
    (row: LibraryRow) => {
      if (row.status === 'done') player.preload(source(row));
    },
    [player, source],
  );
  return { play, stop, preload };
}

/** Whether two ways of playing differ in more than the gain (then the preview must start again to follow). */
function differsBeyondGain(a: PlaybackOptions, b: PlaybackOptions): boolean {
  return (
    a.stretch !== b.stretch ||
    a.semitones !== b.semitones ||
    a.keepLength !== b.keepLength ||
    (a.clickBpm ?? null) !== (b.clickBpm ?? null) ||
    (a.loopSeconds ?? null) !== (b.loopSeconds ?? null)
  );
}

/**
 * The playing preview follows the controls: level matching, the project's tempo and key, sync and
 * the metronome, and a correction of the sample's tempo or key, take effect at once (they waited
 * for the next sample), also when changed while the preview's file was still loading. Mounted
 * once, by the app.
 */
export function useLivePreview(): void {
  const { player } = useServices();
  const { replay } = useAuditionSources();
  useEffect(() => {
    const follow = (): void => {
      const { playingId, rows } = useLibraryStore.getState();
      const row = playingId === null ? undefined : rows.get(playingId);
      if (!row || player.current !== row.id) return;
      const options = playbackFor(row);
      const now = player.playback;
      if (differsBeyondGain(options, now)) replay(row, player.position() ?? 0, options);
      else if (options.gainDb !== now.gainDb) {
        player.setGain(options.gainDb);
        usePlaybackStore.getState().set(player.playback);
      }
    };
    const offSettings = useSettingsStore.subscribe(follow);
    const offRows = useLibraryStore.subscribe((state, previous) => {
      if (state.playingId === null) return;
      // A preview that has just started was asked for with the controls as they were at the click:
      // a change made while its file loaded (S pressed right after the click) applies now.
      if (state.playingId !== previous.playingId || state.rows.get(state.playingId) !== previous.rows.get(state.playingId)) follow();
    });
    return () => {
      offSettings();
      offRows();
    };
  }, [player, replay]);
}

/** The rows just below and above a row in the visible list. */
function neighboursOf(id: number): LibraryRow[] {
  const list = selectVisibleRows(useLibraryStore.getState());
  const index = list.findIndex((r) => r.id === id);
  if (index < 0) return [];
  return [list[index + 1], list[index - 1], list[index + 2]].filter((r): r is LibraryRow => r !== undefined);
}
