import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import { describeSamples } from '../../ai/tasks/describeSamples';
import type { SampleProposal } from '../../domain/ai/describe';
import { sampleFacts } from '../../domain/ai/sampleFacts';
import { toErrorInfo } from '../../domain/errors';
import { parseTags, type UserEdit } from '../../domain/library/organise';
import { ProgressBar } from '../../components/ProgressBar';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { useOrganise } from '../organise/useOrganise';
import { useAi } from './useAi';
import './ai.css';

interface Draft extends SampleProposal {
  accepted: boolean;
  /** The tags as the user edits them (comma-separated). */
  tagText: string;
}

/** Words the CLAP model hears per sample, when that model is installed; a few at most, it listens to each. */
async function heardWords(words: ReturnType<typeof useServices>['words'], rows: readonly LibraryRow[], signal: AbortSignal) {
  const heard = new Map<number, string[]>();
  if (!words.available || rows.length > 50) return heard;
  for (const row of rows) {
    if (signal.aborted) break;
    heard.set(
      row.id,
      (await words.suggestTags(row.id, 2).catch(() => [])).map((t) => t.label),
    );
  }
  return heard;
}

/** Proposed tags and descriptions for the selected samples: reviewed, edited, and applied in one undoable step. */
export function DescribeDialog({ rows, onClose }: { rows: readonly LibraryRow[]; onClose(): void }) {
  const ai = useAi();
  const { words } = useServices();
  const organise = useOrganise();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: rows.length });
  const [source, setSource] = useState<'values' | 'model' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const controllerRef = useRef<AbortController | null>(null);
  useEffect(() => {
    // Made here, not in state: an effect that runs twice (React's development checks) gets a fresh one.
    const controller = new AbortController();
    controllerRef.current = controller;
    let live = true;
    void (async () => {
      try {
        const heard = await heardWords(words, rows, controller.signal);
        const samples = rows.map((row) => ({
          facts: sampleFacts(row, { includeName: ai.settings.sendFileNames }),
          heard: heard.get(row.id) ?? [],
        }));
        const result = await describeSamples(ai, samples, {
          signal: controller.signal,
          onProgress: (p) => live && setProgress(p),
          useModel: true,
        });
        if (!live) return;
        setSource(result.source);
        setProblems(result.problems);
        setDrafts(result.proposals.map((p) => ({ ...p, accepted: true, tagText: p.tags.join(', ') })));
      } catch (error) {
        if (live) setProblems([toErrorInfo(error).code === 'cancelled' ? 'Cancelled.' : toErrorInfo(error).message]);
        if (live) setDrafts([]);
      }
    })();
    return () => {
      live = false;
      controller.abort();
    };
    // The proposals are made once, for the rows the dialog opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const update = (id: number, patch: Partial<Draft>): void =>
    setDrafts((list) => list && list.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  const accepted = drafts?.filter((d) => d.accepted) ?? [];
  const apply = async (): Promise<void> => {
    const edits: UserEdit[] = [];
    for (const draft of accepted) {
      // The rows as they are now: tags or notes edited while the proposals were made are kept.
      const row = useLibraryStore.getState().rows.get(draft.id);
      if (!row) continue;
      const tags = [...new Set([...row.tags, ...parseTags(draft.tagText)])];
      const description = draft.description.trim();
      const note =
        description && !row.note.includes(description) ? (row.note.trim() ? `${row.note.trim()}\n${description}` : description) : row.note;
      edits.push({ id: row.id, fields: { tags, ...(note !== row.note ? { note } : {}) } });
    }
    await organise.applyEdits(edits, `Applied AI tags and descriptions to ${edits.length} sample${edits.length === 1 ? '' : 's'}`);
    onClose();
  };
  if (!drafts) {
    return (
      <div className="describe">
        <p>{ai.available() ? 'Asking the AI about your samples…' : 'Reading the analysed values…'}</p>
        <ProgressBar value={progress.done} max={progress.total} label="Proposals made" />
        <div className="describe-actions">
          <button type="button" className="button" onClick={() => controllerRef.current?.abort()}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="describe">
      <p className="ai-note">
        {source === 'model'
          ? 'Proposed by your AI provider from the analysed values (no audio or names were sent unless you allowed names). Edit, untick, then apply.'
          : ai.available()
            ? "Proposed from the analysed values alone: the AI provider's answers could not be used. Edit, untick, then apply."
            : 'Proposed from the analysed values alone (no AI provider is set up). Edit, untick, then apply.'}{' '}
        Descriptions are added to the sample's note.
      </p>
      {problems.map((problem) => (
        <p key={problem} className="ai-error">
          {problem}
        </p>
      ))}
      <table className="describe-table">
        <thead>
          <tr>
            <th scope="col">Use</th>
            <th scope="col">Sample</th>
            <th scope="col">Tags to add</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((draft) => {
            const name = byId.get(draft.id)?.name ?? `#${draft.id}`;
            return (
              <tr key={draft.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Use the proposal for ${name}`}
                    checked={draft.accepted}
                    onChange={(e) => update(draft.id, { accepted: e.currentTarget.checked })}
                  />
                </td>
                <td>{name}</td>
                <td>
                  <input
                    type="text"
                    aria-label={`Tags for ${name}`}
                    value={draft.tagText}
                    onChange={(e) => update(draft.id, { tagText: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Description of ${name}`}
                    value={draft.description}
                    onChange={(e) => update(draft.id, { description: e.currentTarget.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="describe-actions">
        <button type="button" className="button primary" disabled={accepted.length === 0} onClick={() => void apply()}>
          Apply to {accepted.length} sample{accepted.length === 1 ? '' : 's'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Discard
        </button>
      </div>
    </div>
  );
}
