import { describe, expect, it } from 'vitest';
import { decodeListSnapshot, encodeListSnapshot } from '../../src/db/listSnapshot';
import type { SampleRecord } from '../../src/db/schema';
import { syntheticLibrary } from '../bench/syntheticLibrary';

const analysed = (overrides: Partial<SampleRecord> = {}): SampleRecord => ({
  id: 7,
  folderId: 2,
  path: 'Drums/Kicks/kick 01.wav',
  name: 'kick 01.wav',
  dir: 'Drums/Kicks',
  size: 12345,
  mtime: 1_700_000_000_000,
  status: 'done',
  error: null,
  analysis: {
    format: 'wav',
    duration: 0.42,
    sampleRate: 44100,
    channels: 2,
    peakDbfs: -0.3,
    loudnessLufs: -9.5,
    kind: 'one-shot',
    kindConfidence: 0.98,
    category: 'kick',
    categoryConfidence: 0.91,
    bpm: null,
    bpmConfidence: null,
    key: null,
    scale: null,
    keyConfidence: null,
    rootMidi: 36,
    rootConfidence: 0.6,
    embedded: null,
  },
  addedAt: 1_700_000_000_100,
  analysedAt: 1_700_000_000_200,
  updatedAt: 1_700_000_000_300,
  ...overrides,
});

describe('list snapshot codec', () => {
  it('gives back a realistic library exactly, field by field, in order', () => {
    const { samples } = syntheticLibrary(3000, 5);
    const records = samples.map((s, i) => ({ ...s, updatedAt: 1_800_000_000_000 + i }));
    const snapshot = encodeListSnapshot(records, 123);
    expect(snapshot.stamp).toBe(123);
    expect(snapshot.count).toBe(3000);
    expect(decodeListSnapshot(snapshot)).toStrictEqual(records);
    // The point of it: most records fit the columns, only the rest travel as objects.
    expect(snapshot.extras.length).toBeLessThan(records.length / 2);
  });

  it('carries what the columns cannot hold verbatim: errors, corrections, tags, metadata, fields added later', () => {
    const records: SampleRecord[] = [
      analysed(),
      analysed({
        id: 8,
        tags: ['dark', 'punchy'],
        favourite: 1,
        rating: 4,
        note: 'use in the intro',
        corrections: { category: 'tom', bpm: 87 },
        analysis: {
          ...analysed().analysis!,
          valueSources: { bpm: 'acid' },
          embedded: { title: 'Kick', tempo: 120 } as never,
          loudnessLufs: NaN, // not a column value: kept as it is
        },
      }),
      {
        ...analysed({ id: 9, status: 'failed', analysis: null, analysedAt: null }),
        error: { code: 'truncated', message: 'truncated FLAC stream' },
      },
      analysed({ id: 10, status: 'queued', analysis: null, analysedAt: null, updatedAt: undefined }),
      // A name that is not the end of the path, and a field this version does not know.
      { ...analysed({ id: 11, name: 'Renamed.wav', dir: 'Other' }), futureField: { x: [1, 2] } } as SampleRecord,
      analysed({ id: 12, path: 'root.wav', name: 'root.wav', dir: '' }),
    ];
    delete records[3]!.updatedAt;
    const decoded = decodeListSnapshot(encodeListSnapshot(records, 0));
    expect(decoded).toEqual(records);
    expect(decoded[1]!.analysis!.loudnessLufs).toBeNaN();
    expect(decoded[3]).not.toHaveProperty('updatedAt');
    expect(decoded[4]).toHaveProperty('futureField', { x: [1, 2] });
  });

  it('keeps the hints it was given, and no property for those it was not', () => {
    const order = Int32Array.from([1, 0]);
    const snapshot = encodeListSnapshot([analysed(), analysed({ id: 8 })], 0, { nameOrder: order, columnOrders: undefined });
    expect([...snapshot.nameOrder!]).toEqual([1, 0]);
    expect(snapshot).not.toHaveProperty('columnOrders');
  });
});
