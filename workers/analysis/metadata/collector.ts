import type { SampleKind } from '../../../src/domain/analysis';
import type { EmbeddedKey, EmbeddedLoop, EmbeddedMetadata, EmbeddedText, MetadataSource } from '../../../src/domain/metadata';
import { MAX_TAGGED_BPM, MIN_TAGGED_BPM, parseKeyText, parseTempoText } from '../../../src/domain/metadata';
import type { PitchName } from '../../../src/domain/music/pitch';

/** Caps that keep one file's metadata a small record in the library (tags can hold megabytes). */
export const MAX_FIELDS = 100;
export const MAX_VALUE_CHARS = 1000;
export const MAX_IXML_CHARS = 8192;

/**
 * Lower wins: the sampler chunks say exactly what they mean, tag frames are written on purpose
 * by users and tools, RIFF INFO and AIFF text are free-form and often stale.
 */
const SOURCE_RANK: Record<MetadataSource, number> = {
  acid: 0,
  inst: 1,
  smpl: 2,
  id3: 3,
  vorbis: 3,
  ixml: 4,
  bext: 5,
  info: 6,
  'aiff-text': 6,
};

type Ranked = { source: MetadataSource } | undefined;
const outranks = (source: MetadataSource, held: Ranked): boolean => held === undefined || SOURCE_RANK[source] < SOURCE_RANK[held.source];

const cut = (text: string, limit: number): string => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

/** Gathers what the readers find; the first reader of equal rank keeps a value. */
export class MetadataCollector {
  private readonly found: EmbeddedMetadata = { fields: [] };

  /** Lists a raw field; empty values are dropped. */
  field(source: MetadataSource, name: string, value: string): void {
    const text = value.trim();
    if (text.length === 0 || this.found.fields.length >= MAX_FIELDS) return;
    this.found.fields.push({ source, name, value: cut(text, MAX_VALUE_CHARS) });
  }

  text(property: EmbeddedText, source: MetadataSource, value: string): void {
    const text = value.trim();
    if (text.length > 0 && outranks(source, this.found[property])) this.found[property] = { value: cut(text, MAX_VALUE_CHARS), source };
  }

  bpm(source: MetadataSource, bpm: number): void {
    if (!Number.isFinite(bpm) || bpm < MIN_TAGGED_BPM || bpm > MAX_TAGGED_BPM) return;
    if (outranks(source, this.found.bpm)) this.found.bpm = { value: Math.round(bpm * 1000) / 1000, source };
  }

  bpmText(source: MetadataSource, text: string): void {
    const bpm = parseTempoText(text);
    if (bpm !== null) this.bpm(source, bpm);
  }

  rootMidi(source: MetadataSource, midi: number): void {
    if (Number.isInteger(midi) && midi >= 0 && midi <= 127 && outranks(source, this.found.rootMidi))
      this.found.rootMidi = { value: midi, source };
  }

  key(source: MetadataSource, tonic: PitchName, scale: EmbeddedKey['scale']): void {
    // A key with its scale beats a bare tonic whatever the source: an ACID root note says less than "Am".
    const held = this.found.key;
    const better =
      held === undefined ||
      (held.scale === null && scale !== null) ||
      ((held.scale === null) === (scale === null) && outranks(source, held));
    if (better) this.found.key = { tonic, scale, source };
  }

  keyText(source: MetadataSource, text: string): void {
    const key = parseKeyText(text);
    if (key) this.key(source, key.tonic, key.scale);
  }

  kind(source: MetadataSource, kind: SampleKind): void {
    if (outranks(source, this.found.kind)) this.found.kind = { value: kind, source };
  }

  beats(source: MetadataSource, beats: number): void {
    if (beats > 0 && beats < 100_000 && outranks(source, this.found.beats)) this.found.beats = { value: beats, source };
  }

  meter(source: MetadataSource, numerator: number, denominator: number): void {
    const valid = numerator > 0 && numerator <= 64 && [1, 2, 4, 8, 16, 32, 64].includes(denominator);
    if (valid && outranks(source, this.found.meter)) this.found.meter = { value: { numerator, denominator }, source };
  }

  loop(loop: EmbeddedLoop): void {
    if (loop.endFrame >= loop.startFrame && outranks(loop.source, this.found.loop)) this.found.loop = loop;
  }

  ixml(xml: string): void {
    this.found.ixml ??= cut(xml, MAX_IXML_CHARS);
  }

  /** null when the file carried nothing at all. */
  result(): EmbeddedMetadata | null {
    const { fields, ...values } = this.found;
    return fields.length === 0 && Object.keys(values).length === 0 ? null : this.found;
  }
}
