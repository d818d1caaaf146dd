import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { AudioDescriptors, WaveformPeaks } from '../../domain/analysis';
import { loopSeconds, targetKeyName } from '../../domain/audition';
import { pitchClassOf } from '../../domain/music/pitch';
import { formatAudioSpec, formatDb, formatDuration, formatLufs, isUncertain } from '../../domain/format';
import { useLibraryStore } from '../../state/libraryStore';
import { loopsOverMetronome, useSettingsStore } from '../../state/settingsStore';
import { useAudition } from '../library/useAudition';
import { UndoBar } from '../organise/BulkPanel';
import { OrganiseFields } from '../organise/OrganiseFields';
import { RemoveFromCollection } from '../organise/RemoveFromCollection';
import { SampleCollections } from '../organise/SampleCollections';
import { FavouriteButton } from '../organise/TagEditor';
import { showMoreLikeThis } from '../similar/showMoreLikeThis';
import { TagSuggestions } from '../similar/TagSuggestions';
import { DescribeButton } from '../ai/DescribeButton';
import { useAi } from '../ai/useAi';
import { useExport } from '../organise/useExport';
import { useOrganise } from '../organise/useOrganise';
import { CategoryField } from './CategoryField';
import { KeyField, TempoField } from './CorrectionFields';
import { EmbeddedInfo } from './EmbeddedInfo';
import { KindField, RootNoteField } from './KindFields';
import { Waveform } from './Waveform';
import { playbackSummary, usePlaybackStore } from '../../state/playbackStore';

/**
 * A file name with line-break opportunities after its separators ("Super_Saturated_Kick_01.wav"
 * wraps at "_" rather than mid-word), and none inside its extension.
 */
