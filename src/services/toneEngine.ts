import * as Tone from 'tone';
import { SampleMindError } from '../domain/errors';
import { Metronome } from './metronome';
import type { DecodeOutcome } from '../../workers/contracts';
import { NEUTRAL_PLAYBACK, type PlayableSource, type PlaybackOptions, type PlayerListener } from './playback';

const CACHE_SIZE = 24;

/**
 * Auditions samples through Tone.js (standardized-audio-context underneath). Decoding uses the
 * browser's decodeAudioData, falling back to the analysis worker's decoder for formats Chromium
 * refuses (AIFF); recent buffers stay cached so going back and forth is instant. Loaded on
 * demand by Player (player.ts): Tone is over a third of the app's code.
 */
export class ToneEngine {
  private readonly output = new Tone.Volume(0).toDestination();
  private readonly player = new Tone.Player().connect(this.output);
  /** Granular playback changes speed and pitch independently (tempo sync, transposing loops). */
  private readonly grains = new Tone.GrainPlayer({ grainSize: 0.08, overlap: 0.04 }).connect(this.output);
  private active: Tone.Player | Tone.GrainPlayer = this.player;
  private rate = 1;
  private lastOptions: PlaybackOptions = NEUTRAL_PLAYBACK;
  private readonly preloading = new Map<number, Promise<void>>();
  private readonly metronome = new Metronome();
  private readonly cache = new Map<number, Tone.ToneAudioBuffer>();
  private playingKey: number | null = null;
  private startedAt = 0;
  private offset = 0;
  /** Seconds of the buffer repeated while looping (its whole bars), null when not looping. */
  private loopEnd: number | null = null;
  private request = 0;

  constructor(
    private readonly decodeInWorker: (file: File, name: string) => Promise<DecodeOutcome>,
    private readonly listener: PlayerListener,
  ) {
    for (const node of [this.player, this.grains]) {
      node.onstop = () => {
        // onstop also fires when a new start replaces the old one; only report a real end.
        if (node === this.active && node.state === 'stopped' && this.playingKey !== null) {
          this.playingKey = null;
          this.listener.onPlayingChange(null);
        }
      };
    }
  }

  /** How the current (or last) preview was played, for the transport's readout and tests. */
  get playback(): PlaybackOptions {
    return this.lastOptions;
  }

  get current(): number | null {
    return this.playingKey;
  }

  /** Seconds into the playing sample (back at the start on each repeat of a loop), or null when nothing plays. */
  position(): number | null {
    if (this.playingKey === null) return null;
    const t = this.offset + (Tone.now() - this.startedAt) * this.rate;
    return this.loopEnd !== null && t >= this.loopEnd ? (t - this.loopEnd) % this.loopEnd : t;
  }

  async play(source: PlayableSource, fromSeconds = 0, options: PlaybackOptions = NEUTRAL_PLAYBACK): Promise<void> {
    const request = ++this.request;
    await Tone.start();
    try {
      const buffer = await this.buffer(source);
      if (request !== this.request) return; // a newer play() or stop() won
      this.stopNode();
      const granular = options.stretch !== 1 || (options.keepLength && options.semitones !== 0);
      this.active = granular ? this.grains : this.player;
      this.active.buffer = buffer;
      if (granular) {
        this.grains.playbackRate = options.stretch;
        this.grains.detune = options.semitones * 100;
        this.rate = options.stretch;
      } else {
        this.rate = 2 ** (options.semitones / 12);
        this.player.playbackRate = this.rate;
      }
      const looping = !!options.clickBpm;
      this.active.loop = looping;
      this.loopEnd = looping ? (options.loopSeconds ?? buffer.duration) : null;
      // A loop trimmed short of its last bar line repeats with silence up to it, so it keeps time with the click.
      if (this.loopEnd !== null && this.loopEnd > buffer.duration + 0.001) this.active.buffer = padded(buffer, this.loopEnd);
      if (this.loopEnd !== null) {
        this.active.loopStart = 0;
        this.active.loopEnd = this.loopEnd;
      }
      this.output.volume.value = options.gainDb;
      this.lastOptions = options;
      const end = this.loopEnd ?? buffer.duration;
      const offset = Math.min(Math.max(0, fromSeconds), Math.max(0, end - 0.001));
      this.startedAt = Tone.now();
      this.offset = offset;
      this.playingKey = source.key;
      this.active.start(this.startedAt, offset);
      // The click starts where the loop starts: from a seek, that many beats in (file seconds are
      // stretched by the rate, and the loop's whole bars keep the downbeats on its bar lines).
      if (options.clickBpm) this.metronome.start(options.clickBpm, this.startedAt, (offset / this.rate) * (options.clickBpm / 60));
      this.listener.onPlayingChange(source.key);
    } catch (error) {
      if (request !== this.request) return;
      // The sample asked for cannot play: the one before it must not go on as if it were this one.
      this.stop();
      this.listener.onError(source.key, error instanceof Error ? error.message : String(error));
    }
  }

