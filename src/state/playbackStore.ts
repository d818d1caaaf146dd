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
 * "×0.80 to 100 BPM · +5 st to A minor · −4.0 dB · looped over the click": what is applied to the
 * preview and what it follows, the neutral parts left out. A stretch or transposition worked out
 * from a tempo or key the analysis is unsure of says so: it is as likely wrong as that value.
 * `targets`: the project's tempo and key as the top bar names them.
 */
export function playbackSummary(
  options: PlaybackOptions,
  unsure: { tempo?: boolean; key?: boolean } = {},
  targets: { bpm?: number | null; key?: string | null } = {},
): string {
  const parts: string[] = [];
  if (Math.abs(options.stretch - 1) > 0.005) {
    const to = targets.bpm ? ` to ${targets.bpm} BPM` : '';
    parts.push(`×${options.stretch.toFixed(2)}${to}${unsure.tempo ? ' (tempo uncertain)' : ''}`);
  }
  if (options.semitones !== 0) {
    const to = targets.key ? ` to ${targets.key}` : '';
    parts.push(`${options.semitones > 0 ? '+' : '−'}${Math.abs(options.semitones)} st${to}${unsure.key ? ' (key uncertain)' : ''}`);
  }
  if (Math.abs(options.gainDb) >= 0.1) parts.push(`${options.gainDb > 0 ? '+' : '−'}${Math.abs(options.gainDb).toFixed(1)} dB`);
  if (options.clickBpm) parts.push('looped over the click');
  return parts.join(' · ');
}
