/**
 * A realistic synthetic sample library for benchmarks: vendor packs laid out the way real packs
 * are ("Vendor - Pack Name/Drums/Kicks/PX_Kick_Punchy_03.wav", loops named with tempo and key),
 * the category and one-shot/loop mix of a producer's collection, fully analysed records
 * (AudioDescriptors consistent with the names), waveform peaks, and a sprinkling of the user's
 * tags, favourites, ratings, corrections and collections.
 *
 * Pure and deterministic: the same count and seed give the same records, in Node and in the
 * browser (the bench bundles this file into the page and generates the library there).
 */
import { seededRandom } from '../../src/domain/random';
import type { CollectionRecord, FolderRecord, PeaksRecord, SampleRecord } from '../../src/db/schema';
import type { AudioDescriptors, SampleKind, Scale } from '../../src/domain/analysis';
import { WAVEFORM_BINS } from '../../src/domain/analysis';
import type { AudioFormat } from '../../src/domain/audioFormats';
import type { PitchName } from '../../src/domain/music/pitch';
import { PITCH_NAMES } from '../../src/domain/music/pitch';

export interface SyntheticLibrary {
  folders: FolderRecord[];
  samples: SampleRecord[];
  collections: CollectionRecord[];
}

/** The bench's seeded generator: mulberry32, as the app's own layouts and hashes use. */
export const random = seededRandom;

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, min: number, max: number): number => min + rng() * (max - min);
const int = (rng: Rng, min: number, max: number): number => Math.floor(between(rng, min, max + 1));
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const pad2 = (n: number): string => String(n).padStart(2, '0');
/** A weighted choice from [item, weight] pairs. */
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items.at(-1)![0];
}

interface Genre {
  name: string;
  bpm: [number, number];
  /** Common scales: mostly minor in dance music. */
  minor: number;
}

const GENRES: readonly Genre[] = [
  { name: 'Deep House', bpm: [118, 124], minor: 0.8 },
  { name: 'Tech House', bpm: [124, 128], minor: 0.85 },
  { name: 'Techno', bpm: [128, 140], minor: 0.9 },
  { name: 'Melodic Techno', bpm: [120, 126], minor: 0.9 },
  { name: 'Trap', bpm: [130, 150], minor: 0.9 },
  { name: 'Hip Hop', bpm: [84, 96], minor: 0.75 },
  { name: 'Lo-Fi', bpm: [70, 90], minor: 0.6 },
  { name: 'Drum & Bass', bpm: [170, 176], minor: 0.85 },
  { name: 'Dubstep', bpm: [140, 140], minor: 0.9 },
  { name: 'Future Bass', bpm: [140, 160], minor: 0.5 },
  { name: 'Afro House', bpm: [118, 124], minor: 0.7 },
  { name: 'Ambient', bpm: [60, 100], minor: 0.5 },
  { name: 'Pop', bpm: [96, 120], minor: 0.4 },
  { name: 'Reggaeton', bpm: [88, 100], minor: 0.7 },
  { name: 'UK Garage', bpm: [130, 134], minor: 0.8 },
  { name: 'Synthwave', bpm: [96, 118], minor: 0.7 },
  { name: 'Disco', bpm: [112, 122], minor: 0.4 },
  { name: 'Drill', bpm: [138, 145], minor: 0.95 },
];

const VENDORS = (
  'Lowfreq Labs|Hollow Sun Audio|Night Shift Samples|Vaultline|Kore Collective|Tapehead|Analog Orchard|Sundrift|Black Lantern|Modular Monks|Groove Foundry|Studio Meridian|' +
  'Cobalt Sound|Nordic Hum|Pressure Point|Redline Audio|Wax & Wire|Echo Parade|Sample Alchemy|Subterra|Velvet Circuit|Fieldwork|Zenith Loops|Drumdojo'
).split('|');
const PACK_WORDS = (
  'Essentials|Underground|Sessions|Vol. 2|Vol. 3|Toolkit|Nights|Heritage|Analog|Warehouse|Sunset|Midnight|Tape|Vinyl|Cassette|' +
  'Grooves|Textures|Chronicles|Foundations|Signature|Dusty|Neon|Rituals|Voyager|Atlas|Hypnotic|Percussive|Vocal|Modular|Organic'
).split('|');
const ADJECTIVES = (
  'Punchy Deep Dusty Tight Fat Crispy Warm Dark Bright Boomy Short Long Vinyl Tape Clean Dirty Wide Mono ' +
  'Analog Distorted Soft Hard Metallic Wooden Airy Gritty Lush Thin Round Snappy Rolling Swung Shuffled Hollow Glassy Subby'
).split(' ');
const SYLLABLES = ['ka', 'ro', 'zu', 'mi', 'ten', 'vor', 'ash', 'li', 'nex', 'qua', 'dri', 'mo', 'ul', 'sen', 'tra', 'bel', 'ox', 'fi'];

