/**
 * Which copy of a duplicated sound to keep: the best audio first (lossless over lossy, then bit
 * depth, then sample rate), then the longest (the untrimmed one), then the one with the most
 * metadata, then for two lossy copies the higher bitrate.
 */
import { VectorError } from './embeddingLayout';

/** What the duplicate finder and the keep ranking know about a sample besides its embedding. */
export interface SampleFacts {
  durationSeconds: number;
  /** The container or extension: 'wav', 'aiff', 'flac', 'mp3', '.ogg', ... (case and leading dot ignored). */
  format: string;
  sampleRate?: number;
  /** Bits per sample of PCM (lossless) audio; lossy formats have none. */
  bitDepth?: number;
  /** Bytes; with the duration, a lossy file's bitrate (the last tie-breaker). */
  fileSize?: number;
  /** How many metadata fields (title, tempo, key, comments, ...) the file carries. */
  metadataFields?: number;
}

const LOSSLESS = new Set(['wav', 'wave', 'aif', 'aiff', 'aifc', 'flac', 'alac', 'w64']);
const LOSSY = new Set(['mp3', 'ogg', 'oga', 'opus', 'm4a', 'aac', 'mp4', 'wma']);

/** 2 lossless, 1 lossy, 0 unknown. M4A counts as lossy: its ALAC variant cannot be told from the extension. */
export function formatTier(format: string): number {
  const name = format.toLowerCase().replace(/^\./, '');
  if (LOSSLESS.has(name)) return 2;
  return LOSSY.has(name) ? 1 : 0;
}

function bitrate(facts: SampleFacts): number {
  return facts.fileSize !== undefined && facts.durationSeconds > 0 ? (facts.fileSize * 8) / facts.durationSeconds : 0;
}

/**
 * Negative when `a` is the better copy to keep, positive when `b` is, 0 when nothing tells them
 * apart (the caller then keeps the lower id). Usable directly as an Array.sort comparator.
 */
export function compareKeepPreference(a: SampleFacts, b: SampleFacts): number {
  const tierA = formatTier(a.format);
  const tierB = formatTier(b.format);
  return (
    tierB - tierA ||
    (b.bitDepth ?? 0) - (a.bitDepth ?? 0) ||
    (b.sampleRate ?? 0) - (a.sampleRate ?? 0) ||
    b.durationSeconds - a.durationSeconds ||
    (b.metadataFields ?? 0) - (a.metadataFields ?? 0) ||
    // Last, because embedded artwork inflates a file's size: between two lossy copies the bigger
    // file of the same length most likely has the higher bitrate. (FLAC's size says nothing.)
    (tierA === 1 && tierB === 1 ? bitrate(b) - bitrate(a) : 0)
  );
}

/** The copy to keep among samples that are copies of one sound; ties go to the lower id. */
export function chooseKeeper<T extends { id: number; facts: SampleFacts }>(copies: readonly T[]): T {
  if (copies.length === 0) throw new VectorError('bad_argument', 'chooseKeeper needs at least one sample');
  return copies.reduce((best, copy) => {
    const order = compareKeepPreference(copy.facts, best.facts);
    return order < 0 || (order === 0 && copy.id < best.id) ? copy : best;
  });
}
