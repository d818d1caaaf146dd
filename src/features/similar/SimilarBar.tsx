import { ASPECT_NAMES, type AspectName } from '../../domain/similarity/embeddingLayout';
import { OVERALL_WEIGHTS } from '../../domain/similarity/soundEmbedding';
import { useLibraryStore } from '../../state/libraryStore';
import { ExampleFacts } from './ExampleFacts';
import { useSimilarSearch } from './useSimilarSearch';

const ASPECT_LABELS: Record<AspectName, string> = {
  timbre: 'Timbre',
  pitch: 'Pitch',
  envelope: 'Envelope',
  rhythm: 'Rhythm',
  spectrum: 'Brightness',
};

/** "More like this" from a sample keeps to its kind when it can (similarCandidates); the status says when it does. */
const kindLabel = (kind: string | null | undefined): string => (kind === 'loop' ? ' loops' : kind === 'one-shot' ? ' one-shots' : '');

/** The same sound in other files, left out of the results (copies.ts). */
const copiesLeftOut = (copies: number): string =>
  copies === 0 ? '' : ` · ${copies} ${copies === 1 ? 'copy' : 'copies'} of the same sound left out`;

const isOverall = (weights: Partial<Record<AspectName, number>>): boolean =>
  ASPECT_NAMES.every((a) => (weights[a] ?? 0) === OVERALL_WEIGHTS[a]);

/** "More like this": which sample the list is compared with, how much each aspect counts, and the way back. */
export function SimilarBar() {
  useSimilarSearch();
  const similar = useLibraryStore((s) => s.similar);
  const reference = useLibraryStore((s) => (s.similar?.sampleId != null ? s.rows.get(s.similar.sampleId) : undefined));
  const { showSimilar, setSimilarWeights } = useLibraryStore.getState();
  if (!similar) return null;
  const name = similar.words !== undefined ? `“${similar.words}”` : (similar.example?.name ?? reference?.name ?? '…');
  const status = similar.unavailable
    ? `${name} has no sound fingerprint yet: it is not analysed, or silent.`
    : similar.results === null
      ? 'Listening for similar sounds…'
      : `${similar.results.length} closest${kindLabel(similar.resultsKind)}, best first${copiesLeftOut(similar.copies ?? 0)}`;
  return (
    <section className="similar-bar" aria-label="More like this">
      <div className="similar-title">
        <span className="similar-label">Sounds like</span>
        <strong data-testid="similar-reference">{name}</strong>
        {similar.example && <ExampleFacts example={similar.example} />}
        {similar.example && <span className="similar-label">your example, not added to the library</span>}
        {similar.words !== undefined && <span className="similar-label">described in words (CLAP model)</span>}
        <span className="cell-muted" role="status">
          {status}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={() => showSimilar(null)}
          aria-label="Close more like this"
          title="Back to the list (Esc)"
        >
          × Close
        </button>
      </div>
      {/* Words have no aspects to weigh: the sliders are for sounds compared with sounds. */}
      {similar.words === undefined && (
        <div className="similar-weights">
          <button
            type="button"
            className={isOverall(similar.weights) ? 'toggle on' : 'toggle'}
            aria-pressed={isOverall(similar.weights)}
            onClick={() => setSimilarWeights({ ...OVERALL_WEIGHTS })}
          >
            Overall
          </button>
          {ASPECT_NAMES.map((aspect) => (
            <label key={aspect} className="similar-weight">
              <span>{ASPECT_LABELS[aspect]}</span>
              <input
                type="range"
                min={0}
                max={3}
                step={0.5}
                value={similar.weights[aspect] ?? 0}
                aria-label={`${ASPECT_LABELS[aspect]} weight`}
                onChange={(e) => {
                  const next = { ...similar.weights, [aspect]: Number(e.currentTarget.value) };
                  // At least one aspect must count: moving the last one to 0 keeps it at the minimum step.
                  if (ASPECT_NAMES.every((a) => (next[a] ?? 0) === 0)) next[aspect] = 0.5;
                  setSimilarWeights(next);
                }}
              />
            </label>
          ))}
        </div>
      )}
    </section>
  );
}
