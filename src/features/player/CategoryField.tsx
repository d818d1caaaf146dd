import { useServices } from '../../app/ServicesContext';
import { CATEGORIES } from '../../domain/corrections';
import { formatCategory, isUncertain } from '../../domain/format';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { Provenance } from './CorrectionFields';
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
        <Provenance
          corrected={corrected}
          measured={formatCategory(row.measured?.category)}
          confidence={a?.categoryConfidence}
          source={a?.valueSources?.category ? SOURCE_NAMES[a.valueSources.category] : undefined}
          onRevert={() => void save(null)}
        />
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
