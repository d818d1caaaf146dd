import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate, SampleFacts } from '../../src/domain/similarity/duplicates';
import {
  chooseKeeper,
  compareKeepPreference,
  durationsAgree,
  findDuplicateGroups,
  formatTier,
} from '../../src/domain/similarity/duplicates';
import { VectorError, layoutFromSizes } from '../../src/domain/similarity/embeddingLayout';
import { normaliseAspects, similarity } from '../../src/domain/similarity/vectors';
import { seededNoise } from '../support/signals';

const LAYOUT = layoutFromSizes({ timbre: 16, pitch: 12, envelope: 8, rhythm: 8, spectrum: 12 });
/** Each test draws its own sounds, so running one test alone sees the same numbers. */
function soundMaker(seed: number) {
  const noise = seededNoise(seed);
  return {
    randomSound: (): Float32Array => normaliseAspects(Float32Array.from({ length: LAYOUT.dimension }, noise), LAYOUT),
    /** The same sound again: another encoding nudges every number a little. */
    copyOf: (vector: Float32Array, amount = 0.02): Float32Array =>
      normaliseAspects(
        Float32Array.from(vector, (value) => value + amount * noise()),
        LAYOUT,
      ),
  };
}

const wav = (durationSeconds: number, extra: Partial<SampleFacts> = {}): SampleFacts => ({
  durationSeconds,
  format: 'wav',
  sampleRate: 44100,
  bitDepth: 16,
  ...extra,
});

describe('findDuplicateGroups', () => {
  /** 400 distinct sounds; 25 of them get one or two re-encoded, trimmed or renamed copies. */
  function plantedLibrary() {
    const { randomSound, copyOf } = soundMaker(21);
    const samples: DuplicateCandidate[] = [];
    const planted: number[][] = [];
    for (let n = 0; n < 400; n++) {
      const vector = randomSound();
      const duration = 0.2 + (n % 40) * 0.15;
      samples.push({ id: n, vector, facts: wav(duration) });
      if (n % 16 !== 3) continue;
      const group = [n];
      const copies = n % 32 === 3 ? 2 : 1;
      for (let c = 1; c <= copies; c++) {
        const id = 10_000 + n * 10 + c;
        samples.push({ id, vector: copyOf(vector), facts: wav(Math.max(0.05, duration - 0.1 * c), { format: c === 1 ? 'mp3' : 'flac' }) });
        group.push(id);
      }
      planted.push(group);
    }
    return { samples, planted };
  }

  it('groups every planted copy with its original and nothing else', () => {
    const { samples, planted } = plantedLibrary();
    const groups = findDuplicateGroups(samples, LAYOUT);
    const found = groups.map((group) => [group.keep, ...group.others].sort((a, b) => a - b));
    expect(found.sort((a, b) => a[0]! - b[0]!)).toEqual(planted.map((group) => [...group].sort((a, b) => a - b)));
    for (const group of groups) {
      expect(group.score).toBeGreaterThanOrEqual(0.97);
      expect(group.score).toBeLessThanOrEqual(1 + 1e-6);
    }
    // Deterministic: the same input and seed give the same groups.
    expect(findDuplicateGroups(samples, LAYOUT)).toEqual(groups);
  });

  it('keeps the best copy: the 16-bit WAV over its MP3, the 24-bit FLAC over both', () => {
    const { samples } = plantedLibrary();
    const groups = findDuplicateGroups(samples, LAYOUT);
    const pair = groups.find((group) => group.keep === 19)!; // 19 % 16 === 3: one MP3 copy
    expect(pair.others).toEqual([10_191]);
    const { randomSound, copyOf } = soundMaker(22);
    const sound = randomSound();
    const trio = findDuplicateGroups(
      [
        { id: 1, vector: sound, facts: { durationSeconds: 2, format: 'mp3', sampleRate: 48000, fileSize: 80_000 } },
        { id: 2, vector: copyOf(sound), facts: wav(2) },
        { id: 3, vector: copyOf(sound), facts: { durationSeconds: 1.9, format: 'flac', sampleRate: 44100, bitDepth: 24 } },
      ],
      LAYOUT,
    );
    expect(trio).toEqual([{ keep: 3, others: [1, 2], score: expect.any(Number) }]);
  });

  it('does not group similar but different sounds, or the same sound at very different lengths', () => {
    const { randomSound, copyOf } = soundMaker(23);
    const sound = randomSound();
    const variation = copyOf(sound, 0.3); // same family, audibly different
    expect(similarity(sound, variation, LAYOUT)).toBeLessThan(0.97);
    expect(similarity(sound, variation, LAYOUT)).toBeGreaterThan(0.7);
    const samples: DuplicateCandidate[] = [
      { id: 1, vector: sound, facts: wav(1) },
      { id: 2, vector: variation, facts: wav(1) },
      { id: 3, vector: copyOf(sound), facts: wav(3) }, // the same hit, but inside a 3-second loop
      { id: 4, vector: randomSound(), facts: wav(1) },
    ];
    expect(findDuplicateGroups(samples, LAYOUT)).toEqual([]);
    // A lower threshold lets the variation in; the 3-second one still differs in length.
    expect(findDuplicateGroups(samples, LAYOUT, { threshold: 0.6 }).map((group) => [group.keep, ...group.others])).toEqual([[1, 2]]);
  });

  it('chains copies of copies into one group', () => {
    const { randomSound, copyOf } = soundMaker(24);
    const a = randomSound();
    const b = copyOf(a, 0.06);
    const c = copyOf(b, 0.06);
    const threshold = Math.min(similarity(a, b, LAYOUT), similarity(b, c, LAYOUT)) - 0.001;
    expect(similarity(a, c, LAYOUT)).toBeLessThan(threshold); // a and c alone would not match
    const groups = findDuplicateGroups(
      [
        { id: 1, vector: a, facts: wav(1) },
        { id: 2, vector: b, facts: wav(1) },
        { id: 3, vector: c, facts: wav(1) },
      ],
      LAYOUT,
      { threshold },
    );
    expect(groups).toHaveLength(1);
    expect([groups[0]!.keep, ...groups[0]!.others].sort()).toEqual([1, 2, 3]);
  });

  it('matches identical one-shots that lack an aspect (rhythm all zero)', () => {
    const { randomSound, copyOf } = soundMaker(25);
    const { start, end } = LAYOUT.aspects.rhythm;
    const oneShot = randomSound().fill(0, start, end);
    const groups = findDuplicateGroups(
      [
        { id: 5, vector: oneShot, facts: wav(0.4) },
        { id: 6, vector: copyOf(oneShot).fill(0, start, end), facts: wav(0.45, { metadataFields: 3 }) },
      ],
      LAYOUT,
    );
    expect(groups).toEqual([{ keep: 6, others: [5], score: expect.closeTo(1, 2) }]);
  });

  it('never groups silent samples (all-zero embeddings), even with each other', () => {
    const { randomSound, copyOf } = soundMaker(27);
    const silence = (id: number): DuplicateCandidate => ({ id, vector: new Float32Array(LAYOUT.dimension), facts: wav(1) });
    const sound = randomSound();
    const samples = [
      silence(1),
      silence(2),
      silence(3),
      { id: 4, vector: sound, facts: wav(1) },
      { id: 5, vector: copyOf(sound), facts: wav(1) },
    ];
    expect(findDuplicateGroups(samples, LAYOUT)).toEqual([{ keep: 4, others: [5], score: expect.closeTo(1, 2) }]);
  });

  it('refuses repeated ids and missing durations', () => {
    const vector = soundMaker(26).randomSound();
    expect(() =>
      findDuplicateGroups(
        [
          { id: 1, vector, facts: wav(1) },
          { id: 1, vector, facts: wav(1) },
        ],
        LAYOUT,
      ),
    ).toThrow(VectorError);
    expect(() => findDuplicateGroups([{ id: 1, vector, facts: wav(Number.NaN) }], LAYOUT)).toThrow(VectorError);
    expect(() => findDuplicateGroups([], LAYOUT, { threshold: 1.5 })).toThrow(VectorError);
  });
});

