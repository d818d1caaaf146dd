import { CONFIDENT, type AudioDescriptors } from '../analysis';
import { DRUM_CATEGORIES, effectiveAnalysis, type Corrections } from '../corrections';
import { isRecord } from '../json';
import { uniqueZipPaths } from './sidecar';
import { formatBpm } from '../format';
import { midiToNoteName, spellKeyTonic } from '../music/pitch';

/** How an export lays its files out in the ZIP. */
export interface ExportLayout {
  /** 'library': each file at its path in its library folder; 'category': one folder per category. */
  folders: 'library' | 'category';
  /** Adds the tempo and key (loops) or root note (pitched one-shots) to each file's name. */
  musicalNames: boolean;
}

export const LIBRARY_LAYOUT: ExportLayout = { folders: 'library', musicalNames: false };

/** What the layout needs of a sample: a structural subset of the database's SampleRecord, and its folder's name. */
export interface LayoutSample {
  /** The library folder it is in, as the user added it ("corpus"). */
  folderName: string;
  /** Its path inside that folder ("drums/d001.flac"). */
  path: string;
  name: string;
  analysis: AudioDescriptors | null;
  corrections?: Corrections;
}

/** Folder names as a producer's sample pack names them. */
const CATEGORY_FOLDERS: Readonly<Record<string, string>> = {
  kick: 'Kicks',
  snare: 'Snares',
  clap: 'Claps',
  hihat: 'Hi-hats',
  tom: 'Toms',
  cymbal: 'Cymbals',
  percussion: 'Percussion',
  'drum-loop': 'Drum loops',
  bass: 'Bass',
  keys: 'Keys',
  lead: 'Leads',
  pad: 'Pads',
  pluck: 'Plucks',
  strings: 'Strings',
  brass: 'Brass',
  guitar: 'Guitars',
  woodwind: 'Woodwinds',
  vocal: 'Vocals',
  fx: 'FX',
};

/**
 * Drums go by category alone; melodic and vocal sounds by category, then loops apart from one-shots:
 * "Kicks", "Keys/Loops", "Vocals/One-shots". Files without a category (unreadable, silent, not
 * analysed yet) go to "Uncategorised".
 */
export function categoryFolder(analysis: AudioDescriptors | null): string {
  const category = analysis?.category;
  const folder = category ? CATEGORY_FOLDERS[category] : undefined;
  if (!category || !folder) return 'Uncategorised';
  if (DRUM_CATEGORIES.has(category) || !analysis.kind) return folder;
  return `${folder}/${analysis.kind === 'loop' ? 'Loops' : 'One-shots'}`;
}

/** A value the analysis is sure of, or the user set; one from the file name is in the name already. */
function sureOf(analysis: AudioDescriptors, field: 'bpm' | 'key' | 'rootMidi', confidence: number | null): boolean {
  if (analysis.valueSources?.[field] === 'file-name') return false;
  return confidence == null || confidence >= CONFIDENT;
}

/**
 * What an export adds to a file's name: " - 84 BPM - Ebm" for a loop, " - C2" for a pitched
 * one-shot; nothing the analysis is unsure of (a tempo in doubt written into a name reads as a
 * fact) and nothing the file's name states already.
 */
export function musicalSuffix(analysis: AudioDescriptors | null): string {
  if (!analysis) return '';
  const parts: string[] = [];
  if (analysis.bpm != null && sureOf(analysis, 'bpm', analysis.bpmConfidence)) parts.push(`${formatBpm(analysis.bpm)} BPM`);
  if (analysis.key && sureOf(analysis, 'key', analysis.keyConfidence)) {
    parts.push(`${spellKeyTonic(analysis.key, analysis.scale)}${analysis.scale === 'minor' ? 'm' : ''}`);
  } else if (!analysis.key && analysis.rootMidi != null && sureOf(analysis, 'rootMidi', analysis.rootConfidence)) {
    parts.push(midiToNoteName(analysis.rootMidi));
  }
  return parts.map((part) => ` - ${part}`).join('');
}

/** "Loops/dusty.wav" + " - 84 BPM" -> "Loops/dusty - 84 BPM.wav" */
function withSuffix(path: string, suffix: string): string {
  if (!suffix) return path;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}${suffix}${path.slice(dot)}` : `${path}${suffix}`;
}

/**
 * Where a sample goes in the ZIP before names are made safe and clashes numbered (zipPathsFor): its
 * path in the library below `base`, the folder the export's samples share and the ZIP is named
 * after ("corpus/drums": "drums/Deep/k.wav" becomes "Deep/k.wav", not "drums/drums/Deep/k.wav"), or
 * its file name in its category's folder; the analysis is read as the user corrected it.
 */
export function layoutPath(sample: LayoutSample, layout: ExportLayout, base = ''): string {
  const analysis = effectiveAnalysis(sample.analysis, sample.corrections);
  const inLibrary = sample.folderName ? `${sample.folderName}/${sample.path}` : sample.path;
  const below = base && inLibrary.startsWith(`${base}/`) ? inLibrary.slice(base.length + 1) : inLibrary;
  const path = layout.folders === 'category' ? `${categoryFolder(analysis)}/${sample.name}` : below;
  return layout.musicalNames ? withSuffix(path, musicalSuffix(analysis)) : path;
}

/** The paths the samples get in the ZIP, as written: laid out, each part a safe name, clashes numbered, `reserved` never given. */
export function zipPathsFor(samples: readonly LayoutSample[], layout: ExportLayout, base = '', reserved: readonly string[] = []): string[] {
  return uniqueZipPaths(
    samples.map((sample) => ({ path: layoutPath(sample, layout, base), name: sample.name })),
    reserved,
  );
}

/** A layout read back from storage: anything unknown falls back to the library's own layout. */
export function layoutFromJson(value: unknown): ExportLayout {
  const saved = isRecord(value) ? value : {};
  return {
    folders: saved.folders === 'category' ? 'category' : 'library',
    musicalNames: saved.musicalNames === true,
  };
}