function breakableName(name: string): ReactNode[] {
  return name.split(/(?<=[_\-. ])(?=[^.]*\.)/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** A measured value nobody corrects (length, loudness, format). */
function Value({ label, value, testId, wide }: { label: string; value: string; testId?: string; wide?: boolean }) {
  return (
    <div className={wide ? 'value wide' : 'value'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value || '—'}</dd>
    </div>
  );
}

/** The selected sample: waveform, transport and everything the analysis found. */
export function DetailPanel() {
  const { repository, player } = useServices();
  const selectedId = useLibraryStore((s) => s.selectedId);
  const row = useLibraryStore((s) => (s.selectedId === null ? undefined : s.rows.get(s.selectedId)));
  const playing = useLibraryStore((s) => s.playingId !== null && s.playingId === s.selectedId);
  const [peaks, setPeaks] = useState<{ id: number; peaks: WaveformPeaks } | null>(null);
  const { play, stop } = useAudition();
  const organise = useOrganise();
  const { saveCopy } = useExport();
  const aiAvailable = useAi().available();
  const analysed = row?.status === 'done';
  const position = useCallback(() => player.position(), [player]);
  const looping = useSettingsStore(loopsOverMetronome);

  useEffect(() => {
    if (selectedId === null || !analysed) return;
    let live = true;
    void repository.getPeaks(selectedId).then((p) => live && p && setPeaks({ id: selectedId, peaks: p }));
    return () => {
      live = false;
    };
  }, [selectedId, analysed, repository]);

  if (!row) {
    return (
      <aside className="detail empty" aria-label="Sample details">
        <p>Select a sample to see its waveform and analysis. Use ↑ ↓ to audition, Space to play or stop, ? for every shortcut.</p>
      </aside>
    );
  }
  const a = row.analysis;
  return (
    // Focusable for Enter in the list (useLibraryShortcuts): Tab goes on to its controls, and Space
    // still plays (focusing ♡ itself made the next Space a favourite).
    <aside className="detail" aria-label="Sample details" tabIndex={-1}>
      <header className="detail-header">
        <button
          type="button"
          className="button play"
          aria-label={playing ? 'Stop' : 'Play'}
          // A file that could not be read has nothing to play; its reason shows below.
          disabled={row.status === 'failed'}
          title={row.status === 'failed' ? 'This file could not be read, so it cannot be played' : undefined}
          onClick={() => (playing ? stop() : play(row))}
        >
          {playing ? '■' : '▶'}
        </button>
        <div className="detail-title">
          <h2 data-testid="detail-name" title={row.name}>
            {breakableName(row.name)}
          </h2>
          <span className="cell-muted">{row.dir}</span>
        </div>
        <FavouriteButton on={row.favourite} onToggle={() => void organise.toggleFavourite([row])} />
      </header>
      <div className="detail-actions">
        <button
          type="button"
          className="button"
          disabled={row.status !== 'done'}
          title="List the samples that sound most like this one (M)"
          onClick={() => showMoreLikeThis(row.id)}
        >
          More like this
        </button>
        <button
          type="button"
          className="button"
          disabled={row.status === 'failed'}
          title={
            row.status === 'failed'
              ? 'This file could not be read'
              : 'Save a copy of this file where you choose (your original stays where it is)'
          }
          onClick={() => void saveCopy(row)}
        >
          Save a copy…
        </button>
        <RemoveFromCollection rows={[row]} />
        <TagSuggestions row={row} />
        {aiAvailable && row.status === 'done' && (
          <DescribeButton rows={[row]} label="Describe…" title="Tags and a one-line description proposed by your AI provider" />
        )}
        <SampleCollections row={row} />
      </div>
      {a && peaks?.id === row.id ? (
        <Waveform
          peaks={peaks.peaks}
          duration={a.duration}
          position={position}
          playing={playing}
          onSeek={(t) => play(row, t)}
          loopEnd={looping && a.kind === 'loop' ? loopSeconds(a.duration, a.bpm) : null}
        />
      ) : (
        <div className="waveform placeholder">
          {row.status === 'failed' ? 'No waveform: the file could not be analysed' : 'Waveform appears after analysis'}
        </div>
      )}
      {playing && <PlaybackReadout analysis={a} />}
      {row.error && (
        <p className="error-text" role="status" data-testid="detail-error">
          {row.error.message}
        </p>
      )}
      {a && (
        <dl className="values">
          <Value label="Length" value={formatDuration(a.duration)} testId="detail-duration" />
          <Value label="Loudness" value={formatLufs(a.loudnessLufs)} testId="detail-loudness" />
          <Value label="Peak" value={formatDb(a.peakDbfs)} />
          <KindField row={row} />
          <TempoField row={row} />
          {a.kind === 'loop' || a.key ? <KeyField row={row} /> : <RootNoteField row={row} />}
          <CategoryField row={row} />
          <Value wide label="Format" value={formatAudioSpec(a)} />
        </dl>
      )}
      {a && <EmbeddedInfo embedded={a.embedded} />}
      <OrganiseFields row={row} />
      <UndoBar />
    </aside>
  );
}

/**
 * What is applied to the preview playing now (stretch, transposition, gain), under its waveform,
 * so the controls' effect is seen (in the top bar it crowded out the sample count at 1,366 px).
 */
function PlaybackReadout({ analysis }: { analysis: AudioDescriptors | null }) {
  const options = usePlaybackStore((s) => s.options);
  // A one-shot is transposed from its root note, a loop from its key (useAudition's playbackFor).
  const keyConfidence = analysis?.key ? analysis.keyConfidence : analysis?.rootConfidence;
  const unsure = { tempo: isUncertain(analysis?.bpmConfidence), key: isUncertain(keyConfidence) };
  const projectBpm = useSettingsStore((s) => s.projectBpm);
  const projectKey = useSettingsStore((s) => s.projectKey);
  // Named as it is moved: a major loop in a minor project goes to the relative major.
  const sampleScale = analysis?.key ? analysis.scale : null;
  const keyName = projectKey ? targetKeyName(sampleScale, { pitchClass: pitchClassOf(projectKey.tonic), scale: projectKey.scale }) : null;
  const summary = options ? playbackSummary(options, unsure, { bpm: projectBpm, key: keyName }) : '';
  if (!summary) return null;
  return (
    <p
      className="playback-readout"
      data-testid="playback-readout"
      title="The preview now: time-stretch, transposition, level-matching gain and the metronome"
    >
      Playing {summary}
    </p>
  );
}
