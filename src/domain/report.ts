import type { AnalysisOutcome } from './analysis';
import type { ErrorInfo } from './errors';

/**
 * One line of the batch analyser's report: the contract ../shared/eval/score.mjs reads and
 * docs/REPORT-FORMAT.md documents. Field names and meanings must not drift.
 */
export interface ReportRecord {
  path: string;
  ok: boolean;
  error: ErrorInfo | null;
  format: string | null;
  duration: number | null;
  sampleRate: number | null;
  channels: number | null;
  kind: string | null;
  kindConfidence: number | null;
  category: string | null;
  categoryConfidence: number | null;
  bpm: number | null;
  bpmConfidence: number | null;
  key: string | null;
  scale: string | null;
  keyConfidence: number | null;
  rootMidi: number | null;
  rootConfidence: number | null;
  loudnessLufs: number | null;
  peakDbfs: number | null;
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

export function toReportRecord(path: string, outcome: AnalysisOutcome): ReportRecord {
  if (!outcome.ok) {
    return {
      path,
      ok: false,
      error: outcome.error,
      format: null,
      duration: null,
      sampleRate: null,
      channels: null,
      kind: null,
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
      loudnessLufs: null,
      peakDbfs: null,
    };
  }
  const d = outcome.descriptors;
  return {
    path,
    ok: true,
    error: null,
    format: d.format,
    duration: round(d.duration, 6),
    sampleRate: d.sampleRate,
    channels: d.channels,
    kind: d.kind,
    kindConfidence: d.kindConfidence,
    category: d.category,
    categoryConfidence: d.categoryConfidence,
    bpm: round(d.bpm, 2),
    bpmConfidence: d.bpmConfidence,
    key: d.key,
    scale: d.scale,
    keyConfidence: d.keyConfidence,
    rootMidi: d.rootMidi,
    rootConfidence: d.rootConfidence,
    loudnessLufs: d.loudnessLufs,
    peakDbfs: d.peakDbfs,
  };
}
