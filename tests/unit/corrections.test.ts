import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import { effectiveAnalysis, kindCorrection, patchCorrections, type Corrections } from '../../src/domain/corrections';
import { toSidecarRow } from '../../src/domain/export/sidecar';
import { EMPTY_QUERY, rowMatcher, type LibraryQuery } from '../../src/domain/library/libraryQuery';
import type { SampleRow } from '../../src/domain/library/sampleQuery';
import { parseNoteName } from '../../src/domain/music/pitch';
import { analysis as descriptors } from '../support/rows';

/** The e-piano loop as analysed: 172 BPM in G major, middling confidence (the shared neutral descriptors, made a loop). */
const analysis = (over: Partial<AudioDescriptors>): AudioDescriptors =>
  descriptors({
    duration: 2.79,
    loudnessLufs: -12,
    kind: 'loop',
    kindConfidence: 0.6,
    category: 'keys',
    categoryConfidence: 0.8,
    bpm: 172,
    bpmConfidence: 0.7,
    key: 'G',
    scale: 'major',
    keyConfidence: 0.6,
    ...over,
  });

/** A held pad the analysis took for a one-shot: a root note, no tempo, no key. */
const oneShot = analysis({
  kind: 'one-shot',
  bpm: null,
  bpmConfidence: null,
  key: null,
  scale: null,
  keyConfidence: null,
  rootMidi: 43,
  rootConfidence: 0.5,
});

describe('parseNoteName', () => {
  it.each([
    ['G2', 43],
    ['g2', 43],
    ['F#3', 54],
    ['F♯3', 54],
    ['Bb1', 34],
    ['bb1', 34],
    ['B♭ 1', 34],
    ['C4', 60],
    [' A4 ', 69],
    ['C-1', 0],
    ['G9', 127],
    ['Cb4', 59], // B3: the flat lowers the pitch, the octave number stays the written one
    ['B#3', 60],
  ])('reads %s as MIDI %i', (text, midi) => {
    expect(parseNoteName(text)).toBe(midi);
  });

  it.each(['', 'G', 'H2', 'G#9', 'Cb-1', 'C10', 'G 2 3', 'G2x', '43', 'Gm2', 'F##3'])('refuses %j', (text) => {
    expect(parseNoteName(text)).toBeNull();
  });
});

