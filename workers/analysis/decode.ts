import type { PcmFormat } from '../../src/domain/analysis';
import type { AudioFormat } from '../../src/domain/audioFormats';
import { formatFromFileName } from '../../src/domain/audioFormats';
import { SampleMindError } from '../../src/domain/errors';
import { m4aTruncation, mp3InWav, readDeclaredStream, rf64AsRiff } from './headers';
import { id3v2Length, sniffFormat } from './sniff';

export interface DecodedAudio {
  format: AudioFormat;
  sampleRate: number;
  /** How the file stores its samples, where it stores PCM (WAV, AIFF, FLAC); null for lossy codecs. */
  pcmFormat: PcmFormat | null;
  /** One Float32Array per channel, all the same length. */
  channelData: Float32Array[];
}

interface PcmData {
  channelData: Float32Array[];
  sampleRate: number;
}

interface Codec {
  decode(bytes: Uint8Array): PcmData | Promise<PcmData>;
  flush?(): PcmData | Promise<PcmData>;
  free(): void;
}

/** Longest audio the analyser takes on: longer files would need gigabytes of float samples. */
export const MAX_ANALYSIS_SECONDS = 20 * 60;
/** More channels than any real recording (third-order Ambisonics has 16): a damaged header. */
export const MAX_CHANNELS = 32;
/**
 * Sample rates outside this range are a damaged header, not audio: old samplers went down to about
 * 4 kHz and no converter writes more than 768 kHz. A WAV that claims 100 Hz would otherwise be read
 * as two minutes of infrasound.
 */
export const SAMPLE_RATE_RANGE = { min: 1000, max: 768_000 } as const;
/** Compressed files are refused above this size for the same reason (about 40 min at 320 kbps). */
export const MAX_COMPRESSED_BYTES = 100 * 1024 * 1024;

const FORMAT_LABEL: Record<AudioFormat, string> = {
  wav: 'WAV',
  aiff: 'AIFF',
  flac: 'FLAC',
  mp3: 'MP3',
  ogg: 'Ogg Vorbis',
  opus: 'Opus',
  m4a: 'M4A',
};

/** Ogg FLAC (usually .oga): the first Ogg packet starts with 0x7F "FLAC" instead of Vorbis's header. */
function isOggFlac(bytes: Uint8Array): boolean {
  const packet = 27 + (bytes[26] ?? 0);
  return bytes[packet] === 0x7f && String.fromCharCode(...bytes.subarray(packet + 1, packet + 5)) === 'FLAC';
}

// Codecs load on first use, so a library of WAVs never pays for the MP3 decoder's WASM.
async function openCodec(format: AudioFormat, oggFlac: boolean): Promise<Codec> {
  if (oggFlac) return (await import('@audio/decode-flac')).decoder(); // it reads Ogg-wrapped FLAC too
  switch (format) {
    case 'wav':
      return (await import('@audio/decode-wav')).decoder();
    case 'aiff':
      return (await import('@audio/decode-aiff')).decoder();
    case 'flac':
      // A decoder per file: @wasm-audio-decoders' own FLACDecoder, reused across files, drops
      // the short last frame of some files (6 of the corpus's FLACs); this wrapper does not.
      return (await import('@audio/decode-flac')).decoder();
    case 'mp3':
      return (await import('@audio/decode-mp3')).decoder();
    case 'ogg':
      return (await import('@audio/decode-vorbis')).decoder();
    case 'opus':
      return (await import('@audio/decode-opus')).decoder();
    case 'm4a':
      return (await import('@audio/decode-mp4')).decoder();
  }
}

function appendPcm(parts: PcmData[], pcm: PcmData | undefined): void {
  if (pcm && pcm.channelData.length > 0 && (pcm.channelData[0]?.length ?? 0) > 0) parts.push(pcm);
}

function concatenate(parts: PcmData[]): PcmData {
  const first = parts[0];
  if (!first) return { channelData: [], sampleRate: 0 };
  if (parts.length === 1) return first;
  const channels = Math.min(...parts.map((p) => p.channelData.length));
  const length = parts.reduce((n, p) => n + (p.channelData[0]?.length ?? 0), 0);
  const channelData = Array.from({ length: channels }, () => new Float32Array(length));
  let at = 0;
  for (const part of parts) {
    for (let c = 0; c < channels; c++) channelData[c]!.set(part.channelData[c]!, at);
    at += part.channelData[0]!.length;
  }
  return { channelData, sampleRate: first.sampleRate };
}