  /** Level matching turned on or off while a preview plays: the gain changes, the sound goes on. */
  setGain(gainDb: number): void {
    this.output.volume.value = gainDb;
    this.lastOptions = { ...this.lastOptions, gainDb };
  }

  /**
   * Reads and decodes a sample ahead of its audition (the rows next to the one playing), so the
   * key press that reaches it only has to start a cached buffer. Failures stay quiet here; an
   * actual play() reports them.
   */
  preload(source: PlayableSource): void {
    if (this.cache.has(source.key) || this.preloading.has(source.key)) return;
    const loading = this.buffer(source)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => this.preloading.delete(source.key));
    this.preloading.set(source.key, loading);
  }

  stop(): void {
    this.request++;
    this.stopNode();
    if (this.playingKey !== null) {
      this.playingKey = null;
      this.listener.onPlayingChange(null);
    }
  }

  /** The audio context's state, for tests and the UI ("running" once sound has played). */
  contextState(): string {
    return Tone.getContext().state;
  }

  private stopNode(): void {
    this.metronome.stop();
    if (this.player.state === 'started') this.player.stop();
    if (this.grains.state === 'started') this.grains.stop();
  }

  private async buffer(source: PlayableSource): Promise<Tone.ToneAudioBuffer> {
    await this.preloading.get(source.key); // a preload under way: use its result rather than decode twice
    const cached = this.cache.get(source.key);
    if (cached) {
      this.cache.delete(source.key); // re-insert: most recently used last
      this.cache.set(source.key, cached);
      return cached;
    }
    const file = await source.load();
    const audioBuffer = await this.decode(file, source.name);
    const buffer = new Tone.ToneAudioBuffer(audioBuffer);
    this.cache.set(source.key, buffer);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return buffer;
  }

  private async decode(file: File, name: string): Promise<AudioBuffer> {
    const context = Tone.getContext();
    try {
      return await context.decodeAudioData(await file.arrayBuffer());
    } catch {
      const decoded = await this.decodeInWorker(file, name);
      if (!decoded.ok) throw new SampleMindError(decoded.error.code, decoded.error.message);
      const length = decoded.channelData[0]?.length ?? 0;
      const buffer = context.createBuffer(decoded.channelData.length, length, decoded.sampleRate);
      decoded.channelData.forEach((data, channel) => buffer.copyToChannel(data as Float32Array<ArrayBuffer>, channel));
      return buffer;
    }
  }
}

/** The buffer followed by silence up to `seconds`. */
function padded(buffer: Tone.ToneAudioBuffer, seconds: number): Tone.ToneAudioBuffer {
  const out = Tone.getContext().createBuffer(buffer.numberOfChannels, Math.ceil(seconds * buffer.sampleRate), buffer.sampleRate);
  for (let channel = 0; channel < buffer.numberOfChannels; channel++)
    out.copyToChannel(buffer.getChannelData(channel) as Float32Array<ArrayBuffer>, channel);
  return new Tone.ToneAudioBuffer(out);
}