interface CategorySpec {
  category: string;
  /** Share of the library. */
  weight: number;
  /** Share of loops among this category's samples. */
  loops: number;
  /** Pitched: one-shots get a root note, loops a key. */
  pitched: boolean;
  folder: string;
  loopFolder: string;
  label: string;
  oneShotSeconds: [number, number];
  lufs: [number, number];
}

const spec = (
  category: string,
  weight: number,
  loops: number,
  pitched: boolean,
  folder: string,
  loopFolder: string,
  label: string,
  oneShotSeconds: [number, number],
  lufs: [number, number],
): CategorySpec => ({ category, weight, loops, pitched, folder, loopFolder, label, oneShotSeconds, lufs });

// prettier-ignore
const CATEGORIES: readonly CategorySpec[] = [
  spec('kick', 9, 0, false, 'Drums/Kicks', '', 'Kick', [0.2, 1.2], [-12, -6]),
  spec('snare', 7, 0, false, 'Drums/Snares', '', 'Snare', [0.15, 0.9], [-14, -8]),
  spec('clap', 4, 0, false, 'Drums/Claps', '', 'Clap', [0.2, 1], [-15, -9]),
  spec('hihat', 9, 0, false, 'Drums/Hats', '', 'Hat', [0.05, 0.8], [-22, -12]),
  spec('tom', 2, 0, true, 'Drums/Toms', '', 'Tom', [0.3, 1.5], [-16, -9]),
  spec('cymbal', 3, 0, false, 'Drums/Cymbals', '', 'Cymbal', [1, 4.5], [-22, -13]),
  spec('percussion', 7, 0, false, 'Drums/Percussion', '', 'Perc', [0.08, 1], [-20, -10]),
  spec('drum-loop', 16, 1, false, '', 'Loops/Drum Loops', 'Drum_Loop', [1, 1], [-12, -6]),
  spec('bass', 8, 0.6, true, 'One Shots/Bass', 'Loops/Bass Loops', 'Bass', [0.3, 2.5], [-14, -7]),
  spec('keys', 5, 0.65, true, 'One Shots/Keys', 'Loops/Keys', 'Keys', [1, 5], [-20, -11]),
  spec('lead', 5, 0.6, true, 'One Shots/Synth', 'Loops/Synth', 'Lead', [0.5, 3], [-16, -9]),
  spec('pad', 3, 0.5, true, 'One Shots/Pads', 'Loops/Pads', 'Pad', [3, 12], [-24, -14]),
  spec('pluck', 4, 0.55, true, 'One Shots/Plucks', 'Loops/Plucks', 'Pluck', [0.3, 2], [-18, -10]),
  spec('strings', 2, 0.6, true, 'One Shots/Strings', 'Loops/Strings', 'Strings', [2, 8], [-24, -14]),
  spec('brass', 1, 0.5, true, 'One Shots/Brass', 'Loops/Brass', 'Brass', [0.5, 3], [-18, -10]),
  spec('guitar', 3, 0.75, true, 'One Shots/Guitar', 'Loops/Guitar', 'Guitar', [0.8, 4], [-20, -11]),
  spec('woodwind', 1, 0.6, true, 'One Shots/Flute', 'Loops/Flute', 'Flute', [0.8, 4], [-22, -13]),
  spec('vocal', 6, 0.7, true, 'Vocals/One Shots', 'Vocals/Phrases', 'Vox', [0.3, 3], [-20, -11]),
];

