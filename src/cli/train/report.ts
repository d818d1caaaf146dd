import { FEATURE_NAMES } from '../../../workers/analysis/featureVector';
import { TEMPO_FEATURES } from '../../../workers/analysis/rhythm';
import type { OctaveModel, PairModel } from '../../../workers/analysis/tempoModel';
import type { ReliabilityBin } from './calibration';

export interface Prediction {
  truth: string;
  predicted: string;
  group: string;
  path: string;
}

export interface Evaluation {
  corpus: string;
  variants: number;
  /** Extra training sets beyond the corpus: trained on in every fold, never scored. */
  extra: { folder: string; sounds: number }[];
  examples: number;
  originals: number;
  folds: number;
  categories: string[];
  /** How the category head is built, in words, e.g. "4 networks of 64 ReLU units merged into one". */
  categoryModel: string;
  categoryPredictions: Prediction[];
  kindPredictions: Prediction[];
  drums: ReadonlySet<string>;
  /** The category's temperature and its held-out reliability without and with it. */
  calibration: { temperature: number; before: ReliabilityBin[]; after: ReliabilityBin[] };
  tempo: { crossValidated: { right: number; total: number }; training: { right: number; total: number }; octave: OctaveModel };
  modelBytes: number;
}

const percent = (right: number, total: number): string =>
  total === 0 ? '-' : `${((100 * right) / total).toFixed(1)} % (${right}/${total})`;

function accuracy(predictions: Prediction[], filter: (p: Prediction) => boolean): string {
  const chosen = predictions.filter(filter);
  return percent(chosen.filter((p) => p.truth === p.predicted).length, chosen.length);
}

