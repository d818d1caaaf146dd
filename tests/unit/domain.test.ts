import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import { formatFromFileName, isAudioFileName } from '../../src/domain/audioFormats';
import { formatBpm, formatDuration, formatKey, isUncertain } from '../../src/domain/format';
import { filterAndSort, type SampleRow } from '../../src/domain/library/sampleQuery';
import { midiToNoteName, toPitchName } from '../../src/domain/music/pitch';
import { formatClock, RateMeter, secondsLeft } from '../../src/domain/progress';
import { toReportRecord } from '../../src/domain/report';

const analysis = (over: Partial<AudioDescriptors>): AudioDescriptors => ({
  format: 'wav',
  duration: 1,
  sampleRate: 44100,
  channels: 2,
  peakDbfs: -1,
  loudnessLufs: -14,
  kind: 'one-shot',
  kindConfidence: null,
  category: null,
  categoryConfidence: null,
  bpm: null,
  bpmConfidence: null,
  key: null,
  scale: null,
  keyConfidence: null,
  rootMidi: null,
  rootConfidence: null,
  ...over,
});

const row = (id: number, path: string, over: Partial<AudioDescriptors> | null, status: SampleRow['status'] = 'done'): SampleRow => ({
  id,
  path,
  name: path.split('/').pop()!,
  dir: path.split('/').slice(0, -1).join('/'),
  status,
  analysis: over ? analysis(over) : null,
});

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

describe('library query', () => {
  const rows = [
    row(1, 'Drums/Kicks/kick 10.wav', { duration: 0.5 }),
    row(2, 'Drums/Kicks/kick 2.wav', { duration: 0.4 }),
    row(3, 'Loops/amen 170.wav', { duration: 5.6, bpm: 170, key: 'C', scale: 'minor', kind: 'loop' }),
    row(4, 'Loops/house.wav', { duration: 3.8, bpm: 124, key: 'A', scale: 'minor', kind: 'loop' }),
    row(5, 'Loops/new.wav', null, 'queued'),
  ];

  it('filters on every word of the query against the path', () => {
    expect(filterAndSort(rows, 'kick', 'name', 'asc').map((r) => r.id)).toEqual([2, 1]);
    expect(filterAndSort(rows, 'LOOPS amen', 'name', 'asc').map((r) => r.id)).toEqual([3]);
    expect(filterAndSort(rows, 'drums 10', 'name', 'asc').map((r) => r.id)).toEqual([1]);
  });

  it('sorts names naturally (kick 2 before kick 10)', () => {
    expect(filterAndSort(rows, '', 'name', 'asc').map((r) => r.name)).toEqual([
      'amen 170.wav',
      'house.wav',
      'kick 2.wav',
      'kick 10.wav',
      'new.wav',
    ]);
  });

  it('sorts numbers both ways and keeps unknown values last', () => {
    expect(filterAndSort(rows, '', 'bpm', 'asc').map((r) => r.id)).toEqual([4, 3, 2, 1, 5]);
    expect(filterAndSort(rows, '', 'bpm', 'desc').map((r) => r.id)).toEqual([3, 4, 2, 1, 5]);
    expect(filterAndSort(rows, '', 'duration', 'desc').map((r) => r.id)).toEqual([3, 4, 1, 2, 5]);
  });

  it('sorts keys musically: by tonic, major before minor', () => {
    expect(
      filterAndSort(rows, '', 'key', 'asc')
        .map((r) => r.id)
        .slice(0, 2),
    ).toEqual([3, 4]);
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

  it('formats a clock', () => {
    expect(formatClock(42)).toBe('0:42');
    expect(formatClock(725)).toBe('12:05');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});

describe('display formatting', () => {
  it('formats values the way the list shows them', () => {
    expect(formatDuration(0.267)).toBe('0.27 s');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatBpm(174)).toBe('174');
    expect(formatBpm(172.46)).toBe('172.5');
    expect(formatKey({ key: 'F#', scale: 'minor' })).toBe('F# min');
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
