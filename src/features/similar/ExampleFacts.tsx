import { useEffect, useRef, useState } from 'react';
import { formatBpm, formatCategory, formatKeyOrRoot, formatKind, isUncertain } from '../../domain/format';
import { useLibraryStore, type ExampleSound } from '../../state/libraryStore';
import { useAudition } from '../library/useAudition';

/** "keys · Loop · 146 BPM · A min", a value the analysis is unsure of marked with "?". */
function factsOf(example: ExampleSound): string {
  const a = example.analysis;
  if (!a) return '';
  const marked = (text: string, confidence: number | null | undefined): string => (text && isUncertain(confidence) ? `${text}?` : text);
  const keyConfidence = a.key ? a.keyConfidence : a.rootConfidence;
  return [
    marked(formatCategory(a.category), a.categoryConfidence),
    formatKind(a.kind),
    a.bpm == null ? '' : marked(`${formatBpm(a.bpm)} BPM`, a.bpmConfidence),
    marked(formatKeyOrRoot(a), keyConfidence),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The example searched by, beside its name: what the analysis says it is, and a button that plays
 * it from memory (it is not in the library, so the list cannot), stopping the list's preview.
 */
export function ExampleFacts({ example }: { example: ExampleSound }) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const { stop } = useAudition();
  const libraryPlaying = useLibraryStore((s) => s.playingId !== null);
  useEffect(() => {
    if (!example.audio) return;
    const url = URL.createObjectURL(example.audio);
    const element = new Audio(url);
    element.addEventListener('ended', () => setPlaying(false));
    audio.current = element;
    return () => {
      element.pause();
      URL.revokeObjectURL(url);
      audio.current = null;
      setPlaying(false);
    };
  }, [example.audio]);
  // One preview at a time: a row played from the list stops the example.
  useEffect(() => {
    if (libraryPlaying && audio.current && !audio.current.paused) {
      audio.current.pause();
      setPlaying(false);
    }
  }, [libraryPlaying]);
  const toggle = (): void => {
    const element = audio.current;
    if (!element) return;
    if (!element.paused) {
      element.pause();
      element.currentTime = 0;
      setPlaying(false);
      return;
    }
    stop();
    void element.play().then(
      () => setPlaying(true),
      () => setPlaying(false),
    );
  };
  const facts = factsOf(example);
  return (
    <>
      {example.audio && (
        <button
          type="button"
          className="icon-button example-play"
          aria-label={playing ? 'Stop the example' : 'Play the example'}
          onClick={toggle}
        >
          {playing ? '■' : '▶'}
        </button>
      )}
      {facts && (
        <span className="cell-muted" data-testid="example-facts">
          {facts}
        </span>
      )}
    </>
  );
}
