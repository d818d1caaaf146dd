import { useRef, useState } from 'react';
import { parseTags } from '../../domain/library/organise';

/** Tags as removable chips plus a box that adds comma-separated tags on Enter. */
export function TagEditor({
  tags,
  suggestions,
  onAdd,
  onRemove,
  label,
}: {
  tags: readonly string[];
  suggestions: readonly string[];
  onAdd(tags: string[]): void;
  onRemove(tag: string): void;
  label: string;
}) {
  const [draft, setDraft] = useState('');
  const cancelled = useRef(false);
  const listId = `tag-suggestions-${label.replace(/\W+/g, '-')}`;
  const commit = (): void => {
    const parsed = parseTags(draft);
    if (parsed.length > 0) onAdd(parsed);
    setDraft('');
  };
  return (
    <div className="tag-editor">
      {tags.map((tag) => (
        <span key={tag} className="chip tag-chip">
          #{tag}
          <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => onRemove(tag)}>
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-input"
        aria-label={label}
        placeholder="Add tag…"
        value={draft}
        list={listId}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
          if (event.key === 'Escape') {
            // Escape cancels what is typed and gives the keyboard back to the panel, as the collection
            // picker's does (a blur left it on the page's body, with no ring anywhere).
            event.stopPropagation();
            cancelled.current = true;
            setDraft('');
            const panel = event.currentTarget.closest<HTMLElement>('aside.detail');
            if (panel) panel.focus();
            else event.currentTarget.blur();
          }
        }}
        onBlur={() => {
          if (!cancelled.current) commit();
          cancelled.current = false;
        }}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}

/** Five stars; clicking the current rating clears it. */
export function StarRating({ rating, onRate, label }: { rating: number; onRate(rating: number): void; label: string }) {
  return (
    <div className="stars" role="radiogroup" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={rating === n}
          aria-label={`${n} star${n === 1 ? '' : 's'}`}
          className={n <= rating ? 'star on' : 'star'}
          onClick={() => onRate(rating === n ? 0 : n)}
        >
          ★
        </button>
      ))}
    </div>
  );
}

export function FavouriteButton({ on, onToggle }: { on: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className={on ? 'icon-button favourite on' : 'icon-button favourite'}
      aria-pressed={on}
      aria-label={on ? 'Remove from favourites' : 'Add to favourites'}
      title="Favourite (F)"
      onClick={onToggle}
    >
      {on ? '♥' : '♡'}
    </button>
  );
}
