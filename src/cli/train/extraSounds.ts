/**
 * npm run train:extra-sounds [-- --out .tmp/extra-sounds]
 *
 * Builds extra labelled one-shots for training from Debian packages that are NOT where
 * ../shared/corpus comes from (its drums are Hydrogen kits, its instruments FluidR3 GM programs,
 * its voices espeak-ng): the GM drum kits of five SoundFonts (SOUNDFONTS) rendered with
 * fluidsynth, the melodic programs of TimGM6mb (a different SoundFont from the corpus's), LMMS's
 * and Sonic Pi's drum samples, and speech from flite and Festival; labelled by the GM maps or by file name
 * (extraLabels.ts). More kits and instruments in training is what lets the classifier learn
 * "a tom" rather than "this kit's tom".
 *
 * Needs: apt-get install fluidsynth fluid-soundfont-gm timgm6mb-soundfont csound-soundfont
 *   musescore-general-soundfont-small opl3-soundfont lmms-common sonic-pi-samples flite festival
 *   festvox-kallpc16k festvox-us-slt-hts festvox-suopuhe-lj festvox-suopuhe-mv festvox-italp16k
 *   festvox-itapc16k festvox-ca-ona-hts festvox-czech-dita festvox-czech-krb festvox-czech-ph sox
 *   ffmpeg (what is missing is skipped)
 * Writes <out>/labels.json in the corpus's format (path, expect, kind, category, source).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusLabel } from './dataset';
import {
  categoryFromName,
  categoryOfProgram,
  FESTIVAL_VOICES,
  FLITE_VOICES,
  GM_DRUMS,
  notesForCategory,
  PHRASES,
  SAMPLE_PACKS,
  SOUNDFONTS,
} from './extraLabels';

const MELODIC_FONT = { file: '/usr/share/sounds/sf2/TimGM6mb.sf2', name: 'TimGM6mb' };

function midiVarLen(n: number): number[] {
  const bytes = [n & 0x7f];
  for (let v = n >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

/**
 * A Standard MIDI File (960 ticks a second at the default 120 BPM) playing `notes` one after
 * another on `channel` (9 = drums): each held `holdTicks`, one every `slotTicks`, so a whole kit
 * renders in one fluidsynth run and is cut into slots afterwards.
 */
export function noteSequenceMidi(
  channel: number,
  program: number,
  notes: readonly number[],
  velocity: number,
  holdTicks: number,
  slotTicks: number,
): Uint8Array {
  const ticksPerBeat = 480;
  const events = [0x00, 0xc0 | channel, program];
  notes.forEach((note, i) => {
    events.push(...midiVarLen(i === 0 ? 0 : slotTicks - holdTicks), 0x90 | channel, note, velocity);
    events.push(...midiVarLen(holdTicks), 0x80 | channel, note, 0);
  });
  events.push(...midiVarLen(slotTicks - holdTicks), 0xff, 0x2f, 0x00);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, ticksPerBeat >> 8, ticksPerBeat & 0xff];
  const n = events.length;
  return Uint8Array.from([...header, 0x4d, 0x54, 0x72, 0x6b, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...events]);
}

/** A one-note Standard MIDI File on `channel`: program change, the note for `ticks` (960 a second). */
export function singleNoteMidi(channel: number, program: number, note: number, velocity: number, ticks: number): Uint8Array {
  return noteSequenceMidi(channel, program, [note], velocity, ticks, ticks + 960);
}

/**
 * Trims leading/trailing silence and peak-normalises, as the corpus's one-shots are. False when
 * nothing audible is left (a kit without that note).
 */
function finish(input: string, output: string): boolean {
  execFileSync(
    'sox',
    [
      // -R: sox dithers when it writes 16 bits; with its default seed the files are the same on every run.
      '-R',
      input,
      '-c',
      '1',
      '-b',
      '16',
      output,
      'silence',
      '1',
      '0.001',
      '-70d',
      'reverse',
      'silence',
      '1',
      '0.02',
      '-60d',
      'reverse',
      'norm',
      '-1',
    ],
    {
      stdio: 'ignore',
    },
  );
  const seconds = Number(execFileSync('soxi', ['-D', output], { encoding: 'utf8' }));
  if (seconds >= 0.03) return true;
  rmSync(output);
  return false;
}

class ExtraSet {
  readonly labels: CorpusLabel[] = [];
  constructor(readonly out: string) {}
  get scratch(): string {
    return join(this.out, 'tmp');
  }
  /** Finishes `raw` into `path` and labels it; nothing when it holds no sound. */
  add(raw: string, path: string, category: string, source: string): void {
    if (finish(raw, join(this.out, path))) this.labels.push({ path, expect: 'ok', kind: 'one-shot', category, source });
  }
  /** Renders `midi` with fluidsynth into a scratch WAV (its path); `reverb` keeps the SoundFont's reverb and chorus. */
  async render(font: string, midi: Uint8Array, reverb: boolean): Promise<string> {
    const mid = join(this.scratch, 'render.mid');
    const raw = join(this.scratch, 'render.wav');
    await writeFile(mid, midi);
    const effects = reverb ? [] : ['-R', '0', '-C', '0'];
    execFileSync('fluidsynth', ['-ni', ...effects, '-g', '0.8', '-r', '44100', '-F', raw, font, mid], { stdio: 'ignore' });
    return raw;
  }
}