const DRUM_LOOP_PARTS = ['Full', 'Top', 'Perc', 'Hat', 'Kick', 'Shaker', 'Groove', 'Fill'];
const FX_WORDS = ['Riser', 'Downlifter', 'Impact', 'Sweep', 'Noise', 'Reverse', 'Glitch', 'Atmos', 'Whoosh', 'Sub Drop'];
const HAT_WORDS = ['Closed', 'Open', 'Pedal'];
const TAGS = ['dark', 'punchy', 'warm', 'vintage', 'for-album', 'wip', 'gritty', 'clean', 'layer', 'favourite-drums', 'client-x', 'lofi'];
const FORMATS: readonly (readonly [AudioFormat, number])[] = [
  ['wav', 86],
  ['aiff', 6],
  ['flac', 4],
  ['mp3', 3],
  ['ogg', 1],
];
const EXTENSIONS: Record<AudioFormat, string> = { wav: 'wav', aiff: 'aif', flac: 'flac', mp3: 'mp3', ogg: 'ogg', opus: 'opus', m4a: 'm4a' };

/** "Am", "F#m", "Cmaj", "C minor" as packs spell keys. */
function keyLabel(rng: Rng, tonic: PitchName, scale: Scale): string {
  const style = rng();
  if (style < 0.6) return `${tonic}${scale === 'minor' ? 'm' : ''}`;
  if (style < 0.85) return `${tonic}${scale === 'minor' ? 'min' : 'maj'}`;
  return `${tonic} ${scale}`;
}

