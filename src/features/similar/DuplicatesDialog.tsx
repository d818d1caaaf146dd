import { useEffect, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { useServices } from '../../app/ServicesContext';
import type { DuplicateGroup, SampleFacts } from '../../domain/similarity/duplicates';
import { formatDuration } from '../../domain/format';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { useOrganise } from '../organise/useOrganise';

/** The tag given to the extra copies, so they can be filtered, reviewed and left out. */
export const DUPLICATE_TAG = 'duplicate';

function factsOf(rows: ReadonlyMap<number, LibraryRow>): Map<number, SampleFacts> {
  const facts = new Map<number, SampleFacts>();
  for (const row of rows.values()) {
    const a = row.analysis;
    if (row.status !== 'done' || !a) continue;
    facts.set(row.id, {
      durationSeconds: a.duration,
      format: a.format,
      sampleRate: a.sampleRate,
      ...(a.pcmFormat ? { bitDepth: a.pcmFormat.bits } : {}),
    });
  }
  return facts;
}

/**
 * Near-duplicates: groups of files that are the same sound (re-encoded, trimmed, gain-changed,
 * resampled), each with the copy to keep first (best format, then longest, then most metadata),
 * and one action that tags the other copies so they can be filtered out or reviewed.
 */
export function DuplicatesDialog({ onClose }: { onClose(): void }) {
  const { similarity } = useServices();
  const organise = useOrganise();
  const rows = useLibraryStore((s) => s.rows);
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);

  useEffect(() => {
    let live = true;
    void similarity.duplicateGroups(factsOf(useLibraryStore.getState().rows)).then((found) => live && setGroups(found));
    return () => {
      live = false;
    };
  }, [similarity]);

  const extras = (groups ?? []).flatMap((g) => g.others.flatMap((id) => rows.get(id) ?? []));
  const label = (row: LibraryRow | undefined): string =>
    row ? `${row.name} · ${row.analysis?.format.toUpperCase() ?? ''} · ${formatDuration(row.analysis?.duration)}` : '';
  return (
    <ModalDialog title="Near-duplicates" titleId="duplicates-title" className="duplicates" onClose={onClose}>
      {groups === null ? (
        <p role="status">Comparing every sample with the others…</p>
      ) : groups.length === 0 ? (
        <p role="status">No near-duplicates: every sample sounds different enough from the others.</p>
      ) : (
        <>
          <p role="status">
            {groups.length} {groups.length === 1 ? 'sound is' : 'sounds are'} in the library more than once. The copy to keep (best format,
            then the longest) is listed first.
          </p>
          <ol className="duplicate-groups">
            {groups.map((group) => (
              <li key={group.keep} data-testid="duplicate-group">
                <span className="duplicate-keep">Keep: {label(rows.get(group.keep))}</span>
                {group.others.map((id) => (
                  <span key={id} className="duplicate-other">
                    Copy: {label(rows.get(id))}
                  </span>
                ))}
              </li>
            ))}
          </ol>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              disabled={extras.length === 0}
              title={`Tags them #${DUPLICATE_TAG} and lists them, to look them over; remove the chip to see the whole library again`}
              onClick={() => {
                // Listed once tagged: where else would the producer find what was just tagged?
                void organise.addTags(extras, [DUPLICATE_TAG]).then(() => {
                  const { query, setQuery } = useLibraryStore.getState();
                  if (!query.tags.includes(DUPLICATE_TAG)) setQuery({ ...query, tags: [...query.tags, DUPLICATE_TAG] });
                });
                onClose();
              }}
            >
              Tag the {extras.length} extra {extras.length === 1 ? 'copy' : 'copies'} #{DUPLICATE_TAG}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={extras.length === 0}
              title={`Tags them #${DUPLICATE_TAG} and hides that tag from the list; remove the “hiding” chip to see them again`}
              onClick={() => {
                void organise.addTags(extras, [DUPLICATE_TAG]);
                const { query, setQuery } = useLibraryStore.getState();
                if (!query.withoutTags.includes(DUPLICATE_TAG)) setQuery({ ...query, withoutTags: [...query.withoutTags, DUPLICATE_TAG] });
                onClose();
              }}
            >
              Tag and hide the extra {extras.length === 1 ? 'copy' : 'copies'}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
