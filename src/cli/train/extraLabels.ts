/**
 * How the extra training sounds (src/cli/train/extraSounds.ts) are labelled: the General MIDI
 * percussion key map, GM program families, and file-name rules for sample packs.
 */
import { basename } from 'node:path';

/** General MIDI percussion key map (channel 10) to our drum categories; whistles and FX left out. */
export const GM_DRUMS: Record<number, string> = {
  35: 'kick',
  36: 'kick',
  37: 'percussion', // side stick, as the corpus labels "stick"
  38: 'snare',
  39: 'clap',
  40: 'snare',
  41: 'tom',
  42: 'hihat',
  43: 'tom',
  44: 'hihat',
  45: 'tom',
  46: 'hihat',
  47: 'tom',
  48: 'tom',
  49: 'cymbal',
  50: 'tom',
  51: 'cymbal',
  52: 'cymbal',
  53: 'cymbal',
  54: 'percussion',
  55: 'cymbal',
  56: 'percussion',
  57: 'cymbal',
  59: 'cymbal',
  60: 'percussion',
  61: 'percussion',
  62: 'percussion',
  63: 'percussion',
  64: 'percussion',
  65: 'percussion',
  66: 'percussion',
  67: 'percussion',
  68: 'percussion',
  69: 'percussion',
  70: 'percussion',
  75: 'percussion',
  76: 'percussion',
  77: 'percussion',
  80: 'percussion',
  81: 'percussion',
};

/** GM drum kits (program numbers on channel 10) worth rendering from each SoundFont. */
export const SOUNDFONTS = [
  {
    file: '/usr/share/sounds/sf2/FluidR3_GM.sf2',
    name: 'FluidR3',
    kits: { 0: 'Standard', 8: 'Room', 16: 'Power', 24: 'Electronic', 25: 'TR-808', 32: 'Jazz', 40: 'Brush' },
  },
  { file: '/usr/share/sounds/sf2/TimGM6mb.sf2', name: 'TimGM6mb', kits: { 0: 'Standard' } },
  // csound's GM bank and MuseScore's General SoundFont: other samples of the same kit types.
  {
    file: '/usr/share/sounds/sf2/sf_GMbank.sf2',
    name: 'csoundGM',
    kits: { 0: 'Standard', 8: 'Room', 16: 'Power', 24: 'Electronic', 25: 'TR-808', 32: 'Jazz', 40: 'Brush' },
  },
  {
    file: '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3',
    name: 'MuseScoreGeneral',
    kits: { 0: 'Standard', 8: 'Room', 16: 'Power', 24: 'Electronic', 25: 'TR-808', 32: 'Jazz', 40: 'Brush' },
  },
  // FM synthesis: drums with no recorded sample at all.
  { file: '/usr/share/sounds/sf2/OPL-3_FM_128M.sf2', name: 'OPL3', kits: { 0: 'FM' } },
] as const;

/** File-name rules for sample packs; the first match wins, no match means "not a drum one-shot". */
export const NAME_RULES: [RegExp, string][] = [
  [/(^|_)(bd|kick|bassdrum|bass_hard|bass_soft|heavy_kick|hollow_kick|soft_kick)/, 'kick'],
  [/(^|_)(sn|snare|filt_snare|hi_snare|lo_snare|mid_snare)(_|\d|\.)/, 'snare'],
  [/clap/, 'clap'],
  [/(hihat|hat_|cymbal_closed|cymbal_pedal|cymbal_open)/, 'hihat'],
  [/(crash|ride|splash|cymbal)/, 'cymbal'],
  [/tom/, 'tom'],
  [/(rim|sidestick|shaker|wood|cowbell|triangle|tabla|conga|bongo|clave)/, 'percussion'],
];

/** GM melodic programs to our categories; families without a clear category (chromatic percussion, FX, choirs) left out. */
export function categoryOfProgram(program: number): string | null {
  if (program <= 7 || (program >= 16 && program <= 23)) return 'keys';
  if (program >= 24 && program <= 31) return 'guitar';
  if (program >= 32 && program <= 39) return 'bass';
  if ((program >= 40 && program <= 44) || (program >= 48 && program <= 51)) return 'strings';
  if (program === 46 || (program >= 104 && program <= 107)) return 'pluck';
  if (program >= 56 && program <= 63) return 'brass';
  if (program >= 64 && program <= 79) return 'woodwind';
  if (program >= 80 && program <= 87) return 'lead';
  if (program >= 88 && program <= 95) return 'pad';
  return null;
}

/** MIDI notes to render a one-shot at, in the range the family is played in. */
export function notesForCategory(category: string): number[] {
  if (category === 'bass') return [28, 33, 40, 45];
  if (category === 'lead' || category === 'woodwind') return [60, 67, 74, 81];
  return [48, 55, 62, 69];
}

export function categoryFromName(file: string): string | null {
  const name = basename(file).toLowerCase();
  for (const [pattern, category] of NAME_RULES) if (pattern.test(name)) return category;
  return null;
}

export const SAMPLE_PACKS = [
  { dir: '/usr/share/lmms/samples/drums', name: 'lmms-drums', skip: /(clav|nasty_bass|zap)/ },
  { dir: '/usr/share/sonic-pi/samples', name: 'sonic-pi', skip: /^(loop|ambi|bass_|guit|misc|vinyl|glitch|mehackit|drum_roll)/ },
];

/**
 * Speech for vocal examples from flite, a different synthesiser from the corpus's espeak-ng, so
 * the model hears "a voice" rather than "espeak". Each voice says each phrase once.
 */
export const FLITE_VOICES = ['kal', 'kal16', 'awb', 'rms', 'slt'];
/**
 * Festival's voices, a third synthesiser: American English (a diphone and an HTS voice), and
 * Finnish, Italian, Catalan and Czech voices (women, men and a child) reading the same phrases, so
 * that "a voice" is not only an English one.
 */
export const FESTIVAL_VOICES = [
  'kal_diphone',
  'cmu_us_slt_arctic_hts',
  'suo_fi_lj_diphone',
  'hy_fi_mv_diphone',
  'lp_diphone',
  'pc_diphone',
  'upc_ca_ona_hts',
  'czech_dita',
  'czech_krb',
  'czech_ph',
];
export const PHRASES = [
  'Turn it up',
  'Here we go again',
  'Everybody on the floor',
  'Feel the rhythm of the night',
  'One more time',
  'Do you want to dance',
  'Hey',
  'Put your hands in the air',
];
