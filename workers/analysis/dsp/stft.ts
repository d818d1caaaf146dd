import FFT from 'fft.js';

/** Magnitude spectrogram: `frames` rows of `bins` = size/2 + 1 magnitudes, row-major. */
export interface Spectrogram {
  sampleRate: number;
  size: number;
  hop: number;
  frames: number;
  bins: number;
  magnitudes: Float32Array;
}

interface Plan {
  fft: FFT;
  window: Float64Array;
  frame: Float64Array;
  out: Float64Array;
}

const plans = new Map<number, Plan>();

function plan(size: number): Plan {
  let p = plans.get(size);
  if (!p) {
    const window = new Float64Array(size);
    for (let i = 0; i < size; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
    p = { fft: new FFT(size), window, frame: new Float64Array(size), out: new Float64Array(2 * size) };
    plans.set(size, p);
  }
  return p;
}

/**
 * Short-time Fourier transform with a Hann window (fft.js underneath: about 12 µs per
 * 1024-point frame, where per-frame essentia calls from JavaScript cost a millisecond).
 * Frames are centred: frame i describes the audio around sample i * hop.
 */
export function stft(signal: Float32Array, sampleRate: number, size: number, hop: number): Spectrogram {
  const { fft, window, frame, out } = plan(size);
  const frames = Math.max(1, Math.ceil(signal.length / hop));
  const bins = size / 2 + 1;
  const magnitudes = new Float32Array(frames * bins);
  const half = size / 2;
  for (let f = 0; f < frames; f++) {
    const start = f * hop - half;
    for (let i = 0; i < size; i++) {
      const j = start + i;
      frame[i] = j >= 0 && j < signal.length ? signal[j]! * window[i]! : 0;
    }
    fft.realTransform(out, frame);
    const row = f * bins;
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k]!;
      const im = out[2 * k + 1]!;
      magnitudes[row + k] = Math.sqrt(re * re + im * im);
    }
  }
  return { sampleRate, size, hop, frames, bins, magnitudes };
}
