import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { DRUM_CATEGORIES } from '../../domain/corrections';
import { loopSeconds, previewGainDb, semitonesToKey, tempoRatio } from '../../domain/audition';
import { pitchClassOf } from '../../domain/music/pitch';
import type { PlayableSource, PlaybackOptions } from '../../services/player';
import { selectVisibleRows, useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { loopsOverMetronome, useSettingsStore } from '../../state/settingsStore';

/** How a row should sound under the current settings: matched level, project tempo and key. */
export function playbackFor(row: LibraryRow, settings = useSettingsStore.getState()): PlaybackOptions {
  const a = row.analysis;
  const isLoop = a?.kind === 'loop';
  const clickBpm = isLoop && loopsOverMetronome(settings) ? settings.projectBpm : null;
  const samplePitch = a?.key ? pitchClassOf(a.key) : a?.rootMidi != null ? a.rootMidi % 12 : null;
  // Drums have no key to follow; their root note is only a timbre.
  const pitched = a?.category !== null && a?.category !== undefined && !DRUM_CATEGORIES.has(a.category);
  return {
    gainDb: settings.levelMatch ? previewGainDb(a?.loudnessLufs ?? null, a?.peakDbfs ?? null) : 0,
    stretch: settings.syncTempo && isLoop ? tempoRatio(a?.bpm ?? null, settings.projectBpm) : 1,
    semitones:
      settings.syncKey && pitched && settings.projectKey ? semitonesToKey(samplePitch, pitchClassOf(settings.projectKey.tonic)) : 0,
    keepLength: isLoop,
    clickBpm,
    loopSeconds: clickBpm && a ? loopSeconds(a.duration, a.bpm) : null,
  };
}

/** Play a row, or stop: the one place that turns a library row into sound. */
export function useAudition(): { play(row: LibraryRow, fromSeconds?: number): void; stop(): void; preload(row: LibraryRow): void } {
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
  const play = useCallback(
    (row: LibraryRow, fromSeconds = 0) => {
      void player.play(source(row), fromSeconds, playbackFor(row));
      // The next key press most likely moves one row up or down: have those decoded by then.
      for (const neighbour of neighboursOf(row.id)) if (neighbour.status !== 'failed') player.preload(source(neighbour));
    },
    [player, source],
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

/** The rows just below and above a row in the visible list. */
function neighboursOf(id: number): LibraryRow[] {
  const list = selectVisibleRows(useLibraryStore.getState());
  const index = list.findIndex((r) => r.id === id);
  if (index < 0) return [];
  return [list[index + 1], list[index - 1], list[index + 2]].filter((r): r is LibraryRow => r !== undefined);
}
