/**
 * What an AI provider is told about a sample: the analysed values and the user's tags, by id.
 * Never audio; the file name only when the user allowed it in AI settings.
 */
import { midiToNoteName } from '../music/pitch';
import type { SampleRow } from '../library/sampleQuery';

export interface SampleFacts {
  id: number;
  /** Only when the user allows file names to be sent. */
  name?: string;
  kind: string | null;
  category: string | null;
  bpm: number | null;
  key: string | null;
  rootNote: string | null;
  /** Seconds, two decimals. */
  duration: number | null;
  /** Integrated loudness, LUFS. */
  loudness: number | null;
  tags: string[];
}

const round = (value: number | null | undefined, digits: number): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

export function sampleFacts(row: SampleRow, options: { includeName: boolean }): SampleFacts {
  const a = row.analysis;
  return {
    id: row.id,
    ...(options.includeName ? { name: row.name } : {}),
    kind: a?.kind ?? null,
    category: a?.category ?? null,
    bpm: round(a?.bpm, 1),
    key: a?.key ? `${a.key} ${a.scale ?? ''}`.trim() : null,
    rootNote: a?.rootMidi !== null && a?.rootMidi !== undefined ? midiToNoteName(a.rootMidi) : null,
    duration: round(a?.duration, 2),
    loudness: round(a?.loudnessLufs, 1),
    tags: [...row.tags],
  };
}
