import * as Tone from 'tone';

/**
 * A click on every beat (accented on the bar) for auditioning loops against the project tempo.
 * Scheduled on Tone's transport so the clicks stay sample-accurate with the loop they start with.
 */
export class Metronome {
  private readonly synth = new Tone.Synth({
    oscillator: { type: 'triangle' },
    envelope: { attack: 0.001, decay: 0.05, sustain: 0, release: 0.02 },
    volume: -14,
  }).toDestination();
  private loop: Tone.Loop | null = null;
  private beat = 0;

  /** Starts clicking at `bpm` from audio-context time `at`, first click on the downbeat. */
  start(bpm: number, at: number): void {
    this.stop();
    const transport = Tone.getTransport();
    transport.bpm.value = bpm;
    this.beat = 0;
    this.loop = new Tone.Loop((time) => {
      this.synth.triggerAttackRelease(this.beat % 4 === 0 ? 'C6' : 'G5', 0.03, time);
      this.beat++;
    }, '4n').start(0);
    transport.start(at);
  }

  stop(): void {
    if (!this.loop) return;
    Tone.getTransport().stop();
    this.loop.dispose();
    this.loop = null;
  }

  get running(): boolean {
    return this.loop !== null;
  }
}
