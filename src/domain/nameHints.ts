/**
 * What a sample's file name says about it. Sample packs name their files "Kick_Hard_01.wav",
 * "DnB_Loop_174_Am.wav", "Pad F#m 90bpm.wav": the maker's word on the category, the tempo and the
 * key, and the one thing that settles a tempo the audio leaves between two octaves. The words are
 * read with the search grammar (queryParser.ts), whose typo tolerance also reads packs' spellings
 * ("Clapz", "Stringz"); names that say nothing ("d030.flac", "take 3.wav") give no hints and
 * leave the analysis as it is.
 */
import type { AudioDescriptors, SampleKind } from './analysis';
import { DRUM_CATEGORIES } from './corrections';
import { audioSupportsTempo } from './embeddedValues';
import { parseQuery, type Category } from './ai/queryParser';
import { parseNoteName, pitchClassOf, type PitchName } from './music/pitch';

export interface NameHints {
  /** Categories the name uses words of, in the order it names them. */
  categories: Category[];
  kind: SampleKind | null;
  /** An exact tempo ("174", "90bpm"); null for none or a range. */
  bpm: number | null;
  /** A key with its scale ("Am", "F# minor", "Dmaj"); a bare note ("A", variation letters too) gives none. */
  key: { tonic: PitchName; scale: 'major' | 'minor' } | null;
  /** A note for a one-shot's root: "G2" (with its octave, MIDI) or a bare "F#" (pitch class only). */
  note: { pitchClass: number; midi: number | null } | null;
}

/** Confidence given to what the name says: below a tag's (0.97), as names are looser. */
export const NAME_CONFIDENCE = 0.9;

/** The base name as words: extension and folders dropped, separators and "BassDrum02" split. */
export function fileNameWords(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  return (
    base
      .replace(/\.[a-z0-9]{1,5}$/i, '')
      .replace(/[_.+()[\]{}]+|\s-\s|-/g, ' ')
      // "BassDrum" -> "Bass Drum"; "DnB" stays (one letter after the capital).
      .replace(/([a-z])([A-Z][a-z])/g, '$1 $2')
      // "Drum02" -> "Drum 02"; codes of one or two letters ("d030", "f08") stay whole, or "f" would read as a note.
      .replace(/\b([A-Za-z]{3,})(\d+)\b/g, '$1 $2')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A note with its octave as a word of its own: "G2", "C#3", "Bb1" (C4 = MIDI 60), octaves 0-8 (a "9" is a take number). */
const NOTE_WITH_OCTAVE = /^[a-g](?:#|b)?[0-8]$/i;

function noteOf(words: string, tonic: PitchName | undefined): NameHints['note'] {
  for (const word of words.split(' ')) {
    const midi = NOTE_WITH_OCTAVE.test(word) ? parseNoteName(word) : null;
    if (midi !== null) return { pitchClass: midi % 12, midi };
  }
  return tonic ? { pitchClass: pitchClassOf(tonic), midi: null } : null;
}

export function hintsFromFileName(path: string): NameHints {
  const words = fileNameWords(path);
  const parsed = parseQuery(words);
  const bpm = parsed.bpm && parsed.bpm.min !== null && parsed.bpm.min === parsed.bpm.max ? parsed.bpm.min : null;
  return {
    categories: parsed.categories,
    kind: parsed.kind,
    bpm,
    key: parsed.key?.scale ? { tonic: parsed.key.tonic, scale: parsed.key.scale } : null,
    note: noteOf(words, parsed.key?.tonic),
  };
}

/** A named category as it applies to a sound of this kind: a "kick loop" is a drum loop; a one-shot is never one. */
function asKind(category: Category, kind: SampleKind): Category | null {
  if (kind === 'loop') return DRUM_CATEGORIES.has(category) ? 'drum-loop' : category;
  return category === 'drum-loop' ? null : category;
}

/**
 * The category a named sound gets: the named one, or, where the name uses words of several
 * ("Sub Kick", "Bass Pluck"), the one the classifier finds likeliest. Null where the name names none.
 */
export function categoryFromName(
  hints: NameHints,
  kind: SampleKind,
  probabilities: Readonly<Record<string, number>>,
): { category: Category; confidence: number } | null {
  const named = [...new Set(hints.categories.map((c) => asKind(c, kind)).filter((c): c is Category => c !== null))];
  if (named.length === 0) return null;
  const p = (c: Category): number => probabilities[c] ?? 0;
  const category = named.reduce((best, c) => (p(c) > p(best) ? c : best));
  return { category, confidence: Math.max(NAME_CONFIDENCE, p(category)) };
}

/**
 * A one-shot's root from its name, where its tags gave none ("808_F#", "Bass G2"). We hear pitch
 * well: a named note of another pitch class only replaces a root we were unsure of (as a tagged
 * one does), and a bare note name, having no octave, only confirms or moves ours within its octave.
 */
function withNamedRoot(d: AudioDescriptors, note: NonNullable<NameHints['note']>): AudioDescriptors {
  const heard = d.rootMidi;
  const samePitchClass = heard !== null && heard % 12 === note.pitchClass;
  if (heard !== null && !samePitchClass && (d.rootConfidence ?? 0) >= 0.5) return d;
  let midi = note.midi;
  if (midi === null) {
    if (heard === null) return d;
    // The octave of the named pitch class nearest the pitch we heard.
    midi = heard + ((((note.pitchClass - heard) % 12) + 18) % 12) - 6;
  }
  return {
    ...d,
    rootMidi: midi,
    rootConfidence: samePitchClass ? Math.max(NAME_CONFIDENCE, d.rootConfidence ?? 0) : NAME_CONFIDENCE,
    valueSources: { ...d.valueSources, rootMidi: 'file-name' },
  };
}

/**
 * What the name says about values the file's own tags left open: a one-shot's root note (only for
 * pitched sounds), a loop's tempo (only where the audio supports it, audioSupportsTempo: a "120" in
 * a name can be anything else) and key (not for drum loops).
 */
export function withNamedValues(d: AudioDescriptors, hints: NameHints, pitched: boolean): AudioDescriptors {
  if (d.kind === 'one-shot') return hints.note && pitched && !d.valueSources?.rootMidi ? withNamedRoot(d, hints.note) : d;
  if (d.kind !== 'loop') return d;
  const sources = { ...d.valueSources };
  const out: AudioDescriptors = { ...d };
  if (hints.bpm !== null && !sources.bpm && audioSupportsTempo(d, hints.bpm)) {
    out.bpm = hints.bpm;
    out.bpmConfidence = NAME_CONFIDENCE;
    sources.bpm = 'file-name';
  }
  if (hints.key && !sources.key && d.category !== 'drum-loop') {
    out.key = hints.key.tonic;
    out.scale = hints.key.scale;
    out.keyConfidence = NAME_CONFIDENCE;
    sources.key = 'file-name';
  }
  if (Object.keys(sources).length > 0) out.valueSources = sources;
  return out;
}