/** Lossy decoders upmix mono sources to two identical channels; report them as the mono they are. */
function collapseDualMono(channelData: Float32Array[]): Float32Array[] {
  if (channelData.length !== 2) return channelData;
  const [left, right] = channelData as [Float32Array, Float32Array];
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return channelData;
  return [left];
}

/**
 * AIFF's integer samples are signed at every width (AIFF 1.3, AIFF-C), but @audio/decode-aiff
 * reads 8-bit ones as unsigned (v - 128): flipping the sign bit back is adding or taking 1.
 */
function signed8BitAiff(channelData: Float32Array[]): Float32Array[] {
  for (const channel of channelData)
    for (let i = 0; i < channel.length; i++) channel[i] = channel[i]! < 0 ? channel[i]! + 1 : channel[i]! - 1;
  return channelData;
}

const SIGNED_AIFF_COMPRESSION = new Set(['NONE', 'twos', 'TWOS', 'sowt']);

/**
 * A decoder's own refusals ("Unsupported WAV bit depth: 40") say what is wrong; a JavaScript
 * error thrown from inside one ("Cannot read properties of undefined") only says the data broke
 * it, so the user reads that, with the decoder's words kept in brackets for a bug report.
 */
export function decoderFailureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Decoders throw TypeErrors of their own too ("Unsupported WAV format: 0x0"): only the engine's words count.
  const internal =
    error instanceof ReferenceError || ((error instanceof TypeError || error instanceof RangeError) && ENGINE_ERROR.test(message));
  return internal ? `its data is damaged where the decoder reads it (${message})` : message;
}

const ENGINE_ERROR =
  /Cannot (read|set) propert|is not a function|is not iterable|is not defined|outside the bounds|Invalid (typed )?array length|allocation failed/;

/** Fewer bytes than the smallest audio header (WAV's and AIFF's 12-byte preamble). */
const MIN_AUDIO_BYTES = 12;

function refuseImplausibleRate(sampleRate: number, says: string): void {
  if (sampleRate >= SAMPLE_RATE_RANGE.min && sampleRate <= SAMPLE_RATE_RANGE.max) return;
  throw new SampleMindError(
    'unsupported_format',
    `${says} a sample rate of ${sampleRate} Hz: SampleMind reads ${SAMPLE_RATE_RANGE.min} Hz to ${SAMPLE_RATE_RANGE.max / 1000} kHz`,
  );
}

/** An M4A cut short usually loses its track index too (encoders write 'moov' after the audio). */
function refuseTruncatedM4a(bytes: Uint8Array): void {
  const cut = m4aTruncation(bytes);
  if (!cut) return;
  const where =
    cut.atom === 'moov'
      ? `${byteCount(cut.presentBytes)} into its track index ('moov', ${byteCount(cut.declaredBytes)})`
      : `${byteCount(cut.presentBytes)} into its '${cut.atom}' atom (${byteCount(cut.declaredBytes)}), before the track index ('moov') the audio needs`;
  throw new SampleMindError('truncated', `truncated M4A: the file ends ${where}`);
}

/**
 * Float files can hold NaN or infinite samples (a plug-in's bug): players treat them as silence,
 * and one of them would make every level and spectral measurement of the file NaN. Integer PCM
 * cannot, so only float files pay for the pass.
 */
function silenceNonFinite(channels: Float32Array[]): void {
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) if (!Number.isFinite(channel[i]!)) channel[i] = 0;
  }
}

function byteCount(n: number): string {
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MB` : n >= 10_240 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

function seconds(frames: number, sampleRate: number): string {
  const s = frames / sampleRate;
  return s >= 3600 ? `${(s / 3600).toFixed(1)} hours` : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(2)} s`;
}

/**
 * Decodes a whole file to float PCM. The container is identified from its bytes, not its name;
 * broken input is refused with a SampleMindError whose message names the reason.
 */
