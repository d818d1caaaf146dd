/** The audio formats SampleMind imports, keyed by what their container is called. */
export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg' | 'opus' | 'm4a';

const EXTENSION_FORMATS: Readonly<Record<string, AudioFormat>> = {
  wav: 'wav',
  wave: 'wav',
  aif: 'aiff',
  aiff: 'aiff',
  aifc: 'aiff',
  flac: 'flac',
  mp3: 'mp3',
  ogg: 'ogg',
  oga: 'ogg',
  opus: 'opus',
  m4a: 'm4a',
};

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The format a file name claims, or null when the importer should skip it silently. */
export function formatFromFileName(fileName: string): AudioFormat | null {
  if (fileName.startsWith('._')) return null; // macOS resource forks look like audio but are not
  return EXTENSION_FORMATS[extensionOf(fileName)] ?? null;
}

export function isAudioFileName(fileName: string): boolean {
  return formatFromFileName(fileName) !== null;
}

/** For <input accept> and the picker's type filter. */
export const AUDIO_EXTENSIONS: readonly string[] = Object.keys(EXTENSION_FORMATS).map((e) => `.${e}`);

const MIME_TYPES: Readonly<Record<AudioFormat, string>> = {
  wav: 'audio/wav',
  aiff: 'audio/aiff',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
};

/** The MIME type for a file name (what a drag to the desktop or another app announces). */
export function mimeTypeOf(fileName: string): string {
  const format = formatFromFileName(fileName);
  return format ? MIME_TYPES[format] : 'application/octet-stream';
}
