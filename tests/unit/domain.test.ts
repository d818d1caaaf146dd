import { describe, expect, it } from 'vitest';
import { analysis } from '../support/rows';
import { formatFromFileName, isAudioFileName } from '../../src/domain/audioFormats';
import {
  failureLabel,
  formatBpm,
  formatCategory,
  formatCount,
  formatDuration,
  formatAudioSpec,
  formatKey,
  formatKeyOrRoot,
  formatSampleRate,
  isUncertain,
  sampleCountText,
} from '../../src/domain/format';
import { midiToNoteName, toPitchName } from '../../src/domain/music/pitch';
import {
  formatClock,
  importSummaryMessage,
  interruptedImportMessage,
  RateMeter,
  runSummaryMessage,
  secondsLeft,
} from '../../src/domain/progress';
import { toReportRecord } from '../../src/domain/report';

describe('audio formats', () => {
  it('takes the supported extensions in any case and skips the rest', () => {
    expect(['a.WAV', 'b.aif', 'c.aifc', 'd.flac', 'e.mp3', 'f.ogg', 'g.opus', 'h.m4a'].every(isAudioFileName)).toBe(true);
    expect(formatFromFileName('Kick.AIFF')).toBe('aiff');
    expect(['notes.txt', 'cover.png', 'project.als', 'noext', '._kick.wav'].some(isAudioFileName)).toBe(false);
  });
});

describe('pitch names', () => {
  it('reads sharps and flats and writes scientific pitch', () => {
    expect(toPitchName('Eb')).toBe('D#');
    expect(toPitchName('f#')).toBe('F#');
    expect(toPitchName('H')).toBeNull();
    expect(midiToNoteName(60)).toBe('C4');
    expect(midiToNoteName(43)).toBe('G2');
  });
});

describe('progress', () => {
  it('measures files per second over recent completions and estimates time left', () => {
    const meter = new RateMeter();
    expect(meter.perSecond(0)).toBeNull();
    for (let i = 0; i <= 10; i++) meter.record(i * 100); // 10 files per second
    expect(meter.perSecond(1000)).toBeCloseTo(10, 5);
    expect(secondsLeft(50, meter.perSecond(1000))).toBeCloseTo(5, 5);
    expect(meter.perSecond(60_000)).toBeNull(); // old completions age out
    expect(secondsLeft(0, null)).toBe(0);
    expect(secondsLeft(5, null)).toBeNull();
  });

  it('keeps the rate steady when a burst of short one-shots follows a stretch of long loops', () => {
    const meter = new RateMeter();
    for (let i = 0; i < 19; i++) meter.record(i * 1000); // loops: one a second
    for (let i = 1; i <= 40; i++) meter.record(18_000 + i * 10); // then 40 one-shots in 0.4 s
    // Over the last 20 s: 58 completions after the first, in 18.4 s (the last 40 files alone say 100/s).
    expect(meter.perSecond(18_400)).toBeCloseTo(58 / 18.4, 5);
  });

  it('formats a clock', () => {
    expect(formatClock(42)).toBe('0:42');
    expect(formatClock(725)).toBe('12:05');
    expect(formatClock(3723)).toBe('1:02:03');
  });

  it('says what adding a folder again did: found, already there, back, and no longer there', () => {
    expect(importSummaryMessage({ folderName: 'Pack02', found: 3000, unchanged: 2994, missing: 5, restored: 0 })).toBe(
      'Pack02: 3,000 audio files found, 2,994 already in the library, 5 no longer there (marked missing)',
    );
    expect(importSummaryMessage({ folderName: 'Kit', found: 1, unchanged: 0, missing: 0, restored: 1 })).toBe(
      'Kit: 1 audio file found, 1 back where it was',
    );
  });

  it('says how far an import the page closed on got, and what adding the folder again does', () => {
    expect(interruptedImportMessage('Pack', 1112, 1500)).toBe(
      'The import of Pack stopped at 1,112 of 1,500 files when the page closed. Add the folder again to bring in the other 388: the 1,112 already in are kept and not copied again.',
    );
    // Saved by a version that did not keep the count.
    expect(interruptedImportMessage('Pack', 12, undefined)).toBe(
      'The import of Pack was interrupted. Add the folder again to bring in the rest; files already imported are kept.',
    );
  });

  it("sums up a run's failures in words, counting the files that were analysed", () => {
    expect(runSummaryMessage({ done: 240, failed: 7 })).toBe('Analysis finished: 233 files analysed, 7 files could not be read.');
    expect(runSummaryMessage({ done: 1201, failed: 1 })).toBe('Analysis finished: 1,200 files analysed, 1 file could not be read.');
  });
});

