import { normaliseAspects } from '../../src/domain/similarity/vectors';
import { SOUND_EMBEDDING_LAYOUT } from '../../src/domain/similarity/soundEmbedding';
import { FEATURE_COUNT } from './featureVector';

/** Feature indices of each aspect (FEATURE_NAMES order, see featureVector.ts). */
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const ENVELOPE = [...range(0, 7), 52, 83, 84];
const RHYTHM = [...range(7, 11), 53, 54];
const SPECTRUM = [...range(11, 22), ...range(79, 83)];
const MFCC_MEANS = range(22, 35);
const VOICED = 48;
const PITCH_MIDI = 49;
const CLARITY = 51;

/** What the classifier gives the embedding: its standardised input and the category head's hidden units. */
export interface EmbeddingInputs {
  /** The raw feature vector (featureVector.ts). */
  features: Float32Array;
  /** The same features standardised by the classifier's training mean and spread. */
  standardised: Float32Array;
  /** Hidden units of the category head (ReLU outputs). */
  character: Float32Array;
}

/**
 * The category head's 256 hidden units (four networks of 64 merged into one, see mergeEnsemble in
 * src/cli/train/mlp.ts), projected onto 16 fixed random directions: similarity
 * between sounds survives a random projection (Johnson-Lindenstrauss), and a 4x shorter slice
 * keeps a search over 100k samples within 10 ms. On ../shared/corpus precision@10 was the same
 * with 16 as with all 64 (docs/decisions/009-sound-embedding.md). Fixed by a seed: changing it
 * means a new SOUND_EMBEDDING_VERSION.
 */
const CHARACTER_DIMENSIONS = 16;
/** Hidden units the projection reads; a model with fewer uses the first columns only. */
const CHARACTER_UNITS = 256;
const projection = gaussianMatrix(CHARACTER_DIMENSIONS, CHARACTER_UNITS, 0x5eed);

function project(character: Float32Array): Float32Array {
  const out = new Float32Array(CHARACTER_DIMENSIONS);
  const n = Math.min(CHARACTER_UNITS, character.length);
  for (let j = 0; j < CHARACTER_DIMENSIONS; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += projection[j * CHARACTER_UNITS + i]! * character[i]!;
    out[j] = sum;
  }
  return out;
}

/** rows x columns standard normal numbers from a seeded generator (mulberry32 + Box-Muller): the same on every machine. */
function gaussianMatrix(rows: number, columns: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return Float64Array.from({ length: rows * columns }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

/** Writes `values` scaled to length `weight` at `offset` (all zero stays zero). */
function putScaled(out: Float32Array, offset: number, values: ArrayLike<number>, weight: number): void {
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += values[i]! * values[i]!;
  const scale = squares > 0 ? weight / Math.sqrt(squares) : 0;
  for (let i = 0; i < values.length; i++) out[offset + i] = values[i]! * scale;
}

/** Circular Gaussian bumps over pitch classes and a Gaussian over octaves, for a MIDI pitch. */
function pitchSlice(midi: number | null, clarity: number, voiced: number): number[] {
  const slice = new Array<number>(20).fill(0);
  const pitched = midi !== null && midi > 0 ? Math.min(1, Math.max(0, (clarity + voiced) / 2)) : 0;
  if (midi !== null && midi > 0 && pitched > 0) {
    const pitchClass = midi % 12;
    for (let pc = 0; pc < 12; pc++) {
      const distance = Math.min(Math.abs(pc - pitchClass), 12 - Math.abs(pc - pitchClass));
      slice[pc] = pitched * Math.exp(-(distance * distance) / 0.5);
    }
    const octave = midi / 12 - 1; // C4 (60) is octave 4
    for (let o = 0; o < 7; o++) slice[12 + o] = pitched * 0.7 * Math.exp(-((o + 1 - octave) ** 2) / 0.5);
  }
  slice[19] = 1 - pitched;
  return slice;
}

/** The sound embedding of one analysed sound (layout in src/domain/similarity/soundEmbedding.ts). */
export function soundEmbedding({ features, standardised, character }: EmbeddingInputs): Float32Array {
  if (features.length !== FEATURE_COUNT || standardised.length !== FEATURE_COUNT) {
    throw new Error(`the embedding needs ${FEATURE_COUNT} features, got ${features.length} and ${standardised.length}`);
  }
  const { aspects, dimension } = SOUND_EMBEDDING_LAYOUT;
  const out = new Float32Array(dimension);
  const pick = (indices: number[]): number[] => indices.map((i) => clampStandard(standardised[i]!));
  putScaled(out, aspects.timbre.start, pick(MFCC_MEANS), Math.SQRT1_2);
  putScaled(out, aspects.timbre.start + MFCC_MEANS.length, project(character), Math.SQRT1_2);
  const midi = features[PITCH_MIDI]! > 0 ? features[PITCH_MIDI]! * 100 : null;
  out.set(pitchSlice(midi, features[CLARITY]!, features[VOICED]!), aspects.pitch.start);
  out.set(pick(ENVELOPE), aspects.envelope.start);
  out.set(pick(RHYTHM), aspects.rhythm.start);
  out.set(pick(SPECTRUM), aspects.spectrum.start);
  for (let i = 0; i < dimension; i++) if (!Number.isFinite(out[i]!)) out[i] = 0;
  return normaliseAspects(out, SOUND_EMBEDDING_LAYOUT);
}

/** Standardised values beyond ±6 are outliers (a near-constant training feature): capped so one cannot dominate a slice. */
const clampStandard = (v: number): number => (Number.isFinite(v) ? Math.max(-6, Math.min(6, v)) : 0);