/** Seconds per note when a whole kit is rendered in one run: long enough for a crash cymbal to ring out. */
const KIT_SLOT_SECONDS = 6;

async function gmDrums(set: ExtraSet): Promise<void> {
  const notes = Object.keys(GM_DRUMS).map(Number);
  for (const font of SOUNDFONTS) {
    if (!existsSync(font.file)) continue;
    for (const [program, kit] of Object.entries(font.kits)) {
      for (const velocity of [110, 70]) {
        const raw = await set.render(font.file, noteSequenceMidi(9, Number(program), notes, velocity, 1440, KIT_SLOT_SECONDS * 960), false);
        notes.forEach((note, i) => {
          const slot = join(set.scratch, 'slot.wav');
          execFileSync('sox', ['-R', raw, slot, 'trim', String(i * KIT_SLOT_SECONDS), String(KIT_SLOT_SECONDS)], { stdio: 'ignore' });
          set.add(slot, `${font.name}-${kit}-${note}-${velocity}.wav`, GM_DRUMS[note]!, `${font.name}:${kit}`);
        });
      }
      process.stderr.write(`${font.name} ${kit}: ${set.labels.length} sounds\n`);
    }
  }
}

async function gmInstruments(set: ExtraSet): Promise<void> {
  if (!existsSync(MELODIC_FONT.file)) return;
  for (let program = 0; program < 112; program++) {
    const category = categoryOfProgram(program);
    if (!category) continue;
    for (const [i, note] of notesForCategory(category).entries()) {
      // Held about a second, as the corpus's one-shots; every other note with the default reverb.
      const raw = await set.render(MELODIC_FONT.file, singleNoteMidi(0, program, note, 100, 1056), i % 2 === 1);
      set.add(raw, `${MELODIC_FONT.name}-p${program}-${note}.wav`, category, `${MELODIC_FONT.name}:program ${program}`);
    }
  }
  process.stderr.write(`${MELODIC_FONT.name} instruments: ${set.labels.length} sounds\n`);
}

function samplePacks(set: ExtraSet): void {
  for (const pack of SAMPLE_PACKS) {
    if (!existsSync(pack.dir)) continue;
    for (const file of readdirSync(pack.dir).sort()) {
      const category = categoryFromName(file);
      if (!category || pack.skip.test(file) || !/\.(ogg|flac|wav)$/.test(file)) continue;
      // ffmpeg first: some of LMMS's ".ogg" files are WAV inside, which sox refuses by extension.
      const raw = join(set.scratch, 'pack.wav');
      try {
        execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(pack.dir, file), raw], { stdio: 'ignore' });
      } catch {
        process.stderr.write(`skipped ${file}: not decodable\n`);
        continue;
      }
      set.add(raw, `${pack.name}-${file.replace(/\.\w+$/, '.wav')}`, category, pack.name);
    }
    process.stderr.write(`${pack.name}: ${set.labels.length} sounds\n`);
  }
}

function speech(set: ExtraSet): void {
  for (const voice of FLITE_VOICES) {
    for (const [i, phrase] of PHRASES.entries()) {
      const raw = join(set.scratch, 'speech.wav');
      try {
        execFileSync('flite', ['-voice', voice, '-t', phrase, '-o', raw], { stdio: 'ignore' });
      } catch {
        break; // flite missing or without this voice
      }
      set.add(raw, `flite-${voice}-${i}.wav`, 'vocal', `flite:${voice}`);
    }
  }
  for (const voice of FESTIVAL_VOICES) {
    for (const [i, phrase] of PHRASES.entries()) {
      const raw = join(set.scratch, 'speech.wav');
      try {
        execFileSync('text2wave', ['-eval', `(voice_${voice})`, '-o', raw], { input: phrase, stdio: ['pipe', 'ignore', 'ignore'] });
      } catch {
        break; // festival missing or without this voice
      }
      set.add(raw, `festival-${voice}-${i}.wav`, 'vocal', `festival:${voice}`);
    }
  }
  process.stderr.write(`speech: ${set.labels.length} sounds\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : '.tmp/extra-sounds';
  await rm(out, { recursive: true, force: true });
  const set = new ExtraSet(out);
  await mkdir(set.scratch, { recursive: true });
  await gmDrums(set);
  await gmInstruments(set);
  samplePacks(set);
  speech(set);
  await rm(set.scratch, { recursive: true });
  await writeFile(join(out, 'labels.json'), `${JSON.stringify(set.labels, null, 1)}\n`);
  const counts: Record<string, number> = {};
  for (const l of set.labels) counts[l.category!] = (counts[l.category!] ?? 0) + 1;
  process.stderr.write(`wrote ${set.labels.length} labelled one-shots to ${out}: ${JSON.stringify(counts)}\n`);
}

if (process.argv[1]?.endsWith('extraSounds.ts')) await main();
