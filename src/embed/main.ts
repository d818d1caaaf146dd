// The embeddable analyser (/embed.html): a drop zone for people, a postMessage API for pages.
// It runs the app's analysis workers and never touches the library database.
import WaveSurfer from 'wavesurfer.js';
import { EMBED_API_VERSION, parseEmbedMessage, type EmbedReply } from '../domain/embedProtocol';
import {
  formatBpm,
  formatCategory,
  formatConfidence,
  formatDuration,
  formatKeyOrRoot,
  formatKind,
  formatLufs,
  isUncertain,
} from '../domain/format';
import type { ReportRecord } from '../domain/report';
import { toReportRecord } from '../domain/report';
import { AnalysisPool, createBrowserAnalysisWorker, defaultPoolSize } from '../services/analysisPool';
import './embed.css';

const pool = new AnalysisPool({
  size: Math.min(2, defaultPoolSize(navigator.hardwareConcurrency)),
  createWorker: createBrowserAnalysisWorker,
});
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

async function analyse(name: string, data: Blob): Promise<{ record: ReportRecord; peaks: Uint8Array | null }> {
  const outcome = await pool.analyse(data, name);
  return { record: toReportRecord(name, outcome), peaks: outcome.ok ? outcome.peaks : null };
}

let surfer: WaveSurfer | null = null;

/** The file shown, to play it from memory (nothing is fetched: an object URL of the bytes dropped or sent). */
const player = new Audio();
let playing: string | null = null;
const playButton = element<HTMLButtonElement>('play');
const showPlaying = (on: boolean): void => {
  playButton.textContent = on ? '■' : '▶';
  playButton.setAttribute('aria-label', on ? 'Stop' : 'Play');
};
player.addEventListener('ended', () => showPlaying(false));
playButton.addEventListener('click', () => {
  if (!player.paused) {
    player.pause();
    player.currentTime = 0;
    showPlaying(false);
  } else {
    void player.play().then(
      () => showPlaying(true),
      () => showPlaying(false),
    );
  }
});

function load(data: Blob | null): void {
  player.pause();
  showPlaying(false);
  if (playing) URL.revokeObjectURL(playing);
  playing = data ? URL.createObjectURL(data) : null;
  if (playing) player.src = playing;
  else player.removeAttribute('src');
  playButton.hidden = !playing;
}

function show(name: string, record: ReportRecord, peaks: Uint8Array | null, data: Blob): void {
  element('result').hidden = false;
  element('widget').classList.add('has-result');
  element('name').textContent = name;
  element('name').title = name;
  load(record.ok ? data : null);
  element('status').textContent = record.ok ? '' : (record.error?.message ?? 'could not be analysed');
  surfer?.destroy();
  surfer = null;
  const wave = element('waveform');
  wave.hidden = !peaks;
  if (peaks && record.duration) {
    const series = new Float32Array(peaks.length * 2);
    peaks.forEach((p, i) => {
      series[2 * i] = p / 255;
      series[2 * i + 1] = -p / 255;
    });
    surfer = WaveSurfer.create({
      container: wave,
      height: 72,
      waveColor: '#5b6b8c',
      progressColor: '#5b6b8c',
      cursorWidth: 0,
      barWidth: 2,
      barGap: 1,
      normalize: true,
      peaks: [series],
      duration: record.duration,
      interact: false,
    });
  }
  // Confidence as the app shows it: an uncertain value in amber with a question mark.
  const values: [label: string, value: string, confidence: number | null][] = record.ok
    ? [
        ['Length', formatDuration(record.duration), null],
        ['Type', formatKind(record.kind) || '—', record.kind ? record.kindConfidence : null],
        ['Tempo', record.bpm == null ? '—' : `${formatBpm(record.bpm)} BPM`, record.bpm == null ? null : record.bpmConfidence],
        // A loop has a key (a drum loop none: "—"), a one-shot a root note.
        record.key || record.kind === 'loop'
          ? [
              'Key',
              record.key ? formatKeyOrRoot({ key: record.key as never, scale: record.scale as never, rootMidi: null }) : '—',
              record.key ? record.keyConfidence : null,
            ]
          : [
              'Root',
              formatKeyOrRoot({ key: null, scale: null, rootMidi: record.rootMidi }) || '—',
              record.rootMidi == null ? null : record.rootConfidence,
            ],
        ['Category', formatCategory(record.category) || '—', record.category ? record.categoryConfidence : null],
        ['Loudness', formatLufs(record.loudnessLufs) || '—', null],
      ]
    : [];
  element('values').replaceChildren(
    ...values.map(([label, value, confidence]) => {
      const pair = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = isUncertain(confidence) ? `${value}?` : value;
      if (isUncertain(confidence)) {
        dd.className = 'uncertain';
        dd.title = `Low confidence (${formatConfidence(confidence)})`;
      }
      pair.append(dt, dd);
      return pair;
    }),
  );
}

/** While the next file is analysed, the last one neither plays nor looks current. */
function clearShown(name: string): void {
  load(null);
  element('name').textContent = name;
  element('name').title = name;
  element('values').replaceChildren();
  element('waveform').hidden = true;
  element('status').textContent = 'Analysing…';
}

async function analyseForPerson(file: File): Promise<void> {
  clearShown(file.name);
  const { record, peaks } = await analyse(file.name, file);
  show(file.name, record, peaks, file);
}

const drop = element('drop');
const input = element<HTMLInputElement>('file');
drop.addEventListener('click', () => input.click());
drop.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') input.click();
});
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void analyseForPerson(file);
  input.value = '';
});
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file) void analyseForPerson(file);
});

/** Replies go to the window and origin that asked, never anywhere else. */
function reply(event: MessageEvent, message: EmbedReply): void {
  (event.source as WindowProxy | null)?.postMessage(message, { targetOrigin: event.origin });
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!event.source || event.source === window) return;
  const parsed = parseEmbedMessage(event.data);
  if (parsed.kind === 'ignore') return;
  if (parsed.kind === 'invalid') {
    reply(event, { type: 'samplemind:error', id: parsed.id, error: parsed.error });
    return;
  }
  const { id, name, data } = parsed.request;
  const blob = new Blob([data]);
  clearShown(name);
  void analyse(name, blob).then(
    ({ record, peaks }) => {
      show(name, record, peaks, blob);
      reply(event, record.ok ? { type: 'samplemind:result', id, result: record } : { type: 'samplemind:error', id, error: record.error! });
    },
    (error: unknown) => reply(event, { type: 'samplemind:error', id, error: { code: 'analysis_failed', message: String(error) } }),
  );
});

if (window.parent !== window) window.parent.postMessage({ type: 'samplemind:ready', version: EMBED_API_VERSION } satisfies EmbedReply, '*');
