import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnalysisOutcome, AnalysisSuccess } from '../../src/domain/analysis';
import { withEmbeddedValues } from '../../src/domain/embeddedValues';
import { categoryFromName, fileNameWords, hintsFromFileName, withNamedValues } from '../../src/domain/nameHints';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { clickTrack } from '../support/signals';
import { acidChunk, wavWith } from '../support/taggedFiles';
import { analysis, melodicLoop } from '../support/rows';

function ok(outcome: AnalysisOutcome): AnalysisSuccess {
  if (!outcome.ok) throw new Error(`analysis failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome;
}

describe('what a file name says about the sample', () => {
  it('splits pack-style names into words, keeping codes like DnB, d030 and F#m whole', () => {
    expect(fileNameWords('Packs/DnB_Loop_174_Am.wav')).toBe('DnB Loop 174 Am');
    expect(fileNameWords('BassDrum02.wav')).toBe('Bass Drum 02');
    expect(fileNameWords('Pad F#m 90bpm.aiff')).toBe('Pad F#m 90bpm');
    expect(fileNameWords('C:\\Samples\\Top-Loop (125) [Gm].flac')).toBe('Top Loop 125 Gm');
    expect(fileNameWords('d030.flac')).toBe('d030');
  });

  it('reads category, tempo and key as sample packs write them', () => {
    expect(hintsFromFileName('DnB_Loop_174_Am.wav')).toEqual({
      categories: [],
      kind: 'loop',
      bpm: 174,
      key: { tonic: 'A', scale: 'minor' },
      note: { pitchClass: 9, midi: null },
    });
    expect(hintsFromFileName('Kick_Hard_01.wav')).toMatchObject({ categories: ['kick'], bpm: null, key: null });
    expect(hintsFromFileName('BassDrum02.wav').categories).toEqual(['kick']);
    expect(hintsFromFileName('Vox_Chop_Fmin_128.wav')).toMatchObject({
      categories: ['vocal'],
      bpm: 128,
      key: { tonic: 'F', scale: 'minor' },
    });
    expect(hintsFromFileName('Piano Loop 85 BPM G major.wav')).toMatchObject({ categories: ['keys'], bpm: 85, key: { tonic: 'G' } });
    expect(hintsFromFileName('SNR_Tight_03.wav').categories).toEqual(['snare']);
  });

  it('finds nothing in names that say nothing, and no key in a bare letter or a code', () => {
    for (const name of ['d030.flac', 't033.flac', 'f08-96k.wav', 'f07-u8-mono.wav', 'e03.mp3', 'take 3.wav', 'Sunset.wav']) {
      expect(hintsFromFileName(name), name).toEqual({ categories: [], kind: null, bpm: null, key: null, note: null });
    }
    // "A" is as likely a variation letter as a key: without a scale it is not read as one.
    expect(hintsFromFileName('Bass_Pluck_A_120.wav').key).toBeNull();
  });

  it("reads packs' spellings of category words, but not ordinary words near one", () => {
    expect(hintsFromFileName('Clapz_04.wav').categories).toEqual(['clap']);
    expect(hintsFromFileName('Stringz Swell.wav').categories).toEqual(['strings']);
    for (const name of ['Dusty Chord Stab.wav', 'Riser 2.wav', 'Ghost Roll.wav', 'Lofi Groove.wav']) {
      expect(hintsFromFileName(name).categories, name).toEqual([]);
    }
  });
});

describe('the named category', () => {
  const probabilities = { kick: 0.7, tom: 0.2, bass: 0.05, pluck: 0.01, 'drum-loop': 0.6, keys: 0.3 };

  it('wins over the classifier, with the classifier deciding between two named ones', () => {
    expect(categoryFromName(hintsFromFileName('Tom 3.wav'), 'one-shot', probabilities)).toEqual({ category: 'tom', confidence: 0.9 });
    expect(categoryFromName(hintsFromFileName('Sub Kick.wav'), 'one-shot', probabilities)).toEqual({ category: 'kick', confidence: 0.9 });
    expect(categoryFromName(hintsFromFileName('Bass Pluck.wav'), 'one-shot', probabilities)?.category).toBe('bass');
    expect(categoryFromName(hintsFromFileName('Snare.wav'), 'one-shot', { snare: 0.97 })).toEqual({ category: 'snare', confidence: 0.97 });
  });

  it('fits the kind: a hat loop is a drum loop, and a one-shot is never a drum loop', () => {
    expect(categoryFromName(hintsFromFileName('Hat Loop 128.wav'), 'loop', probabilities)?.category).toBe('drum-loop');
    expect(categoryFromName(hintsFromFileName('Break 3.wav'), 'one-shot', probabilities)).toBeNull();
    expect(categoryFromName(hintsFromFileName('take 3.wav'), 'one-shot', probabilities)).toBeNull();
  });
});

describe("a loop's tempo and key from its name", () => {
  const loop = melodicLoop;

  it('takes a named tempo that fits the loop in whole beats, and says so', () => {
    expect(withNamedValues(loop, hintsFromFileName('Keys 120 Am.wav'), true)).toMatchObject({
      bpm: 120,
      bpmConfidence: 0.9,
      key: 'A',
      scale: 'minor',
      keyConfidence: 0.9,
      valueSources: { bpm: 'file-name', key: 'file-name' },
    });
  });

  it('ignores a number that does not fit the length, a key on a drum loop, and one-shots', () => {
    expect(withNamedValues({ ...loop, duration: 7.1, bpm: 67.6 }, hintsFromFileName('Keys 120.wav'), true).bpm).toBe(67.6);
    expect(withNamedValues({ ...loop, category: 'drum-loop' }, hintsFromFileName('Beat 120 Am.wav'), true).key).toBe('C');
    const shot = analysis({ kind: 'one-shot', duration: 0.5, bpm: null });
    expect(withNamedValues(shot, hintsFromFileName('Stab 120 Am.wav'), true)).toBe(shot);
  });

  it("leaves the file's own tags first", () => {
    const tagged = withEmbeddedValues(loop, { fields: [], bpm: { value: 90, source: 'acid' } });
    expect(withNamedValues(tagged, hintsFromFileName('Keys 120.wav'), true)).toMatchObject({ bpm: 90, valueSources: { bpm: 'acid' } });
  });
});

describe("a one-shot's root note from its name", () => {
  const shot = (rootMidi: number | null, rootConfidence: number | null) =>
    analysis({ kind: 'one-shot', category: 'bass', duration: 1, rootMidi, rootConfidence });

  it('reads a note with its octave, or a bare note name as a pitch class', () => {
    expect(hintsFromFileName('bass-G2.m4a').note).toEqual({ pitchClass: 7, midi: 43 });
    expect(hintsFromFileName('808_F#.wav').note).toEqual({ pitchClass: 6, midi: null });
    expect(hintsFromFileName('Piano_C4.wav').note).toEqual({ pitchClass: 0, midi: 60 });
  });

  it('confirms the root we heard, and replaces one we were unsure of', () => {
    expect(withNamedValues(shot(43, 0.6), hintsFromFileName('Bass G.wav'), true)).toMatchObject({
      rootMidi: 43,
      rootConfidence: 0.9,
      valueSources: { rootMidi: 'file-name' },
    });
    expect(withNamedValues(shot(44, 0.3), hintsFromFileName('Bass G2.wav'), true).rootMidi).toBe(43);
    // A bare name moves the root to that pitch class's nearest octave.
    expect(withNamedValues(shot(45, 0.3), hintsFromFileName('808 G.wav'), true).rootMidi).toBe(43);
    expect(withNamedValues(shot(null, null), hintsFromFileName('Bass G2.wav'), true).rootMidi).toBe(43);
  });

  it('keeps a root we heard clearly over another note in the name, and gives unpitched sounds none', () => {
    expect(withNamedValues(shot(45, 0.8), hintsFromFileName('Bass C3.wav'), true)).toMatchObject({ rootMidi: 45, rootConfidence: 0.8 });
    expect(withNamedValues(shot(null, null), hintsFromFileName('808 G.wav'), true).rootMidi).toBeNull();
    expect(withNamedValues(shot(null, null), hintsFromFileName('Snare C3.wav'), false).rootMidi).toBeNull();
  });
});

describe('analyseSample with names', () => {
  const drumLoop = new Uint8Array(readFileSync('tests/fixtures/library/Loops/rock-drums.ogg'));
  const hihat = new Uint8Array(readFileSync('tests/fixtures/library/One-shots/Drums/hihat.wav'));

  it('settles the octave of a two-bar loop from its name, which the audio leaves open', async () => {
    const deps = await analysisDeps();
    const plain = ok(await analyseSample(drumLoop, 'loop-1.ogg', deps)).descriptors;
    expect(plain.bpm).toBe(176);
    expect(plain.valueSources).toBeUndefined();
    const named = ok(await analyseSample(drumLoop, 'Rock Break 88bpm.ogg', deps)).descriptors;
    expect(named).toMatchObject({ bpm: 88, bpmConfidence: 0.9, category: 'drum-loop', valueSources: { bpm: 'file-name' } });
  });

  it("lets the file's ACID one-shot flag win over a name that says loop", async () => {
    const wav = wavWith(encodeWav([clickTrack(120, 2)]), [acidChunk({ oneShot: true })]);
    const { descriptors } = ok(await analyseSample(wav, 'Kick Loop 120.wav', await analysisDeps()));
    expect(descriptors).toMatchObject({
      kind: 'one-shot',
      category: 'kick',
      bpm: null,
      valueSources: { kind: 'acid', category: 'file-name' },
    });
  });

  it('hears the category without a name, and takes the named one with it', async () => {
    const deps = await analysisDeps();
    expect(ok(await analyseSample(hihat, 'sample-7.wav', deps)).descriptors.category).toBe('hihat');
    const named = ok(await analyseSample(hihat, 'Shaker 01.wav', deps)).descriptors;
    expect(named).toMatchObject({ category: 'percussion', categoryConfidence: 0.9, valueSources: { category: 'file-name' } });
  });
});
