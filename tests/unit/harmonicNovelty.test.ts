import { describe, expect, it } from 'vitest';
import { chromagram, harmonicNovelty } from '../../workers/analysis/chroma';
import { chordProgression, majorCadence, mix, RATE, sine } from '../support/signals';

/** A held sound with a 5.5 Hz vibrato of a quarter tone either way: its pitch wobbles, its pitch classes stay. */
function vibratoNote(frequency: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const f = frequency * 2 ** ((0.5 / 12) * Math.sin((2 * Math.PI * 5.5 * i) / RATE));
    phase += (2 * Math.PI * f) / RATE;
    out[i] = 0.5 * (Math.sin(phase) + 0.4 * Math.sin(2 * phase) + 0.2 * Math.sin(3 * phase));
  }
  return out;
}

const noveltyOf = (sound: Float32Array): number => harmonicNovelty(chromagram(sound, RATE));

describe('harmonicNovelty', () => {
  it('is low for a held note or chord, vibrato and all', () => {
    expect(noveltyOf(vibratoNote(220, 4))).toBeLessThan(0.1);
    const chord = mix([261.63, 329.63, 392].map((f) => sine(f, 4)));
    expect(noveltyOf(chord)).toBeLessThan(0.05);
  });

  it('is high where the chords change, as in a loop', () => {
    expect(noveltyOf(chordProgression(majorCadence(60), 120))).toBeGreaterThan(0.3);
  });

  it('ignores a tail far under the sound: a release is not a new harmony', () => {
    const note = vibratoNote(220, 3);
    const tail = sine(311.13, 1, 0.5 * 10 ** (-40 / 20)); // a quiet other pitch class, 40 dB down
    const withTail = new Float32Array(note.length + tail.length);
    withTail.set(note);
    withTail.set(tail, note.length);
    expect(noveltyOf(withTail)).toBeLessThan(0.1);
  });
});
