import { useRef, useState, type DragEvent } from 'react';
import { useServices } from '../../app/ServicesContext';
import { AUDIO_EXTENSIONS } from '../../domain/audioFormats';
import { MAX_RECORDING_SECONDS, recordExample } from '../../services/microphone';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';

type Phase = { kind: 'idle' } | { kind: 'recording'; stop: () => void } | { kind: 'listening' };

/**
 * Search by example: the user picks or drops an audio file of theirs, or records a few seconds
 * from the microphone; the analysis workers compute its sound embedding and the list shows the
 * samples that sound most like it. The example is only read: never imported, stored or sent.
 */
export function ExampleSearch() {
  const { pool } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind !== 'idle';
  const dragDepth = useRef(0);
  const [dropping, setDropping] = useState(false);

  const search = async (file: File): Promise<void> => {
    const { notify } = useImportStore.getState();
    setPhase({ kind: 'listening' });
    try {
      const outcome = await pool.analyse(file, file.name);
      if (!outcome.ok) notify('error', `${file.name} cannot be used as an example: ${outcome.error.message}`);
      else if (!outcome.embedding) notify('error', `${file.name} is silent: there is no sound to compare.`);
      else {
        const { kind, category, categoryConfidence } = outcome.descriptors;
        useLibraryStore.getState().showSimilarToExample({
          name: file.name,
          vector: outcome.embedding,
          kind,
          category,
          categoryConfidence,
          analysis: outcome.descriptors,
          audio: file,
        });
      }
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const record = async (): Promise<void> => {
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    setPhase({ kind: 'recording', stop });
    try {
      await search(await recordExample(stopped));
    } catch (error) {
      useImportStore.getState().notify('error', `Recording an example failed: ${error instanceof Error ? error.message : String(error)}`);
      setPhase({ kind: 'idle' });
    }
  };

  // A file dropped here is an example, not an import: the window's drop zone never sees it.
  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    event.stopPropagation();
    dragDepth.current = 0;
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void search(file);
  };
  const onDrag = (delta: number) => (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    dragDepth.current = Math.max(0, dragDepth.current + delta);
    setDropping(dragDepth.current > 0);
  };

  return (
    <div className="example-search" role="group" aria-label="Find by sound">
      <label
        className={dropping ? 'button example-button dropping' : 'button example-button'}
        title="Find the samples that sound like an audio file of yours: choose it or drop it here (it is not imported)"
        onDragEnter={onDrag(1)}
        onDragLeave={onDrag(-1)}
        onDragOver={(event) => {
          event.preventDefault();
          event.stopPropagation();
        }}
        onDrop={onDrop}
      >
        {phase.kind === 'listening' ? 'Listening…' : dropping ? 'Drop to search' : 'By sound…'}
        <input
          type="file"
          accept={AUDIO_EXTENSIONS.join(',')}
          className="visually-hidden"
          aria-label="Find by sound: choose an example file"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void search(file);
          }}
        />
      </label>
      {phase.kind === 'recording' ? (
        <button type="button" className="button record-button recording" onClick={phase.stop} aria-label="Stop recording and search">
          ■ Stop
        </button>
      ) : (
        <button
          type="button"
          className="button record-button"
          disabled={busy}
          onClick={() => void record()}
          aria-label="Record an example from the microphone and find what sounds like it"
          title={`Record up to ${MAX_RECORDING_SECONDS} s from the microphone and find what sounds like it (nothing is kept)`}
        >
          ● Record
        </button>
      )}
    </div>
  );
}
