import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnalysisOutcome } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { analysisDeps } from '../support/essentia';
import { seededNoise } from '../support/signals';

/**
 * Damaged copies of every fixture format, made the ways files get damaged (cut short, bytes
 * flipped in the header or the audio, the header zeroed, junk appended): each must be analysed or
 * refused with a reason. `analysis_failed` is what an unexpected exception inside the analyser
 * becomes, so it would mean a crash on bad input.
 */
const SOURCES = [KNOWN.hihat, KNOWN.snare, KNOWN.epianoLoop, KNOWN.kick, KNOWN.drumLoop, KNOWN.vocal, KNOWN.bass];

function damagedCopies(bytes: Uint8Array, seed: number): [string, Uint8Array][] {
  const next = seededNoise(seed);
  const randomByte = (): number => Math.floor(((next() + 1) / 2) * 256) & 0xff;
  const randomIndex = (below: number): number => Math.min(below - 1, Math.floor(((next() + 1) / 2) * below));
  const flipped = (within: number, count: number): Uint8Array => {
    const copy = bytes.slice();
    for (let i = 0; i < count; i++) copy[randomIndex(Math.min(within, copy.length))] = randomByte();
    return copy;
  };
  const junk = new Uint8Array(bytes.length + 20_000);
  junk.set(bytes);
  for (let i = bytes.length; i < junk.length; i++) junk[i] = randomByte();
  const zeroedHeader = bytes.slice();
  zeroedHeader.fill(0, 12, 80);
  return [
    ...[12, 44, 300].map((n): [string, Uint8Array] => [`first ${n} bytes`, bytes.slice(0, n)]),
    ...[0.1, 0.5, 0.9].map((f): [string, Uint8Array] => [`cut at ${f * 100} %`, bytes.slice(0, Math.floor(bytes.length * f))]),
    ...[0, 1, 2, 3].map((k): [string, Uint8Array] => [`header bytes flipped (${k})`, flipped(96, 6)]),
    ['audio bytes flipped', flipped(bytes.length, Math.ceil(bytes.length / 500))],
    ['header zeroed', zeroedHeader],
    ['junk appended', junk],
  ];
}

const isFiniteOrNull = (value: unknown): boolean => value === null || typeof value !== 'number' || Number.isFinite(value);

describe('damaged files', () => {
  it.each(SOURCES)(
    'copies of $path are analysed or refused with a reason, never crash the analyser',
    async (source) => {
      const bytes = new Uint8Array(readFileSync(`${FIXTURE_LIBRARY}/${source.path}`));
      const name = source.path.split('/').pop()!;
      const outcomes: [string, AnalysisOutcome][] = [];
      for (const [how, copy] of damagedCopies(bytes, name.length)) {
        outcomes.push([how, await analyseSample(copy, name, await analysisDeps())]);
      }
      for (const [how, outcome] of outcomes) {
        if (outcome.ok) {
          const values = Object.entries(outcome.descriptors).filter(([, v]) => !isFiniteOrNull(v));
          expect(values, `${how}: non-finite values`).toEqual([]);
        } else {
          expect(outcome.error.code, `${how}: ${outcome.error.message}`).not.toBe('analysis_failed');
          expect(outcome.error.message.length, how).toBeGreaterThan(10);
        }
      }
      // Twelve bytes hold no audio in any format.
      expect(outcomes[0]![1].ok).toBe(false);
    },
    60_000,
  );
});