function confusion(predictions: Prediction[], classes: string[]): string {
  const short = (c: string): string => c.slice(0, 5);
  const header = `| truth \\ predicted | ${classes.map(short).join(' | ')} | recall |`;
  const rule = `| --- | ${classes.map(() => '---:').join(' | ')} | ---: |`;
  const rows = classes.map((truth) => {
    const mine = predictions.filter((p) => p.truth === truth);
    const cells = classes.map((c) => {
      const n = mine.filter((p) => p.predicted === c).length;
      return n === 0 ? '' : c === truth ? `**${n}**` : String(n);
    });
    const recall = mine.length ? `${Math.round((100 * mine.filter((p) => p.predicted === truth).length) / mine.length)} %` : '-';
    return `| ${truth} | ${cells.join(' | ')} | ${recall} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** docs/CLASSIFIER-REPORT.md: written by every training run, so the figures are reproducible. */
export function renderReport(e: Evaluation): string {
  const c = e.categoryPredictions;
  const misses = c.filter((p) => p.truth !== p.predicted).map((p) => `- ${p.path} (${p.group}): ${p.truth} -> ${p.predicted}`);
  const kindMisses = e.kindPredictions.filter((p) => p.truth !== p.predicted).map((p) => `- ${p.path}: ${p.truth} -> ${p.predicted}`);
  return `# Classifier report

Written by \`npm run train:models\` (src/cli/train/train.ts). Do not edit by hand.

- Corpus: \`${e.corpus}\`, ${e.originals} sounds (one format variant per source sound), each
  augmented ${e.variants} times: ${e.examples} training examples.${
    e.extra.length === 0
      ? ''
      : `\n- Extra sounds in every training fold (never scored): ${e.extra.map((x) => `\`${x.folder}\` (${x.sounds} sounds)`).join(', ')},\n  built by \`npm run train:extra-sounds\` from Debian packages the corpus does not come from\n  (GM drum kits of four SoundFonts, TimGM6mb instruments, LMMS and Sonic Pi drum samples, flite\n  and Festival speech).`
  }
- Cross-validation: ${e.folds} folds **by source** (drum kit, GM program, espeak voice, Hydrogen
  song + kit): every figure below is measured on sounds whose kit, instrument or voice the model
  never saw in training, as the unseen evaluation corpus will be. Only original files are scored.
- Model: ${FEATURE_NAMES.length} features -> two heads: category (${e.categoryModel}, softmax over
  ${e.categories.length} classes) and one-shot/loop (16 units); \`public/models/classifier.onnx\` is ${(e.modelBytes / 1024).toFixed(1)} KB.

## Cross-validated accuracy

| measure | accuracy |
| --- | --- |
| drum category (kick, snare, clap, hihat, tom, cymbal, percussion) | ${accuracy(c, (p) => e.drums.has(p.truth))} |
| vocal | ${accuracy(c, (p) => p.truth === 'vocal')} |
| all categories | ${accuracy(c, () => true)} |
| melodic categories | ${accuracy(c, (p) => !e.drums.has(p.truth) && p.truth !== 'vocal' && p.truth !== 'drum-loop')} |
| one-shot vs loop | ${accuracy(e.kindPredictions, () => true)} |
| tempo within 4 % (octave model, folds by song) | ${percent(e.tempo.crossValidated.right, e.tempo.crossValidated.total)} |
| tempo within 4 %, model trained on everything (not a generalisation figure) | ${percent(e.tempo.training.right, e.tempo.training.total)} |

## Category confusion matrix (cross-validated)

${confusion(c, e.categories)}

## Misclassified sounds (cross-validated)

${misses.join('\n') || '- none'}

## One-shot / loop errors (cross-validated)

${kindMisses.join('\n') || '- none'}

## Category confidence (cross-validated)

${calibrationSection(e.calibration)}

## Tempo octave models

A loop's tempo candidates are octaves apart (a power-of-two number of beats fits its length);
a logistic model per family reads chosen features of the slow and the fast candidate side by
side. A positive weight favours the fast tempo.

${pairTable('Drum loops', e.tempo.octave.drums)}

${pairTable('Melodic loops', e.tempo.octave.melodic)}

Loop length: a reading shorter than two bars (under 8 beats) gets log odds of ${e.tempo.octave.shortLoopLogPrior.toFixed(2)} against a
longer one, added to either model's (estimated from the lengths of the training loops, add-one
smoothed).
`;
}

function pairTable(title: string, model: PairModel): string {
  const n = model.features.length;
  const rows = model.features.map(
    (f, i) => `| ${TEMPO_FEATURES[f]} | ${(model.weights[i] ?? 0).toFixed(3)} | ${(model.weights[i + n] ?? 0).toFixed(3)} |`,
  );
  return `### ${title}

| feature | slow candidate | fast candidate |
| --- | ---: | ---: |
${rows.join('\n')}
| bias | ${model.bias.toFixed(3)} | |`;
}

/** Held-out predictions shown as uncertain (under 50 %): wrong ones and right ones. */
function flagged(bins: ReliabilityBin[]): string {
  const lowest = bins[0]!;
  const wrong = bins.reduce((sum, b) => sum + b.count - b.right, 0);
  const right = bins.reduce((sum, b) => sum + b.right, 0);
  return `${lowest.count - lowest.right} of ${wrong} wrong, ${lowest.right} of ${right} right`;
}

function calibrationSection(c: Evaluation['calibration']): string {
  const row = (b: ReliabilityBin, i: number): string => {
    const after = c.after[i]!;
    const cell = (x: ReliabilityBin): string =>
      x.count === 0 ? '-' : `${x.count} | ${Math.round(100 * x.accuracy)} % | ${Math.round(100 * x.confidence)} %`;
    return `| ${Math.round(100 * b.from)}-${Math.round(100 * b.to)} % | ${cell(b)} | ${cell(after)} |`;
  };
  return `The category's logits are divided by a temperature fitted to the held-out predictions
(lowest mean negative log-likelihood): **${c.temperature}**. The predicted category does not change;
its confidence then matches how often it is right on kits and instruments the model never saw,
and the library shows more of the wrong ones as uncertain (under 50 %).

| confidence | sounds | right | mean confidence | sounds (calibrated) | right | mean confidence |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${c.before.map(row).join('\n')}

Shown as uncertain: ${flagged(c.before)} before; ${flagged(c.after)} calibrated.`;
}
