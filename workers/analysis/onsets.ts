/**
 * A cheap onset detector over log energy in two bands (full and high-passed), enough to tell a
 * single hit from a rhythmic pattern and to place beats. Runs in a few milliseconds per second
 * of audio, so every file can afford it.
 */

export interface OnsetAnalysis {
  /** Seconds per envelope frame. */
  frameSeconds: number;
  /** Half-wave rectified rise in log energy per frame (the novelty curve). */
  novelty: Float32Array;
  /** Onset times in seconds. */
  onsets: number[];
  /** Peak frame energy in dB relative to full scale. */
  maxEnergyDb: number;
}

const HOP_SECONDS = 0.01;

export function detectOnsets(mono: Float32Array, sampleRate: number): OnsetAnalysis {
  const hop = Math.max(1, Math.round(HOP_SECONDS * sampleRate));
  const frames = Math.floor(mono.length / hop);
  const lowDb = new Float32Array(frames);
  const highDb = new Float32Array(frames);
  let maxEnergyDb = -Infinity;
  let previous = 0;
  for (let f = 0; f < frames; f++) {
    let full = 0;
    let high = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) {
      const x = mono[i]!;
      const d = x - previous; // first difference: a gentle high-pass for hats and transients
      previous = x;
      full += x * x;
      high += d * d;
    }
    lowDb[f] = 10 * Math.log10(full / hop + 1e-10);
    highDb[f] = 10 * Math.log10(high / hop + 1e-10);
    if (lowDb[f]! > maxEnergyDb) maxEnergyDb = lowDb[f]!;
  }
  const novelty = new Float32Array(frames);
  const floorDb = maxEnergyDb - 50; // ignore rises inside the noise floor
  for (let f = 1; f < frames; f++) {
    // Compare with the minimum of the last three frames so slow attacks still register.
    const lowPrev = Math.max(floorDb, Math.min(lowDb[f - 1]!, lowDb[Math.max(0, f - 3)]!));
    const highPrev = Math.max(floorDb, Math.min(highDb[f - 1]!, highDb[Math.max(0, f - 3)]!));
    const rise = Math.max(0, Math.max(floorDb, lowDb[f]!) - lowPrev) + Math.max(0, Math.max(floorDb, highDb[f]!) - highPrev);
    novelty[f] = rise;
  }
  const onsets: number[] = [];
  const minGapFrames = Math.round(0.05 / HOP_SECONDS);
  let lastOnset = -Infinity;
  for (let f = 1; f < frames - 1; f++) {
    const n = novelty[f]!;
    if (n < 6 || n < novelty[f - 1]! || n < novelty[f + 1]!) continue;
    if (Math.max(lowDb[f]!, lowDb[f + 1]!) < maxEnergyDb - 30) continue; // too quiet to be a hit
    if (f - lastOnset < minGapFrames) continue;
    onsets.push(f * HOP_SECONDS);
    lastOnset = f;
  }
  return { frameSeconds: hop / sampleRate, novelty, onsets, maxEnergyDb };
}
