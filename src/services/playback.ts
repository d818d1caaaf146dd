export interface PlayableSource {
  key: number;
  load(): Promise<File>;
  name: string;
}

/** How a preview is played: level matching, and the project's tempo and key. */
export interface PlaybackOptions {
  /** Preview gain (level matching). */
  gainDb: number;
  /** Speed factor keeping pitch (a loop synced to the project tempo); 1 for none. */
  stretch: number;
  /** Transposition in semitones. */
  semitones: number;
  /** Loops keep their length when transposed; one-shots are re-pitched like a sampler (faster when higher). */
  keepLength: boolean;
  /** Audition over a metronome at this tempo, the sample looping until stopped; null for none. */
  clickBpm?: number | null;
  /** While looping, repeat only this many seconds of the file (a loop's whole bars, without a tail); null for all of it. */
  loopSeconds?: number | null;
}

export const NEUTRAL_PLAYBACK: PlaybackOptions = { gainDb: 0, stretch: 1, semitones: 0, keepLength: true };

export interface PlayerListener {
  onPlayingChange(key: number | null): void;
  onError(key: number, message: string): void;
}
