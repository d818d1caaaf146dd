/**
 * npm run eval:similarity -- --labels ../shared/corpus/labels.json --embeddings embeddings.json
 *
 * How good "more like this" is on a labelled corpus, from the embeddings `npm run analyze --
 * <corpus> --embeddings embeddings.json` wrote:
 * - precision@10: for each one-shot, the share of its 10 nearest one-shots (other sounds: the
 *   same source file in another format does not count) with the same category, per aspect weighting;
 * - format variants: for each file of a variant group (one sound in several formats), whether
 *   its 3 nearest files (overall weights) are all the same sound in other formats;
 * - near-duplicate groups over the whole corpus: precision and recall of same-sound pairs.
 */
import { readFile } from 'node:fs/promises';
import { ASPECT_NAMES, type AspectWeights } from '../domain/similarity/embeddingLayout';
import { OVERALL_WEIGHTS, SOUND_EMBEDDING_LAYOUT } from '../domain/similarity/soundEmbedding';
import { findDuplicateGroups } from '../domain/similarity/duplicates';
import { similarity } from '../domain/similarity/vectors';

interface Label {
  path: string;
  kind?: string;
  category?: string;
  expect?: string;
  source_file?: string;
  source?: string;
  root_midi?: number;
  duration_s?: number;
  variant_group?: string;
  format?: string;
}

interface Item {
  label: Label;
  vector: Float32Array;
}

function parseArgs(argv: string[]): { labels: string; embeddings: string } {
  const value = (name: string): string => {
    const i = argv.indexOf(name);
    const found = i >= 0 ? argv[i + 1] : undefined;
    if (!found) throw new Error(`usage: npm run eval:similarity -- --labels labels.json --embeddings embeddings.json (missing ${name})`);
    return found;
  };
  return { labels: value('--labels'), embeddings: value('--embeddings') };
}

function nearest(query: Item, pool: readonly Item[], k: number, weights?: AspectWeights): Item[] {
  return pool
    .filter((other) => other !== query)
    .map((other) => ({ other, score: similarity(query.vector, other.vector, SOUND_EMBEDDING_LAYOUT, weights) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((s) => s.other);
}

/** The same recording: the same source file (drums), or the same instrument, note and length (rendered notes). */
const sameSound = (a: Label, b: Label): boolean =>
  a.source_file !== undefined
    ? a.source_file === b.source_file
    : a.source !== undefined &&
      a.source === b.source &&
      a.root_midi !== undefined &&
      a.root_midi === b.root_midi &&
      a.duration_s === b.duration_s;
/** Two files of one recording: one format variant group, or the same sound (a variant and its original). */
const sameRecording = (a: Label, b: Label): boolean =>
  (a.variant_group !== undefined && a.variant_group === b.variant_group) || sameSound(a, b);
const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const labels = JSON.parse(await readFile(args.labels, 'utf8')) as Label[];
  const vectors = JSON.parse(await readFile(args.embeddings, 'utf8')) as Record<string, number[]>;
  const items: Item[] = labels.filter((l) => vectors[l.path]).map((label) => ({ label, vector: Float32Array.from(vectors[label.path]!) }));
  print(`${items.length} of ${labels.length} labelled files have an embedding.\n`);

  // One-shots, one format of each sound (the format variants are judged apart, below).
  const oneShots = items.filter((i) => i.label.kind === 'one-shot' && i.label.category && !i.label.variant_group);
  const weightings: [string, AspectWeights | undefined][] = [
    ["overall (the app's default)", OVERALL_WEIGHTS],
    ['all aspects equal', undefined],
    ...ASPECT_NAMES.map((a): [string, AspectWeights] => [a, { [a]: 1 }]),
  ];
  print(`| weighting | precision@10 over ${oneShots.length} one-shots |`);
  print('| --- | ---: |');
  for (const [name, weights] of weightings) {
    let hits = 0;
    let total = 0;
    for (const item of oneShots) {
      const pool = oneShots.filter((o) => !sameSound(o.label, item.label));
      for (const neighbour of nearest(item, pool, 10, weights)) {
        total++;
        if (neighbour.label.category === item.label.category) hits++;
      }
    }
    print(`| ${name} | ${percent(hits, total)} |`);
  }

  const variants = items.filter((i) => i.label.variant_group);
  let allThree = 0;
  for (const item of variants) {
    const top3 = nearest(item, items, 3, OVERALL_WEIGHTS);
    // The corpus also holds the sound's original among the drums: the same source file counts.
    if (top3.every((n) => n.label.variant_group === item.label.variant_group || sameSound(n.label, item.label))) allThree++;
  }
  print(
    `\nFormat variants: ${allThree} of ${variants.length} files (${percent(allThree, variants.length)}) have only other encodings of the same sound as their 3 nearest files.`,
  );

  // Near-duplicates over the whole corpus: pairs grouped together, against pairs of the same sound.
  const groups = findDuplicateGroups(
    items.map((item, id) => ({
      id,
      vector: item.vector,
      facts: { durationSeconds: item.label.duration_s ?? 0, format: item.label.format ?? '' },
    })),
    SOUND_EMBEDDING_LAYOUT,
  );
  let groupedPairs = 0;
  let rightPairs = 0;
  for (const group of groups) {
    const members = [group.keep, ...group.others];
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        groupedPairs++;
        if (sameRecording(items[members[a]!]!.label, items[members[b]!]!.label)) rightPairs++;
      }
    }
  }
  let truePairs = 0;
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) if (sameRecording(items[a]!.label, items[b]!.label)) truePairs++;
  }
  print(
    `Near-duplicates: ${groups.length} groups; precision ${percent(rightPairs, groupedPairs)} (${rightPairs} of ${groupedPairs} grouped pairs are the same sound), ` +
      `recall ${percent(rightPairs, truePairs)} (${rightPairs} of ${truePairs} same-sound pairs found).`,
  );
}

await main();