export async function decodeAudio(bytes: Uint8Array, fileName: string): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new SampleMindError('empty_file', 'the file is empty (0 bytes)');
  // No audio container's header fits in fewer bytes, so a file this small says nothing about itself.
  if (bytes.length < MIN_AUDIO_BYTES) {
    throw new SampleMindError('not_audio', `the file holds only ${bytes.length} byte${bytes.length === 1 ? '' : 's'}: too few to be audio`);
  }
  const sniffed = sniffFormat(bytes);
  if (sniffed.audio === null) {
    const claimed = formatFromFileName(fileName);
    const claim = claimed ? ` despite its .${fileName.split('.').pop()} name` : '';
    throw new SampleMindError('not_audio', `not an audio file${claim}: it looks like ${sniffed.looksLike}`);
  }
  const format = sniffed.audio;
  const oggFlac = format === 'ogg' && isOggFlac(bytes);
  const wrappedMp3 = format === 'wav' ? mp3InWav(bytes) : null;
  const label = oggFlac ? 'Ogg FLAC' : wrappedMp3 ? 'MP3-in-WAV' : FORMAT_LABEL[format];

  const declared = readDeclaredStream(bytes, format, format === 'flac' ? id3v2Length(bytes) : 0);
  if (declared && declared.channels > MAX_CHANNELS) {
    throw new SampleMindError(
      'unsupported_format',
      `its header announces ${declared.channels} channels: SampleMind reads up to ${MAX_CHANNELS}`,
    );
  }
  if (declared) refuseImplausibleRate(declared.sampleRate, 'its header gives');
  if (format === 'm4a') refuseTruncatedM4a(bytes);
  if (declared?.declaredFrames != null && declared.sampleRate > 0) {
    if (declared.declaredFrames / declared.sampleRate > MAX_ANALYSIS_SECONDS) {
      if (declared.availableFrames != null && declared.availableFrames < declared.declaredFrames) {
        throw new SampleMindError(
          'truncated',
          `truncated ${label}: its header announces ${seconds(declared.declaredFrames, declared.sampleRate)} of audio, the file holds ${seconds(declared.availableFrames, declared.sampleRate)}`,
        );
      }
      throw new SampleMindError(
        'too_long',
        `${seconds(declared.declaredFrames, declared.sampleRate)} long: SampleMind analyses files up to ${MAX_ANALYSIS_SECONDS / 60} min`,
      );
    }
    if (declared.availableFrames != null && declared.availableFrames + 1 < declared.declaredFrames) {
      throw new SampleMindError(
        'truncated',
        `truncated ${label}: its header announces ${seconds(declared.declaredFrames, declared.sampleRate)} of audio, the file holds ${seconds(declared.availableFrames, declared.sampleRate)}`,
      );
    }
  }
  if (!['wav', 'aiff', 'flac'].includes(format) && bytes.length > MAX_COMPRESSED_BYTES) {
    throw new SampleMindError(
      'too_long',
      `${label} file of ${(bytes.length / 2 ** 20).toFixed(0)} MB: SampleMind analyses compressed files up to ${MAX_COMPRESSED_BYTES / 2 ** 20} MB`,
    );
  }

  let pcm: PcmData;
  let codec: Codec | undefined;
  try {
    codec = await openCodec(wrappedMp3 ? 'mp3' : format, oggFlac);
    const parts: PcmData[] = [];
    appendPcm(parts, await codec.decode(wrappedMp3 ?? (format === 'wav' ? rf64AsRiff(bytes) : bytes)));
    if (codec.flush) appendPcm(parts, await codec.flush());
    pcm = concatenate(parts);
  } catch (error) {
    throw new SampleMindError('decode_failed', `could not decode this ${label} file: ${decoderFailureReason(error)}`, { cause: error });
  } finally {
    codec?.free();
  }

  const frames = pcm.channelData[0]?.length ?? 0;
  if (frames === 0 || pcm.sampleRate <= 0) {
    throw new SampleMindError('no_audio', `this ${label} file holds no audio frames`);
  }
  refuseImplausibleRate(pcm.sampleRate, 'it has');
  if (declared?.floatSamples) silenceNonFinite(pcm.channelData);
  if (format === 'flac' && declared?.declaredFrames != null && frames < declared.declaredFrames * 0.999 - 1) {
    throw new SampleMindError(
      'truncated',
      `truncated FLAC stream: STREAMINFO announces ${seconds(declared.declaredFrames, declared.sampleRate)}, only ${seconds(frames, pcm.sampleRate)} could be decoded`,
    );
  }
  if (format === 'aiff' && declared?.sampleBits === 8 && SIGNED_AIFF_COMPRESSION.has(declared.compression ?? '')) {
    pcm.channelData = signed8BitAiff(pcm.channelData);
  }
  const lossy = format === 'mp3' || format === 'm4a' || wrappedMp3 !== null;
  const pcmFormat = !lossy && declared && declared.sampleBits > 0 ? { bits: declared.sampleBits, float: declared.floatSamples } : null;
  return { format, sampleRate: pcm.sampleRate, pcmFormat, channelData: lossy ? collapseDualMono(pcm.channelData) : pcm.channelData };
}
