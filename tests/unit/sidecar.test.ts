import { describe, expect, it } from 'vitest';
import type { AudioDescriptors } from '../../src/domain/analysis';
import {
  buildSidecars,
  csvField,
  selectionExportName,
  toSidecarRow,
  uniqueZipPaths,
  type SidecarSample,
} from '../../src/domain/export/sidecar';

const analysis = (over: Partial<AudioDescriptors>): AudioDescriptors => ({
  format: 'wav',
  duration: 2.7907029478,
  sampleRate: 44100,
  channels: 2,
  peakDbfs: -0.349,
  loudnessLufs: -11.04,
  kind: 'loop',
  kindConfidence: 0.9,
  category: 'keys',
  categoryConfidence: 0.8,
  bpm: 171.996,
  bpmConfidence: 0.7,
  key: 'G',
  scale: 'major',
  keyConfidence: 0.6,
  rootMidi: null,
  rootConfidence: null,
  ...over,
});

const sample = (over: Partial<SidecarSample>): SidecarSample => ({ path: 'x.wav', name: 'x.wav', dir: '', analysis: null, ...over });

/** RFC 4180 parser, so the tests check what a spreadsheet would read, not our own string building. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && !(c === '\r' && text[i + 1] === '\n'))) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else {
      row.push(field);
      field = '';
      if (c === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('metadata.csv quoting (RFC 4180)', () => {
  it('quotes only fields with a comma, quote or line break, doubling quotes', () => {
    expect(csvField('kick.wav')).toBe('kick.wav');
    expect(csvField('kick, hard.wav')).toBe('"kick, hard.wav"');
    expect(csvField('the "big" kick')).toBe('"the ""big"" kick"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('Ünïcödé 東京 🥁')).toBe('Ünïcödé 東京 🥁');
  });

  it('round-trips awkward names, notes and tags through a CSV reader', () => {
    const awkward = sample({
      path: 'Drums/Kick, "Big"\n東京 🥁.wav',
      name: 'Kick, "Big"\n東京 🥁.wav',
      dir: 'Drums',
      analysis: analysis({ kind: 'one-shot', category: 'kick', bpm: null, key: null, scale: null, rootMidi: 43 }),
      tags: ['punchy', 'sub, low'],
      favourite: 1,
      rating: 4,
      note: 'Say "hi",\r\nthen drop',
    });
    const { csv } = buildSidecars([{ sample: awkward, folderName: 'Mes Sons', zipPath: 'Drums/Kick, "Big"\n東京 🥁.wav' }]);
    expect(csv.startsWith('\uFEFFfile,name,folder_path,kind,category,bpm,key,root_note,duration_s,')).toBe(true);
    const [header, row, ...rest] = parseCsv(csv.slice(1));
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'file',
      'name',
      'folder_path',
      'kind',
      'category',
      'bpm',
      'key',
      'root_note',
      'duration_s',
      'loudness_lufs',
      'peak_dbfs',
      'tags',
      'favourite',
      'rating',
      'note',
    ]);
    expect(row).toEqual([
      'Drums/Kick, "Big"\n東京 🥁.wav',
      'Kick, "Big"\n東京 🥁.wav',
      'Mes Sons/Drums',
      'one-shot',
      'kick',
      '',
      '',
      'G2',
      '2.791',
      '-11',
      '-0.3',
      'punchy;sub, low',
      '1',
      '4',
      'Say "hi",\r\nthen drop',
    ]);
  });
});

describe('sidecar values', () => {
  it("takes the user's corrections over the analysis", () => {
    const corrected = sample({
      analysis: analysis({ category: 'tom', bpm: 86, key: 'C', scale: 'minor' }),
      corrections: { category: 'keys', bpm: 172, key: 'G', scale: 'major' },
    });
    const row = toSidecarRow({ sample: corrected, folderName: 'Loops', zipPath: 'x.wav' });
    expect(row).toMatchObject({ category: 'keys', bpm: 172, key: 'G major', kind: 'loop' });
    const { csv, json } = buildSidecars([{ sample: corrected, folderName: 'Loops', zipPath: 'x.wav' }]);
    expect(parseCsv(csv.slice(1))[1]!.slice(3, 7)).toEqual(['loop', 'keys', '172', 'G major']);
    expect(JSON.parse(json)[0]).toMatchObject({ category: 'keys', bpm: 172, key: 'G major' });
  });

  it('writes numbers as numbers and null for what is unknown', () => {
    const unanalysed = sample({ path: 'new.wav', name: 'new.wav', rating: 0 });
    const analysed = sample({ path: 'Loops/epiano.flac', name: 'epiano.flac', dir: 'Loops', analysis: analysis({}), tags: ['keys'] });
    const { csv, json } = buildSidecars([
      { sample: unanalysed, folderName: 'Inbox', zipPath: 'new.wav' },
      { sample: analysed, folderName: 'Inbox', zipPath: 'Loops/epiano.flac' },
    ]);
    const rows = JSON.parse(json) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      file: 'new.wav',
      name: 'new.wav',
      folder_path: 'Inbox',
      kind: null,
      category: null,
      bpm: null,
      key: null,
      root_note: null,
      duration_s: null,
      loudness_lufs: null,
      peak_dbfs: null,
      tags: [],
      favourite: false,
      rating: null,
      note: null,
    });
    expect(rows[1]).toMatchObject({
      folder_path: 'Inbox/Loops',
      bpm: 172,
      duration_s: 2.791,
      loudness_lufs: -11,
      peak_dbfs: -0.3,
      tags: ['keys'],
    });
    expect(parseCsv(csv.slice(1))[1]).toEqual(['new.wav', 'new.wav', 'Inbox', '', '', '', '', '', '', '', '', '', '0', '', '']);
  });
});

describe('zip paths', () => {
  it('keeps folder-relative paths and numbers clashes deterministically, ignoring case and normalisation', () => {
    const paths = [
      { path: 'Kicks/kick.wav', name: 'kick.wav' },
      { path: 'Kicks/kick.wav', name: 'kick.wav' },
      { path: 'kicks/KICK.wav', name: 'KICK.wav' },
      { path: 'Caf\u00e9/a.wav', name: 'a.wav' },
      { path: 'Cafe\u0301/a.wav', name: 'a.wav' },
      { path: 'metadata.csv', name: 'metadata.csv' },
      { path: '../../etc/Makefile', name: 'Makefile' },
    ];
    const expected = [
      'Kicks/kick.wav',
      'Kicks/kick (2).wav',
      'kicks/KICK (3).wav',
      'Caf\u00e9/a.wav',
      'Cafe\u0301/a (2).wav',
      'metadata (2).csv',
      'etc/Makefile',
    ];
    expect(uniqueZipPaths(paths, ['metadata.csv'])).toEqual(expected);
    expect(uniqueZipPaths(paths, ['metadata.csv'])).toEqual(expected);
  });

  it('gives names Windows can unzip: no < > : " | ? *, control characters or trailing dots', () => {
    const odd = [
      { path: 'edge/<img src=x onerror=alert(1)>.wav', name: '<img src=x onerror=alert(1)>.wav' },
      { path: 'Takes: "best"?/kick|01*.wav', name: 'kick|01*.wav' },
      { path: 'Trailing. /tab\there.wav', name: 'tab\there.wav' },
      { path: '', name: 'a:b.wav' },
    ];
    expect(uniqueZipPaths(odd)).toEqual([
      'edge/_img src=x onerror=alert(1)_.wav',
      'Takes_ _best__/kick_01_.wav',
      'Trailing/tab_here.wav', // a tab character
      'a_b.wav',
    ]);
  });

  it("names a selection's ZIP after the folder its samples share, else generically", () => {
    expect(selectionExportName(['Pack01/Kicks', 'Pack01/Kicks'])).toBe('Kicks');
    expect(selectionExportName(['Pack01'])).toBe('Pack01');
    expect(selectionExportName(['Pack01/Kicks', 'Pack02/Kicks'])).toBe('SampleMind selection');
    // Samples from several subfolders are named after the deepest folder they share.
    expect(selectionExportName(['corpus/drums/Deep', 'corpus/drums', 'corpus/drums/Hats'])).toBe('drums');
    expect(selectionExportName(['corpus/drums', 'corpus/tonal'])).toBe('corpus');
    expect(selectionExportName([])).toBe('SampleMind selection');
  });
});