describe('durationsAgree', () => {
  it('allows 0.3 s on short sounds and 10 % on long ones', () => {
    expect(durationsAgree(0.5, 0.79)).toBe(true);
    expect(durationsAgree(0.5, 0.85)).toBe(false);
    expect(durationsAgree(8, 8.85)).toBe(true);
    expect(durationsAgree(8, 9.2)).toBe(false);
    expect(durationsAgree(8, 9.2, { relative: 0.2, seconds: 0 })).toBe(true);
  });
});

describe('choosing the copy to keep', () => {
  it('ranks lossless over lossy, then bit depth, then sample rate', () => {
    expect(formatTier('FLAC')).toBe(2);
    expect(formatTier('.aif')).toBe(2);
    expect(formatTier('mp3')).toBe(1);
    expect(formatTier('xyz')).toBe(0);
    const flac24 = { durationSeconds: 1, format: 'flac', bitDepth: 24, sampleRate: 44100 };
    const mp3 = { durationSeconds: 1.2, format: 'mp3', sampleRate: 48000, metadataFields: 12 };
    expect(compareKeepPreference(flac24, mp3)).toBeLessThan(0);
    expect(compareKeepPreference(mp3, flac24)).toBeGreaterThan(0);
    expect(compareKeepPreference(wav(1, { bitDepth: 24 }), wav(1, { bitDepth: 16, sampleRate: 96000 }))).toBeLessThan(0);
    expect(compareKeepPreference(wav(1, { sampleRate: 48000 }), wav(1.5))).toBeLessThan(0);
  });

  it('then prefers the longer copy, then more metadata, then the lower id', () => {
    expect(compareKeepPreference(wav(1.2), wav(1))).toBeLessThan(0); // the untrimmed one
    expect(compareKeepPreference(wav(1, { metadataFields: 5 }), wav(1, { metadataFields: 2 }))).toBeLessThan(0);
    expect(compareKeepPreference(wav(1), wav(1))).toBe(0);
    const lossy = (fileSize: number): SampleFacts => ({ durationSeconds: 2, format: 'mp3', fileSize });
    expect(compareKeepPreference(lossy(80_000), lossy(32_000))).toBeLessThan(0); // 320 kbit/s over 128
    const copies = [
      { id: 8, facts: wav(1) },
      { id: 4, facts: wav(1) },
      { id: 2, facts: { durationSeconds: 1.5, format: 'ogg' } },
    ];
    expect(chooseKeeper(copies).id).toBe(4);
    expect(chooseKeeper([...copies, { id: 9, facts: wav(1, { metadataFields: 1 }) }]).id).toBe(9);
    expect(() => chooseKeeper([])).toThrow(VectorError);
  });
});
