/**
 * npm run eval:loop-exports [-- --corpus ../shared/corpus]
 *
 * Tempo of the corpus's song loops as they are (cut to their bars) and exported the ways loops
 * leave a DAW otherwise (tests/support/loopExports.ts), and excerpts of them cut at no bar line:
 * how many are right within 4 % (and up to an octave), and how many are wrong but shown as facts
 * (confidence 50 % or more). Runs the real analysis (analyseSample, essentia and the shipped
 * classifier) in Node. See docs/CLASSIFIER.md.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIDENT } from '../../src/domain/analysis';
import { analyseSample } from '../../workers/analysis/analyseSample';
import { decodeAudio } from '../../workers/analysis/decode';
import { mixToMono, resampleLinear } from '../../workers/analysis/signal';
import { encodeWav } from '../support/audioFiles';
import { analysisDeps } from '../support/essentia';
import { LOOP_EXPORTS } from '../support/loopExports';

interface Label {
  path: string;
  part?: string;
  bpm?: number;
}

const RATE = 44100;
const argv = process.argv.slice(2);
const at = argv.indexOf('--corpus');
const corpus = at >= 0 && argv[at + 1] ? argv[at + 1]! : '../shared/corpus';
const labels = (JSON.parse(await readFile(join(corpus, 'labels.json'), 'utf8')) as Label[]).filter(
  (l) => (l.part === 'drum-loop' || l.part === 'melodic-loop') && l.bpm,
);
const deps = await analysisDeps();
const ways: [string, (mono: Float32Array) => Float32Array][] = [
  ['cut to its bars (as in the corpus)', (mono) => mono],
  ...Object.entries(LOOP_EXPORTS).map(([how, cut]): [string, (mono: Float32Array) => Float32Array] => [how, (mono) => cut(mono, RATE)]),
  // Cut at no bar line: the length says nothing, so the beat tracker has to (loopTempo.ts).
  [
    'an excerpt (80 % from 0.37 s in)',
    (mono) => mono.slice(Math.round(0.37 * RATE), Math.round(0.37 * RATE) + Math.round(mono.length * 0.8)),
  ],
];
const tally = new Map(ways.map(([how]) => [how, { right: 0, rightOctave: 0, wrongAsFact: 0 }]));
for (const label of labels) {
  const audio = await decodeAudio(new Uint8Array(await readFile(join(corpus, label.path))), label.path);
  const mono = resampleLinear(mixToMono(audio.channelData), audio.sampleRate, RATE);
  for (const [how, cut] of ways) {
    const outcome = await analyseSample(encodeWav([cut(mono)], { sampleRate: RATE, bitDepth: 24 }), 'loop.wav', deps);
    const bpm = outcome.ok ? outcome.descriptors.bpm : null;
    const confidence = outcome.ok ? (outcome.descriptors.bpmConfidence ?? 0) : 0;
    const off = (ratio: number): number => (bpm === null ? Infinity : Math.abs(bpm / (label.bpm! * ratio) - 1));
    const t = tally.get(how)!;
    const right = off(1) <= 0.04;
    const rightOctave = [0.5, 1, 2].some((r) => off(r) <= 0.04);
    t.right += right ? 1 : 0;
    t.rightOctave += rightOctave ? 1 : 0;
    t.wrongAsFact += !rightOctave && confidence >= CONFIDENT ? 1 : 0;
  }
}
console.log(`Tempo of the ${labels.length} song loops of ${corpus}, analysed in Node`);
console.log('| loop | right (within 4 %) | right up to an octave | wrong, shown as a fact |');
console.log('| --- | ---: | ---: | ---: |');
for (const [how, t] of tally) console.log(`| ${how} | ${t.right} | ${t.rightOctave} | ${t.wrongAsFact} |`);
