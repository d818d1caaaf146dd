import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAudio } from '../../../workers/analysis/decode';
import { MEASURE_RATE, measureSound } from '../../../workers/analysis/measure';
import type { TempoCandidate } from '../../../workers/analysis/rhythm';
import { mixToMono, resampleLinear } from '../../../workers/analysis/signal';
import { variants } from './augment';

export interface CorpusLabel {
  path: string;
  expect: string;
  kind: 'one-shot' | 'loop' | null;
  category?: string;
  source?: string;
  song?: string;
  bpm?: number;
  variant?: string;
  variant_group?: string;
}

export interface Example {
  path: string;
  /** Sounds from the same kit, program, voice or song share a group; cross-validation holds out whole groups. */
  group: string;
  /** Tempo cross-validation groups loops by song (the pattern), not by kit. */
  tempoGroup: string;
  category: string;
  kind: 'one-shot' | 'loop';
  /** null for the original file, else the augmentation applied. */
  augmentation: string | null;
  features: Float32Array;
  candidates: TempoCandidate[];
  bpm: number | null;
}

/** Format variants repeat one sound nine times; training sees each sound once. */
function keep(label: CorpusLabel): boolean {
  if (label.expect !== 'ok' || !label.kind || !label.category) return false;
  return !label.variant_group || label.variant === 'flac';
}

/** The classifier's features as analyseSample measures them (from the sound's start); the tempo candidates of the whole file. */
function measureSignal(mono: Float32Array): { features: Float32Array; candidates: TempoCandidate[] } {
  const { m, whole } = measureSound(mono, true);
  return { features: m.features, candidates: whole().candidates };
}

/** Decodes the corpus, augments it and measures every variant. */
export async function buildDataset(
  corpus: string,
  variantsPerSound: number,
  log: (line: string) => void,
  only: (label: CorpusLabel) => boolean = () => true,
): Promise<Example[]> {
  const labels = (JSON.parse(await readFile(join(corpus, 'labels.json'), 'utf8')) as CorpusLabel[]).filter((l) => keep(l) && only(l));
  const examples: Example[] = [];
  for (const [index, label] of labels.entries()) {
    const audio = await decodeAudio(new Uint8Array(await readFile(join(corpus, label.path))), label.path);
    const mono = resampleLinear(mixToMono(audio.channelData), audio.sampleRate, MEASURE_RATE);
    const group = label.source ?? label.path;
    const base = {
      path: label.path,
      group,
      tempoGroup: label.song ?? group,
      category: label.category!,
      kind: label.kind!,
      bpm: label.bpm ?? null,
    };
    examples.push({ ...base, augmentation: null, ...measureSignal(mono) });
    const isLoop = label.kind === 'loop';
    for (const variant of variants(mono, isLoop, variantsPerSound, index + 1)) {
      const bpm = base.bpm === null ? null : base.bpm * variant.speed;
      examples.push({ ...base, bpm, augmentation: variant.name, ...measureSignal(variant.signal) });
    }
    if ((index + 1) % 25 === 0) log(`measured ${index + 1}/${labels.length} sounds (${examples.length} examples)`);
  }
  return examples;
}
