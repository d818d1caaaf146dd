import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../workers/analysis/sniff';
import { encodeAiff, encodeWav } from '../support/audioFiles';
import { seededNoise, sine } from '../support/signals';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`${FIXTURE_LIBRARY}/${path}`));

describe('sniffFormat', () => {
  it('identifies every supported container from its bytes', () => {
    expect(sniffFormat(encodeWav([sine(440, 0.1)]))).toEqual({ audio: 'wav' });
    expect(sniffFormat(encodeAiff([sine(440, 0.1)]))).toEqual({ audio: 'aiff' });
    expect(sniffFormat(fixture(KNOWN.epianoLoop.path))).toEqual({ audio: 'flac' });
    expect(sniffFormat(fixture(KNOWN.kick.path))).toEqual({ audio: 'mp3' });
    expect(sniffFormat(fixture(KNOWN.drumLoop.path))).toEqual({ audio: 'ogg' });
    expect(sniffFormat(fixture(KNOWN.vocal.path))).toEqual({ audio: 'opus' });
    expect(sniffFormat(fixture(KNOWN.bass.path))).toEqual({ audio: 'm4a' });
  });

  it('says what a non-audio file looks like', () => {
    expect(sniffFormat(fixture(KNOWN.broken.path))).toEqual({ audio: null, looksLike: 'a PNG image' });
    expect(sniffFormat(new TextEncoder().encode('just some notes about a session\n'))).toEqual({ audio: null, looksLike: 'a text file' });
    const riff = (form: string): Uint8Array => Uint8Array.from([...'RIFF\x10\0\0\0', ...form, ...'\0'.repeat(8)], (c) => c.charCodeAt(0));
    expect(sniffFormat(riff('AVI '))).toEqual({ audio: null, looksLike: 'a RIFF AVI file' });
    expect(sniffFormat(riff('    '))).toEqual({ audio: null, looksLike: 'a RIFF file' });
  });

  it('does not mistake random bytes for MP3 frames', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = seededNoise(seed);
      const bytes = Uint8Array.from({ length: 48000 }, () => Math.floor(((next() + 1) / 2) * 256) & 0xff);
      expect(sniffFormat(bytes).audio).toBeNull();
    }
  });
});
