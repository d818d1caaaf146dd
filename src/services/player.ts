import * as Tone from 'tone';
import { SampleMindError } from '../domain/errors';
import type { DecodeOutcome } from '../../workers/contracts';

export interface PlayableSource {
  key: number;
  load(): Promise<File>;
  name: string;
}

export interface PlayerListener {
  onPlayingChange(key: number | null): void;
  onError(key: number, message: string): void;
}

const CACHE_SIZE = 24;

/**
 * Auditions samples through Tone.js (standardized-audio-context underneath). Decoding uses the
 * browser's decodeAudioData, falling back to the analysis worker's decoder for formats Chromium
 * refuses (AIFF); recent buffers stay cached so going back and forth is instant.
 */
export class Player {
  private readonly player = new Tone.Player().toDestination();
  private readonly cache = new Map<number, Tone.ToneAudioBuffer>();
  private playingKey: number | null = null;
  private startedAt = 0;
  private offset = 0;
  private request = 0;

  constructor(
    private readonly decodeInWorker: (file: File, name: string) => Promise<DecodeOutcome>,
    private readonly listener: PlayerListener,
  ) {
    this.player.onstop = () => {
      // onstop also fires when a new start replaces the old one; only report a real end.
      if (this.player.state === 'stopped' && this.playingKey !== null) {
        this.playingKey = null;
        this.listener.onPlayingChange(null);
      }
    };
  }

  get current(): number | null {
    return this.playingKey;
  }

  /** Seconds into the playing sample, or null when nothing plays. */
  position(): number | null {
    if (this.playingKey === null) return null;
    return this.offset + (Tone.now() - this.startedAt);
  }

  async play(source: PlayableSource, fromSeconds = 0): Promise<void> {
    const request = ++this.request;
    await Tone.start();
    try {
      const buffer = await this.buffer(source);
      if (request !== this.request) return; // a newer play() or stop() won
      this.stopNode();
      this.player.buffer = buffer;
      const offset = Math.min(Math.max(0, fromSeconds), Math.max(0, buffer.duration - 0.001));
      this.startedAt = Tone.now();
      this.offset = offset;
      this.playingKey = source.key;
      this.player.start(this.startedAt, offset);
      this.listener.onPlayingChange(source.key);
    } catch (error) {
      if (request !== this.request) return;
      this.listener.onError(source.key, error instanceof Error ? error.message : String(error));
    }
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
    if (this.player.state === 'started') this.player.stop();
  }

  private async buffer(source: PlayableSource): Promise<Tone.ToneAudioBuffer> {
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
