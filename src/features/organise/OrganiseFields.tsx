import { useMemo, useState } from 'react';
import { tagCounts } from '../../domain/library/organise';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { StarRating, TagEditor } from './TagEditor';
import { useOrganise } from './useOrganise';

/** Tag suggestions: every tag in the library, most used first. */
export function useTagSuggestions(): string[] {
  const rows = useLibraryStore((s) => s.rows);
  return useMemo(() => tagCounts(rows.values()).map((t) => t.tag), [rows]);
}

/** One sample's rating, tags and note in the detail panel. */
export function OrganiseFields({ row }: { row: LibraryRow }) {
  const organise = useOrganise();
  const suggestions = useTagSuggestions();
  const [note, setNote] = useState<{ id: number; text: string } | null>(null);
  const draft = note?.id === row.id ? note.text : row.note;
  return (
    <section className="organise" aria-label="Your tags, rating and note">
      <div className="organise-line">
        <span className="field-label">Rating</span>
        <StarRating rating={row.rating} label="Rating" onRate={(r) => void organise.setField([row], 'rating', r)} />
      </div>
      <div className="organise-line">
        <span className="field-label">Tags</span>
        <TagEditor
          label="Add tags to this sample"
          tags={row.tags}
          suggestions={suggestions}
          onAdd={(tags) => void organise.addTags([row], tags)}
          onRemove={(tag) => void organise.removeTags([row], [tag])}
        />
      </div>
      <label className="organise-line note">
        <span className="field-label">Note</span>
        <textarea
          rows={2}
          value={draft}
          placeholder="A note for yourself…"
          onChange={(event) => setNote({ id: row.id, text: event.currentTarget.value })}
          onBlur={() => {
            if (draft !== row.note) void organise.setField([row], 'note', draft);
            setNote(null);
          }}
        />
      </label>
    </section>
  );
}
