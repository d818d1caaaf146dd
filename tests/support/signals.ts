/** Test signals with known properties, generated so the expected answer is exact. */

export const RATE = 44100;

/** Deterministic noise (tests must not flake). */
export function seededNoise(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
}

export function sine(frequency: number, seconds: number, amplitude = 0.5, sampleRate = RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return out;
}

/** Signals of one length summed and scaled to a peak of 0.5. */
export function mix(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts[0]!.length);
  for (const part of parts) for (let i = 0; i < out.length; i++) out[i]! += part[i]!;
  const peak = out.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return out.map((x) => (0.5 * x) / peak);
}

export function silence(seconds: number, sampleRate = RATE): Float32Array {
  return new Float32Array(Math.round(seconds * sampleRate));
}

/** A drum-machine pattern: kick on every beat, hat on the off-beats, for a whole number of bars. */
export function clickTrack(bpm: number, bars: number, sampleRate = RATE): Float32Array {
  const beat = (60 / bpm) * sampleRate;
  const out = new Float32Array(Math.round(bars * 4 * beat));
  const noise = seededNoise(7);
  const hit = (at: number, length: number, render: (t: number) => number): void => {
    for (let i = 0; i < length && at + i < out.length; i++) out[at + i]! += render(i / sampleRate);
  };
  for (let b = 0; b < bars * 4; b++) {
    const start = Math.round(b * beat);
    hit(start, Math.round(0.25 * sampleRate), (t) => 0.8 * Math.exp(-t * 18) * Math.sin(2 * Math.PI * (50 + 90 * Math.exp(-t * 30)) * t));
    hit(Math.round(start + beat / 2), Math.round(0.06 * sampleRate), (t) => 0.3 * Math.exp(-t * 80) * noise());
  }
  return out;
}

const midiToHz = (midi: number): number => 440 * 2 ** ((midi - 69) / 12);

/** A note with a few harmonics and a soft attack, like a simple synth patch. */
function addNote(out: Float32Array, midi: number, start: number, length: number, amplitude: number, sampleRate: number): void {
  const f = midiToHz(midi);
  for (let i = 0; i < length && start + i < out.length; i++) {
    const t = i / sampleRate;
    const envelope = Math.min(1, t / 0.01) * Math.exp(-t * 1.5);
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
    out[start + i]! += amplitude * envelope * v;
  }
}

/** Chords, one per bar, as MIDI note lists: a progression that spells its key unambiguously. */
export function chordProgression(chords: number[][], bpm: number, sampleRate = RATE): Float32Array {
  const bar = (4 * 60 * sampleRate) / bpm;
  const out = new Float32Array(Math.round(chords.length * bar));
  chords.forEach((chord, i) => {
    for (const note of chord) addNote(out, note, Math.round(i * bar), Math.round(bar), 0.15, sampleRate);
  });
  return out;
}

/** I-IV-V-I in a major key whose tonic is `tonic` (MIDI note, e.g. 60 for C4). */
export function majorCadence(tonic: number): number[][] {
  return [
    [tonic, tonic + 4, tonic + 7, tonic - 12],
    [tonic + 5, tonic + 9, tonic + 12, tonic - 7],
    [tonic + 7, tonic + 11, tonic + 14, tonic - 5],
    [tonic, tonic + 4, tonic + 7, tonic - 12],
  ];
}

/** i-iv-V-i in a harmonic minor key. */
export function minorCadence(tonic: number): number[][] {
  return [
    [tonic, tonic + 3, tonic + 7, tonic - 12],
    [tonic + 5, tonic + 8, tonic + 12, tonic - 7],
    [tonic + 7, tonic + 11, tonic + 14, tonic - 5],
    [tonic, tonic + 3, tonic + 7, tonic - 12],
  ];
}
