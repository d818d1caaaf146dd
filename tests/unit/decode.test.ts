import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAudio, decoderFailureReason } from '../../workers/analysis/decode';
import { readDeclaredStream } from '../../workers/analysis/headers';
import { asRf64, encodeAiff, encodeWav } from '../support/audioFiles';
import { sine } from '../support/signals';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`${FIXTURE_LIBRARY}/${path}`));

async function refusal(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  try {
    await decodeAudio(bytes, name);
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('expected decodeAudio to refuse the file');
}

describe('decodeAudio', () => {
  const tone = sine(440, 0.5, 0.5);

  it.each([16, 24, 32] as const)('decodes %i-bit WAV within quantisation error', async (bitDepth) => {
    const decoded = await decodeAudio(encodeWav([tone, tone], { bitDepth }), 'tone.wav');
    expect(decoded.format).toBe('wav');
    expect(decoded.channelData).toHaveLength(2);
    expect(decoded.channelData[0]!.length).toBe(tone.length);
    expect(Math.abs(decoded.channelData[1]![1000]! - tone[1000]!)).toBeLessThan(1e-4);
  });

  it('decodes AIFF, which Chromium cannot', async () => {
    const decoded = await decodeAudio(encodeAiff([tone], 48000), 'tone.aiff');
    expect(decoded).toMatchObject({ format: 'aiff', sampleRate: 48000 });
    expect(Math.abs(decoded.channelData[0]![777]! - tone[777]!)).toBeLessThan(1e-4);
  });

  it('reads 8-bit AIFF samples as the signed values they are', async () => {
    const decoded = await decodeAudio(encodeAiff([tone], 44100, 8), 'tone-8bit.aiff');
    const samples = decoded.channelData[0]!;
    expect(samples.length).toBe(tone.length);
    let worst = 0;
    for (let i = 0; i < tone.length; i++) worst = Math.max(worst, Math.abs(samples[i]! - tone[i]!));
    expect(worst).toBeLessThan(0.02);
  });

  it('decodes RF64 WAV (sizes in a ds64 chunk) up to the end of its audio', async () => {
    const decoded = await decodeAudio(asRf64(encodeWav([tone])), 'recorder.wav');
    expect(decoded).toMatchObject({ format: 'wav', sampleRate: 44100 });
    expect(decoded.channelData[0]!.length).toBe(tone.length);
    expect(decoded.channelData[0]![100]).toBeCloseTo(tone[100]!, 3);
  });

  it('decodes FLAC in an Ogg container (.oga) sample for sample like the plain FLAC', async () => {
    const plain = await decodeAudio(readFileSync(new URL('../fixtures/similar/clap-808.flac', import.meta.url)), 'clap-808.flac');
    const ogg = await decodeAudio(readFileSync(new URL('../fixtures/formats/clap-808.oga', import.meta.url)), 'clap-808.oga');
    expect(ogg).toMatchObject({ format: 'ogg', sampleRate: 44100 });
    expect(ogg.channelData[0]!.length).toBe(plain.channelData[0]!.length);
    expect(ogg.channelData[0]![2000]).toBe(plain.channelData[0]![2000]);
  });

  it('decodes an MP3 stream inside a WAV file (format 0x55) like the MP3 itself', async () => {
    const mp3 = fixture(KNOWN.kick.path);
    const direct = await decodeAudio(mp3, 'kick.mp3');
    // RIFF/WAVE with a WAVE_FORMAT_MPEGLAYER3 fmt chunk and the MP3 frames as its data.
    const wav = new Uint8Array(12 + 8 + 16 + 8 + mp3.length);
    const view = new DataView(wav.buffer);
    wav.set(new TextEncoder().encode('RIFF'), 0);
    view.setUint32(4, wav.length - 8, true);
    wav.set(new TextEncoder().encode('WAVEfmt '), 8);
    view.setUint32(16, 16, true);
    view.setUint16(20, 0x55, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, direct.sampleRate, true);
    view.setUint32(28, 16000, true);
    view.setUint16(32, 1, true);
    wav.set(new TextEncoder().encode('data'), 36);
    view.setUint32(40, mp3.length, true);
    wav.set(mp3, 44);
    const wrapped = await decodeAudio(wav, 'kick.wav');
    expect(wrapped).toMatchObject({ format: 'wav', sampleRate: direct.sampleRate });
    expect(wrapped.channelData).toHaveLength(direct.channelData.length);
    // Without the MP3's own gapless header the decoder keeps the encoder's padding: tens of ms at most.
    expect(Math.abs(wrapped.channelData[0]!.length - direct.channelData[0]!.length)).toBeLessThan(0.06 * direct.sampleRate);
  });

  it('decodes every fixture format to its known duration', async () => {
    for (const known of [KNOWN.epianoLoop, KNOWN.drumLoop, KNOWN.kick, KNOWN.snare, KNOWN.hihat, KNOWN.bass, KNOWN.vocal]) {
      const decoded = await decodeAudio(fixture(known.path), known.path);
      const seconds = decoded.channelData[0]!.length / decoded.sampleRate;
      expect(Math.abs(seconds - known.duration), known.path).toBeLessThan(0.05);
    }
  });

  it('says how a file stores its samples where it stores PCM, and nothing for lossy codecs', async () => {
    const pcmOf = async (bytes: Uint8Array, name: string) => (await decodeAudio(bytes, name)).pcmFormat;
    expect(await pcmOf(encodeWav([tone], { bitDepth: 24 }), 'a.wav')).toEqual({ bits: 24, float: false });
    expect(await pcmOf(encodeWav([tone], { bitDepth: 32, float: true }), 'a.wav')).toEqual({ bits: 32, float: true });
    expect(await pcmOf(encodeAiff([tone], 44100, 8), 'a.aiff')).toEqual({ bits: 8, float: false });
    expect(await pcmOf(fixture(KNOWN.epianoLoop.path), 'a.flac')).toEqual({ bits: 16, float: false });
    expect(await pcmOf(fixture(KNOWN.kick.path), 'a.mp3')).toBeNull();
    expect(await pcmOf(fixture(KNOWN.drumLoop.path), 'a.ogg')).toBeNull();
  });

  it("reads a FLAC's bits per sample across the byte boundary STREAMINFO puts them on", () => {
    const flac = fixture(KNOWN.epianoLoop.path).slice();
    expect(readDeclaredStream(flac, 'flac')?.sampleBits).toBe(16);
    // Bits per sample minus one: 5 bits, the last bit of byte 20 and the top four of byte 21.
    flac[20] = flac[20]! | 1;
    flac[21] = (flac[21]! & 0x0f) | (0b0111 << 4); // 0b10111 + 1 = 24
    expect(readDeclaredStream(flac, 'flac')?.sampleBits).toBe(24);
  });

  it('reports lossy mono sources as mono', async () => {
    expect((await decodeAudio(fixture(KNOWN.kick.path), 'kick.mp3')).channelData).toHaveLength(1);
  });

  it('refuses empty, non-audio and truncated files with a code and a reason', async () => {
    expect(await refusal(new Uint8Array(0), 'e.wav')).toEqual({ code: 'empty_file', message: 'the file is empty (0 bytes)' });
    expect(await refusal(fixture(KNOWN.broken.path), 'cover.aiff')).toEqual({
      code: 'not_audio',
      message: 'not an audio file despite its .aiff name: it looks like a PNG image',
    });
    const full = encodeWav([sine(440, 2)]);
    const cut = await refusal(full.subarray(0, 44 + 2 * 13230), 'cut.wav');
    expect(cut.code).toBe('truncated');
    expect(cut.message).toBe('truncated WAV: its header announces 2.00 s of audio, the file holds 0.30 s');
    const flac = fixture(KNOWN.epianoLoop.path);
    const cutFlac = await refusal(flac.subarray(0, flac.length >> 1), 'cut.flac');
    expect(cutFlac.code).toBe('truncated');
    expect(cutFlac.message).toMatch(/^truncated FLAC stream: STREAMINFO announces 2\.79 s, only [\d.]+ s could be decoded$/);
  });

  it('refuses a header that claims gigabytes without allocating them', async () => {
    const bytes = encodeWav([sine(440, 0.5)], { dataSizeField: 0xfffffff0 });
    const error = await refusal(bytes, 'huge.wav');
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('truncated WAV: its header announces 13.5 hours of audio, the file holds 0.50 s');
  });

  it('refuses a header that claims thousands of channels before allocating them', async () => {
    const bytes = encodeWav([tone]);
    new DataView(bytes.buffer).setUint16(22, 65535, true);
    expect(await refusal(bytes, 'damaged.wav')).toEqual({
      code: 'unsupported_format',
      message: 'its header announces 65535 channels: SampleMind reads up to 32',
    });
  });

  it('refuses a file too small to hold any audio header, saying how small', async () => {
    expect(await refusal(encodeWav([tone]).subarray(0, 4), 'cut.wav')).toEqual({
      code: 'not_audio',
      message: 'the file holds only 4 bytes: too few to be audio',
    });
  });

  it('refuses a sample rate no audio has (a damaged header) instead of reading minutes of infrasound', async () => {
    const bytes = encodeWav([tone]);
    new DataView(bytes.buffer).setUint32(24, 100, true);
    expect(await refusal(bytes, 'damaged.wav')).toEqual({
      code: 'unsupported_format',
      message: 'its header gives a sample rate of 100 Hz: SampleMind reads 1000 Hz to 768 kHz',
    });
    new DataView(bytes.buffer).setUint32(24, 0xffffffff, true);
    expect((await refusal(bytes, 'damaged.wav')).code).toBe('unsupported_format');
    // Old samplers' low rates are real audio.
    expect((await decodeAudio(encodeWav([sine(220, 0.5, 0.5, 4000)], { sampleRate: 4000 }), 'lofi.wav')).sampleRate).toBe(4000);
  });

  it('reads NaN and infinite float samples as silence', async () => {
    const bytes = encodeWav([tone], { float: true });
    const view = new DataView(bytes.buffer);
    view.setFloat32(44 + 4 * 10, Number.NaN, true);
    view.setFloat32(44 + 4 * 20, Number.POSITIVE_INFINITY, true);
    const samples = (await decodeAudio(bytes, 'plugin-bug.wav')).channelData[0]!;
    expect(samples.every(Number.isFinite)).toBe(true);
    expect(samples[10]).toBe(0);
    expect(samples[20]).toBe(0);
    expect(Math.abs(samples[30]! - tone[30]!)).toBeLessThan(1e-6);
  });

  it('refuses an M4A cut before its track index as truncated, and reads one with junk after it', async () => {
    const m4a = fixture(KNOWN.bass.path);
    const cut = await refusal(m4a.subarray(0, m4a.length >> 1), 'cut.m4a');
    expect(cut.code).toBe('truncated');
    expect(cut.message).toMatch(/^truncated M4A: the file ends [\d.]+ (bytes|KB) into its /);
    const junk = new Uint8Array(m4a.length + 5000);
    junk.set(m4a);
    junk.fill(0xab, m4a.length);
    const decoded = await decodeAudio(junk, 'junk.m4a');
    expect(decoded.channelData[0]!.length / decoded.sampleRate).toBeCloseTo(KNOWN.bass.duration, 1);
  });

  it('reads a streaming WAV whose size field is the "unknown" placeholder', async () => {
    const decoded = await decodeAudio(encodeWav([tone], { dataSizeField: 0xffffffff }), 'stream.wav');
    expect(decoded.channelData[0]!.length).toBe(tone.length);
  });
});

describe('decoderFailureReason', () => {
  it('keeps a decoder refusal as it is and says a decoder crash means damaged data', () => {
    expect(decoderFailureReason(new Error('Unsupported WAV bit depth: 40'))).toBe('Unsupported WAV bit depth: 40');
    expect(decoderFailureReason(new TypeError('Unsupported WAV format: 0x0'))).toBe('Unsupported WAV format: 0x0');
    expect(decoderFailureReason(new TypeError("Cannot read properties of undefined (reading 'samples')"))).toBe(
      "its data is damaged where the decoder reads it (Cannot read properties of undefined (reading 'samples'))",
    );
    expect(decoderFailureReason(new ReferenceError('logError is not defined'))).toMatch(/^its data is damaged/);
  });
});