describe('display formatting', () => {
  it("names why a file could not be read in the Status column's few words", () => {
    expect(failureLabel({ code: 'truncated', message: 'truncated WAV: its header announces 6.8 hours' })).toBe('Truncated');
    expect(failureLabel({ code: 'not_audio', message: 'a PNG image' })).toBe('Not audio');
    expect(failureLabel({ code: 'missing', message: 'moved or deleted' })).toBe('Missing');
    expect(failureLabel({ code: 'analysis_failed', message: 'internal error 3' })).toBe('Error');
    expect(failureLabel(null)).toBe('Error');
  });

  it('formats values the way the list shows them', () => {
    expect(formatDuration(0.267)).toBe('0.27 s');
    expect(formatAudioSpec({ format: 'wav', pcmFormat: { bits: 24, float: false }, sampleRate: 48000, channels: 2 })).toBe(
      'WAV · 24-bit · 48 kHz · stereo',
    );
    expect(formatAudioSpec({ format: 'wav', pcmFormat: { bits: 32, float: true }, sampleRate: 44100, channels: 6 })).toBe(
      'WAV · 32-bit float · 44.1 kHz · 6 ch',
    );
    expect(formatAudioSpec({ format: 'mp3', pcmFormat: null, sampleRate: 22050, channels: 1 })).toBe('MP3 · 22.05 kHz · mono');
    expect([44100, 48000, 22050, 11025, 96000].map(formatSampleRate)).toEqual(['44.1 kHz', '48 kHz', '22.05 kHz', '11.025 kHz', '96 kHz']);
    expect(formatDuration(75)).toBe('1:15');
    expect([formatCount(7), formatCount(2053), formatCount(100_000)]).toEqual(['7', '2,053', '100,000']);
    expect(sampleCountText(7267, 100_000, false)).toBe('7,267 of 100,000 samples');
    expect(sampleCountText(7267, 100_000, true)).toBe('7,267 of 100K');
    expect(sampleCountText(100_000, 100_000, true)).toBe('100K samples');
    expect(sampleCountText(12_345, 123_456, true)).toBe('12,345 of 123.5K');
    // Small libraries are short enough in full.
    expect(sampleCountText(2, 27, true)).toBe('2 of 27');
    expect(sampleCountText(1, 1, true)).toBe('1 sample');
    expect(formatBpm(174)).toBe('174');
    expect(formatBpm(172.46)).toBe('172.5');
    expect(formatKey({ key: 'F#', scale: 'minor' })).toBe('F# min');
    expect([formatCategory('hihat'), formatCategory('drum-loop'), formatCategory('fx')]).toEqual(['hi-hat', 'drum loop', 'FX']);
    // Keys as musicians spell them: the signature with the fewest accidentals.
    expect(formatKey({ key: 'A#', scale: 'major' })).toBe('Bb maj');
    expect(formatKey({ key: 'D#', scale: 'minor' })).toBe('Eb min');
    expect(formatKey({ key: 'G#', scale: 'minor' })).toBe('G# min');
    expect(formatKey({ key: 'G#', scale: 'major' })).toBe('Ab maj');
    expect(formatKey({ key: 'C#', scale: 'minor' })).toBe('C# min');
    // A one-shot's root note keeps the sharps a DAW's note names use.
    expect(formatKeyOrRoot({ key: null, scale: null, rootMidi: 34 })).toBe('A#1');
    expect(isUncertain(0.3)).toBe(true);
    expect(isUncertain(0.8)).toBe(false);
    expect(isUncertain(null)).toBe(false);
  });
});

describe('report records', () => {
  it('have exactly the fields score.mjs reads, null where not computed', () => {
    const record = toReportRecord('Loops/a.wav', {
      ok: true,
      descriptors: analysis({ bpm: 120.004, bpmConfidence: 0.9, kind: 'loop', duration: 4.0000004 }),
      peaks: new Uint8Array(1),
      embedding: null,
      timings: { decodeMs: 1, analyseMs: 1 },
    });
    expect(Object.keys(record).sort()).toEqual(
      [
        'bpm',
        'bpmConfidence',
        'category',
        'categoryConfidence',
        'channels',
        'duration',
        'error',
        'format',
        'key',
        'keyConfidence',
        'kind',
        'kindConfidence',
        'loudnessLufs',
        'ok',
        'path',
        'peakDbfs',
        'rootConfidence',
        'rootMidi',
        'sampleRate',
        'scale',
      ].sort(),
    );
    expect(record).toMatchObject({ path: 'Loops/a.wav', ok: true, error: null, bpm: 120, duration: 4, category: null, rootMidi: null });
    const failed = toReportRecord('x.mp3', { ok: false, error: { code: 'not_audio', message: 'not an audio file' } });
    expect(failed).toMatchObject({ ok: false, error: { code: 'not_audio', message: 'not an audio file' }, duration: null, bpm: null });
  });
});
