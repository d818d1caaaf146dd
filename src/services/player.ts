import type { DecodeOutcome } from '../../workers/contracts';
import { NEUTRAL_PLAYBACK, type PlayableSource, type PlaybackOptions, type PlayerListener } from './playback';
import type { ToneEngine } from './toneEngine';

export { NEUTRAL_PLAYBACK } from './playback';
export type { PlayableSource, PlaybackOptions, PlayerListener } from './playback';

/**
 * The app's audition player. The audio engine behind it (Tone.js, toneEngine.ts) is over a third
 * of the app's code, so it is loaded on its own: warmUp() right after the library shows (the
 * first audition does not wait for it), or by the first play() if that comes sooner.
 */
export class Player {
  private engine: ToneEngine | null = null;
  private loading: Promise<ToneEngine> | null = null;
  /** Counts play() and stop() calls, so a play() still waiting for the engine loses to a later call. */
  private request = 0;

  constructor(
    private readonly decodeInWorker: (file: File, name: string) => Promise<DecodeOutcome>,
    private readonly listener: PlayerListener,
  ) {}

  /** Loads the audio engine (once). */
  warmUp(): Promise<ToneEngine> {
    this.loading ??= import('./toneEngine').then(({ ToneEngine }) => (this.engine = new ToneEngine(this.decodeInWorker, this.listener)));
    return this.loading;
  }

  /** How the current (or last) preview was played, for the transport's readout and tests. */
  get playback(): PlaybackOptions {
    return this.engine?.playback ?? NEUTRAL_PLAYBACK;
  }

  get current(): number | null {
    return this.engine?.current ?? null;
  }

  /** Seconds into the playing sample, or null when nothing plays. */
  position(): number | null {
    return this.engine?.position() ?? null;
  }

  async play(source: PlayableSource, fromSeconds = 0, options: PlaybackOptions = NEUTRAL_PLAYBACK): Promise<void> {
    const request = ++this.request;
    const engine = this.engine ?? (await this.warmUp());
    if (request !== this.request) return; // stopped, or another sample asked for, while the engine loaded
    await engine.play(source, fromSeconds, options);
  }

  /** Changes the playing preview's gain without restarting it (level matching turned on or off). */
  setGain(gainDb: number): void {
    this.engine?.setGain(gainDb);
  }

  /** Reads and decodes a sample ahead of its audition (see ToneEngine.preload). */
  preload(source: PlayableSource): void {
    if (this.engine) this.engine.preload(source);
    else void this.warmUp().then((engine) => engine.preload(source));
  }

  stop(): void {
    this.request++;
    this.engine?.stop();
  }

  /** The audio context's state, for tests and the UI ("running" once sound has played). */
  contextState(): string {
    return this.engine?.contextState() ?? 'suspended';
  }
}
