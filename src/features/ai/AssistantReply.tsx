import { Fragment, useState, type ReactNode } from 'react';
import { useServices } from '../../app/ServicesContext';
import { formatBpm, formatCategory, formatDuration, formatKeyOrRoot } from '../../domain/format';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { useAudition } from '../library/useAudition';

/** The assistant's answer with each sample reference as the sample's real name, and the samples to play and keep. */
export function AssistantReplyView({
  text,
  sampleIds,
  title,
  onSaved,
}: {
  text: string;
  sampleIds: number[];
  title: string;
  onSaved(): void;
}) {
  const rows = useLibraryStore((s) => s.rows);
  const samples = sampleIds.map((id) => rows.get(id)).filter((row): row is LibraryRow => row !== undefined);
  return (
    <div className="assistant-reply">
      <p>{withNames(text, rows, new Set(sampleIds))}</p>
      {samples.length > 0 && (
        <>
          <ul className="assistant-samples" aria-label="Samples in this answer">
            {samples.map((row) => (
              <SampleCard key={row.id} row={row} />
            ))}
          </ul>
          <SaveKit samples={samples} title={title} onSaved={onSaved} />
        </>
      )}
    </div>
  );
}

/**
 * "[#12]" becomes the sample's name when the assistant's searches returned it; any other reference
 * (a sample not in the library, or one the model never looked at) is marked, never shown as a pick.
 */
function withNames(text: string, rows: ReadonlyMap<number, LibraryRow>, returned: ReadonlySet<number>): ReactNode[] {
  return text.split(/(\[?#\d+\]?)/g).map((part, index) => {
    const id = /^\[?#(\d+)\]?$/.exec(part)?.[1];
    if (id === undefined) return <Fragment key={index}>{part}</Fragment>;
    const row = returned.has(Number(id)) ? rows.get(Number(id)) : undefined;
    return row ? (
      <strong key={index}>{row.name}</strong>
    ) : (
      <span key={index} className="ai-note">
        (no such sample)
      </span>
    );
  });
}

function SampleCard({ row }: { row: LibraryRow }) {
  const { play, stop } = useAudition();
  const playing = useLibraryStore((s) => s.playingId === row.id);
  const a = row.analysis;
  return (
    <li className="assistant-sample">
      <button
        type="button"
        className="icon-button"
        aria-label={`Play ${row.name}`}
        aria-pressed={playing}
        onClick={() => (playing ? stop() : play(row))}
      >
        {playing ? '■' : '▶'}
      </button>
      <span className="assistant-sample-name" title={row.path}>
        {row.name}
      </span>
      <span className="ai-note">
        {[formatCategory(a?.category), a?.kind === 'loop' ? formatBpm(a.bpm) : null, formatKeyOrRoot(a), formatDuration(a?.duration)]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </li>
  );
}

function SaveKit({ samples, title, onSaved }: { samples: LibraryRow[]; title: string; onSaved(): void }) {
  const { repository } = useServices();
  const [name, setName] = useState(() => `Kit: ${title}`.slice(0, 60));
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    try {
      const collection = await repository.collections.create(
        name.trim(),
        samples.map((s) => s.id),
      );
      const store = useLibraryStore.getState();
      store.setCollections(await repository.collections.list());
      store.showCollection(collection.id);
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      className="assistant-save"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input aria-label="Collection name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <button type="submit" className="button" disabled={name.trim() === ''}>
        Save as collection
      </button>
      {error && <span className="ai-error">{error}</span>}
    </form>
  );
}
