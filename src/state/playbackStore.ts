import { create } from 'zustand';
import type { PlaybackOptions } from '../services/playback';

/** How the preview playing now is played (null when nothing plays), for the top bar's readout. */
interface PlaybackState {
  options: PlaybackOptions | null;
  set(options: PlaybackOptions | null): void;
}

export const usePlaybackStore = create<PlaybackState>()((set) => ({
  options: null,
  set: (options) => set({ options }),
}));

/**
 * "×0.80 · +5 st · −4.0 dB": what is applied to the preview, the neutral parts left out. A stretch
 * or transposition worked out from a tempo or key the analysis is unsure of says so: it is as
 * likely wrong as that value.
 */
export function playbackSummary(options: PlaybackOptions, unsure: { tempo?: boolean; key?: boolean } = {}): string {
  const parts: string[] = [];
  if (Math.abs(options.stretch - 1) > 0.005) parts.push(`×${options.stretch.toFixed(2)}${unsure.tempo ? ' (tempo uncertain)' : ''}`);
  if (options.semitones !== 0)
    parts.push(`${options.semitones > 0 ? '+' : '−'}${Math.abs(options.semitones)} st${unsure.key ? ' (key uncertain)' : ''}`);
  if (Math.abs(options.gainDb) >= 0.1) parts.push(`${options.gainDb > 0 ? '+' : '−'}${Math.abs(options.gainDb).toFixed(1)} dB`);
  return parts.join(' · ');
}
