import { CONFIDENT, type AudioDescriptors } from './analysis';
import type { ErrorCode, ErrorInfo } from './errors';
import { midiToNoteName, spellKeyTonic } from './music/pitch';

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count as the interface shows it: "100,000". */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

const COMPACT_FORMAT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * The top bar's sample count: "7,267 of 100,000 samples", or in a narrow window (where that would
 * be clipped) "7,267 of 100K"; the visible count always in full, as it is what the user acts on.
 */
export function sampleCountText(visible: number, total: number, compact: boolean): string {
  const totalText = compact && total >= 10_000 ? COMPACT_FORMAT.format(total) : formatCount(total);
  if (visible === total) return `${totalText} ${total === 1 ? 'sample' : 'samples'}`;
  return compact ? `${formatCount(visible)} of ${totalText}` : `${formatCount(visible)} of ${totalText} samples`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m}:${(seconds - m * 60).toFixed(0).padStart(2, '0')}`;
}

export function formatBpm(bpm: number | null | undefined): string {
  if (bpm == null) return '';
  return Number.isInteger(Math.round(bpm * 10) / 10) ? String(Math.round(bpm)) : bpm.toFixed(1);
}

export function formatKey(analysis: Pick<AudioDescriptors, 'key' | 'scale'> | null | undefined): string {
  if (!analysis?.key) return '';
  return `${spellKeyTonic(analysis.key, analysis.scale)} ${analysis.scale === 'minor' ? 'min' : 'maj'}`;
}

export function formatLufs(lufs: number | null | undefined): string {
  return lufs == null ? '' : `${lufs.toFixed(1)} LUFS`;
}

export function formatDb(db: number | null | undefined): string {
  return db == null ? '' : `${db.toFixed(1)} dBFS`;
}

/** "44.1 kHz", "48 kHz", "22.05 kHz" (not "22.1": that is no rate a file has). */
export function formatSampleRate(hz: number | null | undefined): string {
  return hz == null ? '' : `${Number((hz / 1000).toFixed(3))} kHz`;
}

/** "WAV · 24-bit · 44.1 kHz · stereo", "MP3 · 44.1 kHz · mono": how a file stores its audio. */
export function formatAudioSpec(a: Pick<AudioDescriptors, 'format' | 'pcmFormat' | 'sampleRate' | 'channels'>): string {
  const pcm = a.pcmFormat ? `${a.pcmFormat.bits}-bit${a.pcmFormat.float ? ' float' : ''}` : null;
  const channels = a.channels === 1 ? 'mono' : a.channels === 2 ? 'stereo' : `${a.channels} ch`;
  return [a.format.toUpperCase(), pcm, formatSampleRate(a.sampleRate), channels].filter(Boolean).join(' · ');
}

export function formatConfidence(confidence: number | null | undefined): string {
  return confidence == null ? '' : `${Math.round(confidence * 100)} %`;
}

export function isUncertain(confidence: number | null | undefined): boolean {
  return confidence != null && confidence < CONFIDENT;
}

/** The Key column: a loop's key, or a pitched one-shot's root note ("G2"). */
export function formatKeyOrRoot(analysis: Pick<AudioDescriptors, 'key' | 'scale' | 'rootMidi'> | null | undefined): string {
  if (analysis?.key) return formatKey(analysis);
  return analysis?.rootMidi != null ? midiToNoteName(analysis.rootMidi) : '';
}

/** "kick", "drum loop", "hi-hat": category names as a producer writes them. */
const KIND_NAMES: Readonly<Record<string, string>> = { 'one-shot': 'One-shot', loop: 'Loop' };

/** "One-shot", "Loop"; '' when the kind is not known. */
export function formatKind(kind: string | null | undefined): string {
  return (kind && KIND_NAMES[kind]) ?? '';
}

/** "Kick loops", not "kick loops", at the start of a label. */
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function formatCategory(category: string | null | undefined): string {
  if (!category) return '';
  if (category === 'hihat') return 'hi-hat';
  if (category === 'fx') return 'FX';
  return category.replace('-', ' ');
}

/** What the Status column says of a file that could not be read: the reason in a word or two. */
const FAILURE_LABELS: Partial<Record<ErrorCode, string>> = {
  empty_file: 'Empty file',
  not_audio: 'Not audio',
  unsupported_format: 'Unsupported',
  truncated: 'Truncated',
  decode_failed: 'Undecodable',
  no_audio: 'No audio',
  too_short: 'Too short',
  too_long: 'Too long',
  read_failed: 'Unreadable',
  missing: 'Missing',
  timeout: 'Timed out',
  permission_denied: 'No access',
};

/** "Truncated", "Not audio", "Missing"; "Error" for a failure without a short name. */
export function failureLabel(error: ErrorInfo | null | undefined): string {
  return (error && FAILURE_LABELS[error.code]) ?? 'Error';
}
