import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import {
  categoryFolder,
  layoutFromJson,
  layoutPath,
  LIBRARY_LAYOUT,
  musicalSuffix,
  zipPathsFor,
  type LayoutSample,
} from '../../src/domain/export/exportLayout';
import { safeFileName, windowsSafeName } from '../../src/domain/export/fileNames';

const analysis = (over: Partial<AudioDescriptors>): AudioDescriptors => ({
  format: 'wav',
  duration: 5.71,
  sampleRate: 44100,
  channels: 2,
  peakDbfs: -0.3,
  loudnessLufs: -12,
  kind: 'loop',
  kindConfidence: 0.95,
  category: 'keys',
  categoryConfidence: 0.8,
  bpm: 84,
  bpmConfidence: 0.9,
  key: 'D#',
  scale: 'minor',
  keyConfidence: 0.8,
  rootMidi: null,
  rootConfidence: null,
  ...over,
});

const kick = analysis({ kind: 'one-shot', category: 'kick', bpm: null, bpmConfidence: null, key: null, scale: null, keyConfidence: null });
const bassNote = analysis({ kind: 'one-shot', category: 'bass', bpm: null, key: null, scale: null, rootMidi: 36, rootConfidence: 0.9 });

const sample = (path: string, a: AudioDescriptors | null, over: Partial<LayoutSample> = {}): LayoutSample => ({
  folderName: '',
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  analysis: a,
  ...over,
});

describe('export layout', () => {
  it('keeps library paths below the folder the export shares (its ZIP is named after it)', () => {
    const dusty = sample('Keys/Deep/dusty.wav', analysis({}), { folderName: 'Pack' });
    expect(layoutPath(dusty, LIBRARY_LAYOUT)).toBe('Pack/Keys/Deep/dusty.wav');
    expect(layoutPath(dusty, LIBRARY_LAYOUT, 'Pack/Keys')).toBe('Deep/dusty.wav'); // "Keys.zip" holds Keys/Deep/dusty.wav, not Keys/Keys/…
    expect(layoutPath(dusty, LIBRARY_LAYOUT, 'Pack/Ke')).toBe('Pack/Keys/Deep/dusty.wav'); // a folder, not a prefix of its name
  });

  it('gives the final ZIP paths: safe names, clashes numbered, sidecar names kept free', () => {
    const kick = (folderName: string) => sample('Drums./kick?.wav', null, { folderName });
    expect(zipPathsFor([kick('A'), kick('B'), sample('metadata.csv', null)], LIBRARY_LAYOUT, '', ['metadata.csv'])).toEqual([
      'A/Drums/kick_.wav',
      'B/Drums/kick_.wav',
      'metadata (2).csv',
    ]);
  });

  it('puts drums in one folder per category and melodic sounds apart by kind', () => {
    expect(categoryFolder(kick)).toBe('Kicks');
    expect(categoryFolder(analysis({ category: 'drum-loop' }))).toBe('Drum loops');
    expect(categoryFolder(analysis({ category: 'hihat', kind: 'one-shot' }))).toBe('Hi-hats');
    expect(categoryFolder(analysis({}))).toBe('Keys/Loops');
    expect(categoryFolder(bassNote)).toBe('Bass/One-shots');
    expect(categoryFolder(null)).toBe('Uncategorised');
    expect(categoryFolder(analysis({ category: null }))).toBe('Uncategorised');
    const layout = { folders: 'category', musicalNames: false } as const;
    expect(layoutPath(sample('Pack/Drums/Deep/k 01.wav', kick), layout)).toBe('Kicks/k 01.wav');
  });

  it('adds the tempo and key to loops and the root note to pitched one-shots', () => {
    expect(musicalSuffix(analysis({}))).toBe(' - 84 BPM - Ebm');
    expect(musicalSuffix(analysis({ bpm: 87.5, key: 'A#', scale: 'major' }))).toBe(' - 87.5 BPM - Bb');
    expect(musicalSuffix(bassNote)).toBe(' - C2');
    expect(musicalSuffix(kick)).toBe('');
    const layout = { folders: 'library', musicalNames: true } as const;
    expect(layoutPath(sample('Loops/dusty.keys.wav', analysis({})), layout)).toBe('Loops/dusty.keys - 84 BPM - Ebm.wav');
    expect(layoutPath(sample('Loops/no extension', analysis({})), layout)).toBe('Loops/no extension - 84 BPM - Ebm');
  });

  it('leaves out what the analysis is unsure of and what the name already says, and follows corrections', () => {
    expect(musicalSuffix(analysis({ bpmConfidence: 0.49 }))).toBe(' - Ebm');
    expect(musicalSuffix(analysis({ keyConfidence: 0.3 }))).toBe(' - 84 BPM');
    expect(musicalSuffix(analysis({ valueSources: { bpm: 'file-name' } }))).toBe(' - Ebm');
    expect(musicalSuffix(analysis({ ...bassNote, rootConfidence: 0.2 }))).toBe('');
    // The user set the tempo the analysis doubted: it is sure now.
    const corrected = sample('Loops/dusty.wav', analysis({ bpm: 84, bpmConfidence: 0.4 }), { corrections: { bpm: 168 } });
    expect(layoutPath(corrected, { folders: 'category', musicalNames: true })).toBe('Keys/Loops/dusty - 168 BPM - Ebm.wav');
    // A loop the user made a one-shot loses its tempo.
    const madeOneShot = sample('Loops/hit.wav', analysis({}), { corrections: { kind: 'one-shot' } });
    expect(layoutPath(madeOneShot, { folders: 'category', musicalNames: true })).toBe('Keys/One-shots/hit.wav');
  });

  it('reads a saved layout back, anything unknown as the library layout', () => {
    expect(layoutFromJson({ folders: 'category', musicalNames: true })).toEqual({ folders: 'category', musicalNames: true });
    expect(layoutFromJson({ folders: 'flat', musicalNames: 'yes' })).toEqual(LIBRARY_LAYOUT);
    expect(layoutFromJson(null)).toEqual(LIBRARY_LAYOUT);
  });

  it('makes names Windows can create: no reserved characters, trailing dots, device names', () => {
    expect(windowsSafeName('<img src=x>.wav')).toBe('_img src=x_.wav');
    expect(windowsSafeName('Drums.')).toBe('Drums');
    expect(windowsSafeName('CON')).toBe('CON_');
    expect(windowsSafeName('aux.wav')).toBe('aux_.wav');
    expect(windowsSafeName('..')).toBe('');
    expect(safeFileName('Drums: 808/909?')).toBe('Drums_ 808_909_');
    expect(safeFileName('Drums.')).toBe('Drums');
    expect(safeFileName('  ')).toBe('samples');
    expect(safeFileName('.hidden kit')).toBe('hidden kit');
  });
});
