import { useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { LibraryRow } from '../../state/libraryStore';
import { useOrganise } from '../organise/useOrganise';

type Suggestions = { sampleId: number; tags: { label: string; score: number }[] | null; failed?: string };

/**
 * With the optional CLAP model: tags the model hears in this sample (character, texture, mood),
 * proposed, never applied until the user clicks one.
 */
export function TagSuggestions({ row }: { row: LibraryRow }) {
  const { words } = useServices();
  const organise = useOrganise();
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  if (!words.available || row.status !== 'done') return null;

  const suggest = (): void => {
    setSuggestions({ sampleId: row.id, tags: null });
    words.suggestTags(row.id).then(
      (tags) => setSuggestions({ sampleId: row.id, tags }),
      (error: unknown) => setSuggestions({ sampleId: row.id, tags: [], failed: error instanceof Error ? error.message : String(error) }),
    );
  };
  // Suggestions belong to the sample they were made for: another selection starts afresh.
  const current = suggestions?.sampleId === row.id ? suggestions : null;
  return (
    <div className="tag-suggestions" aria-label="Suggested tags">
      {!current && (
        <button
          type="button"
          className="button"
          onClick={suggest}
          title="Tags the sound model hears in this sample; nothing is applied until you click one"
        >
          Suggest tags
        </button>
      )}
      {current?.tags === null && <span className="cell-muted">Listening…</span>}
      {current?.failed && <span className="error-text">Suggestions failed: {current.failed}</span>}
      {current?.tags?.map(({ label, score }) => (
        <button
          key={label}
          type="button"
          className="tag-chip suggestion"
          disabled={row.tags.includes(label)}
          aria-label={`Add tag ${label}`}
          title={`${Math.round(score * 100)} % of the model's confidence among the tags it knows`}
          onClick={() => void organise.addTags([row], [label])}
        >
          + {label}
        </button>
      ))}
    </div>
  );
}
