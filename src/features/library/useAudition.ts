import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { previewGainDb, semitonesToKey, tempoRatio } from '../../domain/audition';
import { pitchClassOf } from '../../domain/music/pitch';
import type { PlaybackOptions } from '../../services/player';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';

/** How a row should sound under the current settings: matched level, project tempo and key. */
export function playbackFor(row: LibraryRow, settings = useSettingsStore.getState()): PlaybackOptions {
  const a = row.analysis;
  const isLoop = a?.kind === 'loop';
  const samplePitch = a?.key ? pitchClassOf(a.key) : a?.rootMidi != null ? a.rootMidi % 12 : null;
  // Drums have no key to follow; their root note is only a timbre.
  const pitched = a?.category !== null && a?.category !== undefined && !DRUMS.has(a.category);
  return {
    gainDb: settings.levelMatch ? previewGainDb(a?.loudnessLufs ?? null, a?.peakDbfs ?? null) : 0,
    stretch: settings.syncTempo && isLoop ? tempoRatio(a?.bpm ?? null, settings.projectBpm) : 1,
    semitones:
      settings.syncKey && pitched && settings.projectKey ? semitonesToKey(samplePitch, pitchClassOf(settings.projectKey.tonic)) : 0,
    keepLength: isLoop,
  };
}

const DRUMS = new Set(['kick', 'snare', 'clap', 'hihat', 'tom', 'cymbal', 'percussion', 'drum-loop']);

/** Play a row, or stop: the one place that turns a library row into sound. */
export function useAudition(): { play(row: LibraryRow, fromSeconds?: number): void; stop(): void } {
  const { player, repository, files } = useServices();
  const play = useCallback(
    (row: LibraryRow, fromSeconds = 0) => {
      void player.play(
        {
          key: row.id,
          name: row.name,
          load: async () => {
            const folder = useLibraryStore.getState().folders.get(row.folderId) ?? (await repository.getFolder(row.folderId));
            if (!folder) throw new Error('its folder is no longer in the library');
            return files.readFile(folder, row.relativePath);
          },
        },
        fromSeconds,
        playbackFor(row),
      );
    },
    [player, repository, files],
  );
  const stop = useCallback(() => player.stop(), [player]);
  return { play, stop };
}