describe('kind corrections', () => {
  it('sets the other kind, and removes the correction when the kind chosen is what the analysis said', () => {
    expect(kindCorrection('one-shot', 'loop')).toEqual({ kind: 'loop' });
    expect(kindCorrection('loop', 'loop')).toEqual({ kind: null });
    expect(kindCorrection(null, 'one-shot')).toEqual({ kind: 'one-shot' });
    expect(patchCorrections({ kind: 'loop', category: 'pad' }, kindCorrection('loop', 'loop'))).toEqual({ category: 'pad' });
  });

  it('makes a one-shot a loop with no root note and no tempo until one is typed', () => {
    const loop = effectiveAnalysis(oneShot, { kind: 'loop' })!;
    expect(loop).toMatchObject({ kind: 'loop', kindConfidence: 1, rootMidi: null, rootConfidence: null, bpm: null, bpmConfidence: null });
    expect(effectiveAnalysis(oneShot, { kind: 'loop', bpm: 90 })).toMatchObject({
      kind: 'loop',
      bpm: 90,
      bpmConfidence: 1,
      rootMidi: null,
    });
    // A typed root note is kept for when it is a one-shot again, never shown on the loop.
    expect(effectiveAnalysis(oneShot, { kind: 'loop', rootMidi: 45 })?.rootMidi).toBeNull();
  });

  it('makes a loop a one-shot with no tempo and no key, even typed ones, and the root note the user gives', () => {
    const sourced = analysis({ valueSources: { bpm: 'acid', key: 'file-name', category: 'file-name' } });
    const made = effectiveAnalysis(sourced, { kind: 'one-shot', bpm: 86, key: 'A', scale: 'minor' })!;
    expect(made).toMatchObject({
      kind: 'one-shot',
      bpm: null,
      bpmConfidence: null,
      key: null,
      scale: null,
      keyConfidence: null,
      rootMidi: null,
    });
    // Nothing says "from the ACID chunk" about a tempo that is no longer there.
    expect(made.valueSources).toEqual({ category: 'file-name' });
    expect(effectiveAnalysis(sourced, { kind: 'one-shot', rootMidi: 38 })).toMatchObject({ rootMidi: 38, rootConfidence: 1 });
  });

  it('leaves the values alone when the kind corrected is the one the analysis gives', () => {
    expect(effectiveAnalysis(analysis({}), { kind: 'loop' })).toMatchObject({ bpm: 172, key: 'G' });
    expect(effectiveAnalysis(oneShot, { rootMidi: 31 })).toMatchObject({ kind: 'one-shot', rootMidi: 31, rootConfidence: 1 });
    // A one-shot the file's ACID flag made one keeps the key its loop analysis found.
    const flagged = analysis({ kind: 'one-shot', bpm: null, bpmConfidence: null });
    expect(effectiveAnalysis(flagged, { category: 'pad' })).toMatchObject({ key: 'G', scale: 'major' });
  });

  it('hides a tempo typed while it was a loop once the kind goes back to the analysis, and brings it back', () => {
    // One-shot -> loop at 120 BPM -> back to one-shot (the kind correction removed): no tempo in the list.
    const back = effectiveAnalysis(oneShot, patchCorrections({ kind: 'loop', bpm: 120 }, kindCorrection('one-shot', 'one-shot')))!;
    expect(back).toMatchObject({ kind: 'one-shot', bpm: null, bpmConfidence: null, rootMidi: 43 });
    expect(effectiveAnalysis(oneShot, { kind: 'loop', bpm: 120 })).toMatchObject({ kind: 'loop', bpm: 120 });
    // And a root note typed on a loop made a one-shot is not shown on the loop it is again.
    expect(effectiveAnalysis(analysis({}), { rootMidi: 38 })).toMatchObject({ kind: 'loop', rootMidi: null, bpm: 172 });
  });
});

describe('corrected kind and root in the list and the exports', () => {
  const row = (id: number, a: AudioDescriptors, corrections: Corrections): SampleRow => ({
    id,
    name: `${id}.wav`,
    dir: '',
    path: `${id}.wav`,
    status: 'done',
    analysis: effectiveAnalysis(a, corrections),
    tags: [],
    favourite: false,
    rating: 0,
  });
  const matching = (rows: SampleRow[], query: Partial<LibraryQuery>): number[] =>
    rows.filter(rowMatcher({ ...EMPTY_QUERY, ...query }, null)).map((r) => r.id);
  const rows = [
    row(1, oneShot, { kind: 'loop', bpm: 90 }),
    row(2, analysis({}), { kind: 'one-shot', rootMidi: 38 }),
    row(3, analysis({}), {}),
  ];

  it('filters by the corrected kind and tempo', () => {
    expect(matching(rows, { kind: 'loop' })).toEqual([1, 3]);
    expect(matching(rows, { kind: 'one-shot' })).toEqual([2]);
    // The loop made a one-shot no longer answers to its 172 BPM.
    expect(matching(rows, { bpm: { min: 160, max: 180, halfDouble: false } })).toEqual([3]);
    expect(matching(rows, { bpm: { min: 85, max: 95, halfDouble: false } })).toEqual([1]);
    // The one-shot's corrected root (D) answers a key filter, not the loop's old G major.
    expect(matching(rows, { key: { tonic: 'D', scale: 'major', compatible: false } })).toEqual([2]);
  });

  it('exports the corrected kind, tempo and root note', () => {
    const exported = (a: AudioDescriptors, corrections: Corrections) =>
      toSidecarRow({ sample: { path: 'x.wav', name: 'x.wav', dir: '', analysis: a, corrections }, folderName: 'Lib', zipPath: 'x.wav' });
    expect(exported(oneShot, { kind: 'loop', bpm: 90 })).toMatchObject({ kind: 'loop', bpm: 90, root_note: null });
    expect(exported(analysis({}), { kind: 'one-shot', rootMidi: 38 })).toMatchObject({
      kind: 'one-shot',
      bpm: null,
      key: null,
      root_note: 'D2',
    });
  });
});
