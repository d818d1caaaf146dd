/** Mel-scale filter bank over STFT bins (triangular filters, Slaney-style area normalisation off). */
export interface FilterBank {
  bands: number;
  /** For each band, the first bin and the weights of the bins it covers. */
  start: Int32Array;
  weights: Float32Array[];
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

const banks = new Map<string, FilterBank>();

/** Centre frequency (Hz) of each band of melFilterBank(bands, ..., minHz, maxHz). */
export function melBandCentres(bands: number, sampleRate: number, minHz = 30, maxHz = 16000): number[] {
  const top = Math.min(maxHz, sampleRate / 2);
  return Array.from({ length: bands }, (_, b) => melToHz(hzToMel(minHz) + ((hzToMel(top) - hzToMel(minHz)) * (b + 1)) / (bands + 1)));
}

export function melFilterBank(bands: number, fftSize: number, sampleRate: number, minHz = 30, maxHz = 16000): FilterBank {
  const key = `${bands}:${fftSize}:${sampleRate}:${minHz}:${maxHz}`;
  const cached = banks.get(key);
  if (cached) return cached;
  const top = Math.min(maxHz, sampleRate / 2);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(hzToMel(minHz) + ((hzToMel(top) - hzToMel(minHz)) * i) / (bands + 1)));
  const binHz = sampleRate / fftSize;
  const start = new Int32Array(bands);
  const weights: Float32Array[] = [];
  for (let b = 0; b < bands; b++) {
    const [lo, mid, hi] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    const first = Math.max(0, Math.floor(lo / binHz));
    const last = Math.min(fftSize / 2, Math.ceil(hi / binHz));
    const w = new Float32Array(Math.max(1, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      w[k - first] = hz <= lo || hz >= hi ? 0 : hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
    }
    // Narrow low bands can fall between bins: give them their nearest bin.
    if (w.every((x) => x === 0)) w[Math.min(w.length - 1, Math.round(mid / binHz) - first)] = 1;
    start[b] = first;
    weights.push(w);
  }
  const bank = { bands, start, weights };
  banks.set(key, bank);
  return bank;
}

/** Band energies (sum of squared magnitudes under each filter) of one spectrogram row. */
export function applyBank(bank: FilterBank, magnitudes: Float32Array, rowStart: number, out: Float32Array): void {
  for (let b = 0; b < bank.bands; b++) {
    const w = bank.weights[b]!;
    const s = rowStart + bank.start[b]!;
    let sum = 0;
    for (let i = 0; i < w.length; i++) {
      const m = magnitudes[s + i] ?? 0;
      sum += w[i]! * m * m;
    }
    out[b] = sum;
  }
}
