/**
 * Colours for the map's points: by category (a fixed palette chosen by search for the largest
 * smallest CIEDE2000 difference: every pair at least ΔE00 19 apart, the drums, which lie side by
 * side on the map, at least 26, all readable on the app's dark background) and by key
 * (the Camelot wheel as a hue circle, so keys that mix well have neighbouring colours; a minor
 * key shares its relative major's hue, darker). Each comes as a CSS string and as a packed RGBA
 * number for writing pixels through a Uint32Array view of ImageData.data.
 */
import type { Scale } from '../analysis';
import { CATEGORIES } from '../corrections';
import type { CamelotCode, MusicalKey } from '../music/camelot';
import { camelotOf, formatCamelot, keyOfCamelot } from '../music/camelot';
import type { PitchName } from '../music/pitch';

export type Category = (typeof CATEGORIES)[number];

/** No category, no key, or one this palette does not know. */
export const UNKNOWN_COLOUR = '#6b7280';

export const CATEGORY_COLOURS: Readonly<Record<Category, string>> = {
  // Drums, which crowd together on the map, each in its own hue round the wheel, all vivid.
  kick: '#db4338',
  snare: '#e4d103',
  clap: '#ffabfa',
  hihat: '#00cffb',
  tom: '#f89c43',
  cymbal: '#41fddb',
  percussion: '#1dcc0c',
  'drum-loop': '#db00ac',
  // Tonal sounds in the shades between them (paler, deeper or duller), vocals white.
  bass: '#0c8de9',
  keys: '#a6befa',
  lead: '#caeca4',
  pad: '#a27db4',
  pluck: '#10a883',
  strings: '#688e36',
  brass: '#a07925',
  guitar: '#2d8f9d',
  woodwind: '#6f64ff',
  vocal: '#fcfcfc',
  fx: '#fdb1b0',
};

/**
 * '#rrggbb' as one number laid out R, G, B, A in memory on a little-endian machine (every
 * browser platform in use): `new Uint32Array(imageData.data.buffer)[pixel] = packRgba(colour)`.
 */
export function packRgba(hex: string, alpha = 255): number {
  const rgb = Number.parseInt(hex.slice(1, 7), 16);
  if (!/^#[0-9a-f]{6}$/i.test(hex) || !Number.isFinite(rgb)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff];
  return ((Math.min(255, Math.max(0, Math.round(alpha))) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const isCategory = (category: string | null | undefined): category is Category =>
  category != null && Object.prototype.hasOwnProperty.call(CATEGORY_COLOURS, category);

export function categoryColour(category: string | null | undefined): string {
  return isCategory(category) ? CATEGORY_COLOURS[category] : UNKNOWN_COLOUR;
}

const UNKNOWN_RGBA = packRgba(UNKNOWN_COLOUR);
const CATEGORY_RGBA = new Map(CATEGORIES.map((category) => [category as string, packRgba(CATEGORY_COLOURS[category])]));

/** categoryColour packed (see packRgba), from a table: cheap enough to call for 100,000 points. */
export function categoryColourRgba(category: string | null | undefined): number {
  return (category != null && CATEGORY_RGBA.get(category)) || UNKNOWN_RGBA;
}

/** Hue of Camelot number n (1..12): 30° a step, so the wheel's neighbours (a fifth apart) sit next to each other. */
const hueOf = (code: CamelotCode): number => ((code.number - 1) * 30) % 360;

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const amplitude = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round((lightness - amplitude * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255);
  };
  return `#${[channel(0), channel(8), channel(4)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The 24 keys in wheel order 1A, 1B, 2A ... 12B, with their colours: the legend, and the lookup table. */
export const KEY_COLOURS: readonly { code: string; key: MusicalKey; colour: string; rgba: number }[] = Array.from(
  { length: 24 },
  (_, i) => {
    const code: CamelotCode = { number: Math.floor(i / 2) + 1, letter: i % 2 === 0 ? 'A' : 'B' };
    const colour = code.letter === 'B' ? hslToHex(hueOf(code), 0.85, 0.68) : hslToHex(hueOf(code), 0.7, 0.45);
    return { code: formatCamelot(code), key: keyOfCamelot(code), colour, rgba: packRgba(colour) };
  },
);

function keyEntry(tonic: PitchName | null | undefined, scale: Scale | null | undefined) {
  if (tonic == null) return null;
  // A tonic without a scale is shown as major: its hue is right either way, only the shade guesses.
  const code = camelotOf({ tonic, scale: scale ?? 'major' });
  return KEY_COLOURS[(code.number - 1) * 2 + (code.letter === 'B' ? 1 : 0)] ?? null;
}

/** Colour of a key, e.g. keyColour(descriptors.key, descriptors.scale); grey when there is no key. */
export function keyColour(tonic: PitchName | null | undefined, scale?: Scale | null): string {
  return keyEntry(tonic, scale)?.colour ?? UNKNOWN_COLOUR;
}

export function keyColourRgba(tonic: PitchName | null | undefined, scale?: Scale | null): number {
  return keyEntry(tonic, scale)?.rgba ?? UNKNOWN_RGBA;
}

/** The category legend in palette order, unknown last. */
export const CATEGORY_LEGEND: readonly { category: Category | null; colour: string }[] = [
  ...CATEGORIES.map((category) => ({ category, colour: CATEGORY_COLOURS[category] })),
  { category: null, colour: UNKNOWN_COLOUR },
];
