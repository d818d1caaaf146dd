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

  /**
   * Starts clicking at `bpm` from audio-context time `at`, `beatsIn` beats into the bar count (a
   * loop auditioned from a seek): the next click falls on the next whole beat, accented on bar lines.
   */
  start(bpm: number, at: number, beatsIn = 0): void {
    this.stop();
    const transport = Tone.getTransport();
    transport.bpm.value = bpm;
    this.loop = new Tone.Loop((time) => {
      const beat = Math.round(transport.getTicksAtTime(time) / transport.PPQ);
      this.synth.triggerAttackRelease(beat % 4 === 0 ? 'C6' : 'G5', 0.03, time);
    }, '4n').start(0);
    transport.start(at, (Math.max(0, beatsIn) * 60) / bpm);
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