/** An invented word ("Kavorli"): real packs name many sounds, which grows the search vocabulary. */
function inventedWord(rng: Rng): string {
  const word = Array.from({ length: int(rng, 2, 3) }, () => pick(rng, SYLLABLES)).join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

interface Pack {
  dir: string;
  prefix: string;
  genre: Genre;
  /** 0: underscores, 1: spaces, 2: prefix + dashes. */
  style: number;
  size: number;
}

function makePack(rng: Rng, index: number): Pack {
  const genre = pick(rng, GENRES);
  const vendor = pick(rng, VENDORS);
  const title = rng() < 0.5 ? `${genre.name} ${pick(rng, PACK_WORDS)}` : `${pick(rng, PACK_WORDS)} ${genre.name}`;
  const name = rng() < 0.3 ? `${title} ${int(rng, 2, 5)}` : title;
  const prefix = (vendor[0]! + name.replace(/[^A-Z]/g, '')).slice(0, 3) + (index % 10);
  // Pack sizes are skewed: many of 100-300 files, a few "bundles" of over a thousand.
  const size = rng() < 0.1 ? int(rng, 800, 2000) : int(rng, 80, 400);
  return { dir: `${vendor} - ${name}`, prefix, genre, style: int(rng, 0, 2), size };
}

function fileName(pack: Pack, words: string[], ext: string): string {
  if (pack.style === 0) return `${pack.prefix}_${words.join('_').replace(/ /g, '_')}.${ext}`;
  if (pack.style === 1) return `${words.join(' ')}.${ext}`;
  return `${pack.prefix} - ${words.join(' - ')}.${ext}`;
}

/** The one sample at `id` inside `pack`: a path, a name and an analysis consistent with each other. */
function makeSample(rng: Rng, id: number, folderId: number, pack: Pack, index: number, now: number): SampleRecord {
  const spec = weighted(
    rng,
    CATEGORIES.map((c) => [c, c.weight] as const),
  );
  const kind: SampleKind = rng() < spec.loops ? 'loop' : 'one-shot';
  const format = weighted(rng, FORMATS);
  const ext = EXTENSIONS[format];
  const n = pad2((index % 40) + 1);
  const adjective = pick(rng, ADJECTIVES);
  const invented = rng() < 0.3 ? [inventedWord(rng)] : [];
  let bpm: number | null = null;
  let key: PitchName | null = null;
  let scale: Scale | null = null;
  let rootMidi: number | null = null;
  let duration: number;
  let dir: string;
  let words: string[];
  if (kind === 'loop') {
    const nominal = int(rng, pack.genre.bpm[0], pack.genre.bpm[1]);
    const bars = pick(rng, [1, 2, 4, 4, 8, 8, 16]);
    duration = (bars * 4 * 60) / nominal;
    // Measured tempo: usually the nominal one give or take rounding, sometimes an octave off.
    const octave = rng();
    bpm = round(nominal * (octave < 0.04 ? 0.5 : octave < 0.07 ? 2 : 1) + between(rng, -0.3, 0.3), 1);
    if (spec.pitched) {
      key = pick(rng, PITCH_NAMES);
      scale = rng() < pack.genre.minor ? 'minor' : 'major';
    }
    const keyPart = key && scale ? [keyLabel(rng, key, scale)] : [];
    if (spec.category === 'drum-loop') {
      const part = pick(rng, DRUM_LOOP_PARTS);
      dir = `${spec.loopFolder}/${part === 'Full' ? 'Full' : 'Tops & Percs'}`;
      words =
        rng() < 0.5
          ? [`${nominal}`, 'Drum Loop', part, adjective, ...invented, n]
          : ['Loop', pack.genre.name.replace(/ & /, ' n '), part, `${nominal}`, n];
    } else if (rng() < 0.4) {
      dir = spec.loopFolder;
      words = ['Loop', pack.genre.name.replace(/ & /, ' n '), spec.label, ...invented, `${nominal}`, ...keyPart];
    } else {
      dir = spec.loopFolder;
      words = [`${nominal}`, spec.label, 'Loop', adjective, ...invented, n, ...keyPart];
      if (pack.style === 1) words = [adjective, spec.label, ...invented, `${nominal}bpm`, ...keyPart];
    }
  } else {
    duration = between(rng, spec.oneShotSeconds[0], spec.oneShotSeconds[1]);
    dir = spec.folder;
    words = [spec.label, adjective, ...invented, n];
    if (spec.category === 'hihat') {
      const hat = pick(rng, HAT_WORDS);
      dir = `${spec.folder}/${hat}`;
      words = [`${hat} Hat`, adjective, ...invented, n];
    } else if (spec.category === 'fx') {
      words = [pick(rng, FX_WORDS), adjective, ...invented, n];
    }
    if (spec.pitched) {
      const low = spec.category === 'bass' ? 24 : spec.category === 'tom' ? 36 : 48;
      rootMidi = int(rng, low, low + 24);
      const note = `${PITCH_NAMES[rootMidi % 12]}${Math.floor(rootMidi / 12) - 1}`;
      words = [...words.slice(0, -1), note];
    }
  }
  if (pack.size > 600 && rng() < 0.5) dir = `${pack.genre.name} Kit ${int(rng, 1, 6)}/${dir}`; // bundles nest one level deeper
  const name = fileName(pack, words, ext);
  const path = dir ? `${pack.dir}/${dir}/${name}` : `${pack.dir}/${name}`;
  const channels = kind === 'loop' || rng() < 0.4 ? 2 : 1;
  const sampleRate = weighted(rng, [
    [44100, 80],
    [48000, 18],
    [96000, 2],
  ] as const);
  const bytesPerSecond = sampleRate * channels * (format === 'mp3' || format === 'ogg' ? 0.04 : format === 'flac' ? 1.6 : 3);
  const failed = rng() < 0.003;
  const confidence = (lo: number): number => round(between(rng, lo, 1), 3);
  const analysis: AudioDescriptors = {
    format,
    duration: round(duration, 4),
    sampleRate,
    channels,
    peakDbfs: round(between(rng, -6, -0.1), 2),
    loudnessLufs: duration < 0.12 && rng() < 0.5 ? null : round(between(rng, spec.lufs[0], spec.lufs[1]), 1),
    kind,
    kindConfidence: confidence(0.6),
    category: spec.category,
    categoryConfidence: confidence(0.35),
    bpm,
    bpmConfidence: bpm === null ? null : confidence(0.4),
    key,
    scale,
    keyConfidence: key === null ? null : confidence(0.3),
    rootMidi,
    rootConfidence: rootMidi === null ? null : confidence(0.4),
    embedded: null,
  };
  const mtime = now - Math.floor(between(rng, 30, 2000) * 86_400_000);
  const record: SampleRecord = {
    id,
    folderId,
    path,
    name,
    dir: path.slice(0, path.lastIndexOf('/')),
    size: Math.round(44 + duration * bytesPerSecond),
    mtime,
    status: failed ? 'failed' : 'done',
    error: failed ? { code: 'decode_failed', message: `${name} could not be decoded: the file is damaged` } : null,
    analysis: failed ? null : analysis,
    addedAt: now - Math.floor(between(rng, 1, 30) * 86_400_000),
    analysedAt: now - Math.floor(between(rng, 0, 1) * 86_400_000),
  };
  // The user's organisation: a few tags, favourites and ratings, and the odd correction.
  if (rng() < 0.04) record.tags = [...new Set(Array.from({ length: int(rng, 1, 3) }, () => pick(rng, TAGS)))];
  if (rng() < 0.02) record.favourite = 1;
  if (rng() < 0.05) record.rating = int(rng, 1, 5);
  if (rng() < 0.003) record.note = 'Layer with a sub under the drop';
  if (!failed && rng() < 0.005) record.corrections = { category: pick(rng, CATEGORIES).category };
  return record;
}

/** Library folders the user added; most samples sit in one big "Sample Packs" folder. */
const ROOTS: readonly (readonly [string, number])[] = [
  ['Sample Packs', 70],
  ['Splice', 20],
  ['Old Drive Samples', 10],
];

/**
 * `count` samples in vendor packs under a few library folders, with ids 1..count, plus two
 * hand-picked collections and one smart collection. `now` fixes the dates (default 2026-11-25).
 */
export function syntheticLibrary(count: number, seed = 1, now = Date.UTC(2026, 10, 25)): SyntheticLibrary {
  const rng = random(seed);
  const folders: FolderRecord[] = ROOTS.map(([name], i) => ({
    id: i + 1,
    name,
    source: 'opfs',
    addedAt: now - (ROOTS.length - i) * 86_400_000 * 30,
    scan: 'complete',
  }));
  const samples: SampleRecord[] = [];
  let packIndex = 0;
  while (samples.length < count) {
    const pack = makePack(rng, packIndex++);
    const folderId = weighted(
      rng,
      ROOTS.map(([, w], i) => [i + 1, w] as const),
    );
    for (let i = 0; i < pack.size && samples.length < count; i++) samples.push(makeSample(rng, samples.length + 1, folderId, pack, i, now));
  }
  // Paths must be unique per folder (the database's [folderId+path] index): number repeats.
  const seen = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.folderId}/${s.path}`;
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 0) continue;
    const dot = s.name.lastIndexOf('.');
    s.name = `${s.name.slice(0, dot)} (${times + 1})${s.name.slice(dot)}`;
    s.path = `${s.dir}/${s.name}`;
  }
  const favourites = samples.filter((s) => s.favourite === 1).map((s) => s.id);
  const collections: CollectionRecord[] = [
    { id: 1, name: 'Track ideas', createdAt: now, sampleIds: favourites.slice(0, 60) },
    { id: 2, name: 'Client drums', createdAt: now, sampleIds: samples.filter((s) => s.id % 997 === 0).map((s) => s.id) },
    {
      id: 3,
      name: 'House loops in A minor',
      createdAt: now,
      sampleIds: [],
      query: JSON.stringify({
        kind: 'loop',
        bpm: { min: 118, max: 126, halfDouble: true },
        key: { tonic: 'A', scale: 'minor', compatible: true },
      }),
    },
  ];
  return { folders, samples, collections };
}

/**
 * Waveform peaks consistent with a sample: one-shots decay from a sharp attack, loops repeat a
 * transient on every beat. Deterministic per sample id.
 */
export function syntheticPeaks(sample: SampleRecord): PeaksRecord {
  const rng = random(sample.id * 2654435761);
  const peaks = new Uint8Array(WAVEFORM_BINS);
  const a = sample.analysis;
  const duration = a?.duration ?? 1;
  const beats = a?.kind === 'loop' && a.bpm ? Math.max(1, Math.round((duration * a.bpm) / 60)) : 0;
  const decay = 3 + rng() * 10;
  for (let i = 0; i < WAVEFORM_BINS; i++) {
    const t = i / WAVEFORM_BINS;
    const phase = beats > 0 ? (t * beats) % 1 : t;
    const envelope = beats > 0 ? 0.35 + 0.65 * Math.exp(-phase * decay) : Math.exp(-t * decay) * Math.min(1, i / 3 + 0.3);
    peaks[i] = Math.min(255, Math.round(255 * envelope * (0.75 + 0.25 * rng())));
  }
  return { sampleId: sample.id, peaks };
}
