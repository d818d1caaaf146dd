import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { WaveformPeaks } from '../../domain/analysis';

interface WaveformProps {
  peaks: WaveformPeaks;
  duration: number;
  /** Playback position in seconds, polled each frame while playing. */
  position: () => number | null;
  playing: boolean;
  onSeek(seconds: number): void;
  /** Where a looped audition wraps (the loop's last whole bar line), when it leaves out a tail; null otherwise. */
  loopEnd?: number | null;
}

/** Stored 0..255 peaks as the symmetric -1..1 series wavesurfer draws. */
function toWaveSurferPeaks(peaks: WaveformPeaks): Float32Array {
  const out = new Float32Array(peaks.length * 2);
  peaks.forEach((p, i) => {
    out[2 * i] = p / 255;
    out[2 * i + 1] = -p / 255;
  });
  return out;
}

/** Draws a sample's waveform from its stored peaks: no file is read or decoded for it. */
export function Waveform({ peaks, duration, position, playing, onSeek, loopEnd = null }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const seek = useRef(onSeek);
  seek.current = onSeek;

  useEffect(() => {
    if (!container.current) return;
    const ws = WaveSurfer.create({
      container: container.current,
      height: 120,
      waveColor: '#5b6b8c',
      progressColor: '#7cc4ff',
      cursorColor: '#e6edf7',
      cursorWidth: 1,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      peaks: [toWaveSurferPeaks(peaks)],
      duration,
      interact: true,
    });
    ws.on('interaction', (time) => seek.current(time));
    surfer.current = ws;
    return () => {
      ws.destroy();
      surfer.current = null;
    };
  }, [peaks, duration]);

  useEffect(() => {
    if (!playing) {
      surfer.current?.setTime(0);
      return;
    }
    let frame = requestAnimationFrame(function tick() {
      const t = position();
      if (t !== null) surfer.current?.setTime(Math.min(t, duration));
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, position, duration]);

  // Only a tail worth seeing is dimmed: a loop cut to its bars ends within a few samples of its last bar line.
  const outside = loopEnd !== null && loopEnd < duration - 0.005 ? loopEnd / duration : null;
  return (
    <div className="waveform-frame">
      <div className="waveform" ref={container} data-testid="waveform" />
      {outside !== null && (
        <div
          className="waveform-outside-loop"
          style={{ left: `calc(7px + (100% - 14px) * ${outside})` }}
          title="Left out while looping over the metronome: after the loop's last whole bar"
          data-testid="waveform-outside-loop"
        />
      )}
    </div>
  );
}
