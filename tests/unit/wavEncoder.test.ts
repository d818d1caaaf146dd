import { describe, expect, it } from 'vitest';
import { encodeWav, trimSilence } from '../../src/domain/audio/wavEncoder';
import { decodeAudio } from '../../workers/analysis/decode';

describe('microphone examples as WAV', () => {
  it('encodes 16-bit PCM that the analysis decoder reads back sample for sample', async () => {
    const left = Float32Array.from({ length: 4410 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 440 * i) / 44100));
    const right = left.map((x) => -x / 2);
    const audio = await decodeAudio(encodeWav([left, right], 44100), 'Microphone recording.wav');
    expect(audio.sampleRate).toBe(44100);
    expect(audio.channelData).toHaveLength(2);
    expect(audio.channelData[0]!.length).toBe(4410);
    for (let i = 0; i < 4410; i += 97) {
      expect(audio.channelData[0]![i]).toBeCloseTo(left[i]!, 4);
      expect(audio.channelData[1]![i]).toBeCloseTo(right[i]!, 4);
    }
  });

  it('clips out-of-range samples and refuses channels of different lengths', () => {
    const bytes = encodeWav([Float32Array.of(2, -2)], 8000);
    const view = new DataView(bytes.buffer);
    expect([view.getInt16(44, true), view.getInt16(46, true)]).toEqual([32767, -32768]);
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], 8000)).toThrow(RangeError);
  });

  it('trims the room silence around what was played, keeping a few ms before the attack', () => {
    const rate = 1000;
    const signal = new Float32Array(3000);
    signal.fill(0.001, 0, 1000); // noise floor, -60 dB under the hit
    for (let i = 1000; i < 1500; i++) signal[i] = 1 - (i - 1000) / 500;
    const trimmed = trimSilence(signal, rate);
    expect(trimmed.length).toBeGreaterThan(480);
    expect(trimmed.length).toBeLessThan(520);
    expect(trimmed[10]).toBeCloseTo(1, 5); // 10 ms margin at 1 kHz
    expect(trimSilence(new Float32Array(100), rate)).toHaveLength(0);
  });
});
