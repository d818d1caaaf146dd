import { useServices } from '../../app/ServicesContext';
import { CATEGORIES } from '../../domain/corrections';
import { formatCategory, formatConfidence, isUncertain } from '../../domain/format';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { SOURCE_NAMES } from './EmbeddedInfo';

/** The category with its confidence, and a menu to correct it; a correction is kept for good. */
export function CategoryField({ row }: { row: LibraryRow }) {
  const { repository } = useServices();
  const a = row.analysis;
  const corrected = 'category' in row.corrections;
  const save = async (value: string | null): Promise<void> => {
    const updated = await repository.correct(row.id, { category: value });
    if (updated) useLibraryStore.getState().upsertSamples([updated]);
  };
  const uncertain = !corrected && isUncertain(a?.categoryConfidence);
  return (
    <div className="value wide">
      <dt>Category</dt>
      <dd className="category-field">
        <span data-testid="detail-category" className={uncertain ? 'uncertain' : undefined}>
          {formatCategory(a?.category) || '—'}
        </span>
        {corrected ? (
          <span className="confidence">
            set by you ·{' '}
            <button type="button" className="link-button" onClick={() => void save(null)}>
              use analysis ({formatCategory(row.measured?.category) || 'none'})
            </button>
          </span>
        ) : a?.valueSources?.category ? (
          <span className="confidence">from the {SOURCE_NAMES[a.valueSources.category]}</span>
        ) : (
          a?.categoryConfidence != null && (
            <span className="confidence">
              {uncertain ? 'uncertain, ' : ''}
              {formatConfidence(a.categoryConfidence)}
            </span>
          )
        )}
        <select
          className="category-select"
          aria-label="Correct the category"
          value=""
          onChange={(event) => void save(event.currentTarget.value)}
        >
          <option value="" disabled>
            Change…
          </option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {formatCategory(c)}
            </option>
          ))}
        </select>
      </dd>
    </div>
  );
}
