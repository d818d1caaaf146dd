import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { CorrectionPatch } from '../../domain/corrections';
import { formatBpm, formatConfidence, formatKey, isUncertain } from '../../domain/format';
import { KeyOptions, parseKeyOption } from '../../components/KeySelectOptions';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';
import { SOURCE_NAMES } from './EmbeddedInfo';

export function useCorrect(row: LibraryRow) {
  const { repository } = useServices();
  /** Sets (or with null removes) the given corrections in one write. */
  return async (patch: CorrectionPatch): Promise<void> => {
    const updated = await repository.correct(row.id, patch);
    if (updated) useLibraryStore.getState().upsertSamples([updated]);
  };
}

/**
 * A value edited in place: its button opens a box; Enter or Escape closes it and gives the
 * keyboard back to the button (it would otherwise fall to the page, and Tab start over). What is
 * typed and refused stays in the box with why (`problem`), to be corrected.
 */
export function useInlineEdit() {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const refocus = useRef(false);
  // The button comes back when the box goes: a callback ref focuses it as it mounts.
  const buttonRef = useCallback((button: HTMLButtonElement | null) => {
    if (!button || !refocus.current) return;
    refocus.current = false;
    button.focus();
  }, []);
  /** Leaves the box; `byKeyboard` (Enter, Escape) puts the focus back on the value. */
  const close = (byKeyboard: boolean): void => {
    refocus.current = byKeyboard;
    setProblem(null);
    setEditing(false);
  };
  return {
    editing,
    buttonRef,
    problem,
    problemId,
    open: (): void => setEditing(true),
    close,
    /**
     * The box's props: Enter hands what is typed to `accept`, which keeps it and returns null, or
     * returns why it is refused; Escape and leaving the box close it.
     */
    inputProps: (accept: (typed: string) => string | null) => ({
      className: problem ? 'number invalid' : 'number',
      'aria-invalid': problem !== null,
      'aria-describedby': problem ? problemId : undefined,
      autoFocus: true,
      onChange: (): void => setProblem(null),
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>): void => {
        // Handled here only: the key would otherwise go on to press the button the focus returns to.
        if (e.key === 'Enter' || e.key === 'Escape') e.preventDefault();
        if (e.key === 'Escape') close(true);
        if (e.key !== 'Enter') return;
        const refused = accept(e.currentTarget.value);
        if (refused === null) close(true);
        else setProblem(refused);
      },
      onBlur: (): void => close(false),
    }),
  };
}

/** Why a typed value was refused, beside its box. */
export function EditProblem({ id, problem }: { id: string; problem: string }) {
  return (
    <span id={id} className="rename-problem" role="alert">
      {problem}
    </span>
  );
}

/** "set by you · use analysis (…)" for a corrected value, else its confidence or its source. */
export function Provenance({
  corrected,
  measured,
  confidence,
  source,
  onRevert,
}: {
  corrected: boolean;
  measured: string;
  confidence: number | null | undefined;
  source?: string;
  onRevert(): void;
}) {
  if (corrected) {
    return (
      <span className="confidence">
        set by you ·{' '}
        <button type="button" className="link-button" onClick={onRevert}>
          use analysis ({measured || 'none'})
        </button>
      </span>
    );
  }
  if (source) return <span className="confidence">from the {source}</span>;
  if (confidence == null) return null;
  return (
    <span className="confidence">
      {isUncertain(confidence) ? 'uncertain, ' : ''}
      {formatConfidence(confidence)}
    </span>
  );
}

/** Tempi a correction may set, typed or by ½× / 2× (slower or faster is a typo or a runaway click). */
const TYPED_BPM = { min: 20, max: 400 } as const;

/** A loop's tempo with one-click half/double fixes and a field for the exact value; kept over re-analysis. */
export function TempoField({ row }: { row: LibraryRow }) {
  const correct = useCorrect(row);
  const { editing, buttonRef, open, problem, problemId, inputProps } = useInlineEdit();
  const a = row.analysis;
  if (!a || a.kind !== 'loop') return null;
  const corrected = 'bpm' in row.corrections;
  const uncertain = !corrected && isUncertain(a.bpmConfidence);
  const setBpm = (bpm: number): void => void correct({ bpm: Math.round(bpm * 100) / 100 });
  // A tempo out of range stays in the box, with why (it closed without a word before); nothing typed keeps the tempo.
  const accept = (typed: string): string | null => {
    if (typed === '') return null;
    const bpm = Number(typed);
    if (!(bpm >= TYPED_BPM.min && bpm <= TYPED_BPM.max)) return `Type a tempo from ${TYPED_BPM.min} to ${TYPED_BPM.max} BPM`;
    setBpm(bpm);
    return null;
  };
  return (
    <div className="value wide">
      <dt>Tempo</dt>
      <dd className="category-field">
        {editing ? (
          <input
            {...inputProps(accept)}
            type="number"
            min={TYPED_BPM.min}
            max={TYPED_BPM.max}
            step="any"
            aria-label="Correct the tempo (BPM)"
            placeholder="BPM"
            defaultValue={a.bpm ?? ''}
          />
        ) : (
          <button
            ref={buttonRef}
            type="button"
            className="value-button"
            data-testid="detail-bpm"
            title="Click to type the tempo"
            onClick={open}
          >
            <span className={uncertain ? 'uncertain' : undefined}>{a.bpm == null ? '—' : `${formatBpm(a.bpm)} BPM`}</span>
          </button>
        )}
        {problem ? (
          <EditProblem id={problemId} problem={problem} />
        ) : a.bpm == null && !corrected && !editing ? (
          // A loop the analysis took for a one-shot (or whose tempo it could not tell) has none to show.
          <span className="confidence">none measured · click — to type one</span>
        ) : (
          <Provenance
            corrected={corrected}
            measured={row.measured?.bpm == null ? '' : `${formatBpm(row.measured.bpm)} BPM`}
            confidence={a.bpmConfidence}
            source={a.valueSources?.bpm ? SOURCE_NAMES[a.valueSources.bpm] : undefined}
            onRevert={() => void correct({ bpm: null })}
          />
        )}
        {a.bpm != null && (
          <span className="quick-fixes">
            <button
              type="button"
              className="toggle"
              aria-label="½× halve the tempo"
              disabled={a.bpm / 2 < TYPED_BPM.min}
              onClick={() => setBpm(a.bpm! / 2)}
            >
              ½×
            </button>
            <button
              type="button"
              className="toggle"
              aria-label="2× double the tempo"
              disabled={a.bpm * 2 > TYPED_BPM.max}
              onClick={() => setBpm(a.bpm! * 2)}
            >
              2×
            </button>
          </span>
        )}
      </dd>
    </div>
  );
}

/** A loop's key with a menu to correct it; kept over re-analysis. */
export function KeyField({ row }: { row: LibraryRow }) {
  const correct = useCorrect(row);
  const a = row.analysis;
  if (!a) return null;
  const corrected = 'key' in row.corrections || 'scale' in row.corrections;
  const uncertain = !corrected && isUncertain(a.keyConfidence);
  return (
    <div className="value wide">
      <dt>Key</dt>
      <dd className="category-field">
        <span data-testid="detail-key" className={uncertain ? 'uncertain' : undefined}>
          {formatKey(a) || '—'}
        </span>
        <Provenance
          corrected={corrected}
          measured={formatKey(row.measured)}
          confidence={a.key ? a.keyConfidence : null}
          source={a.valueSources?.key ? SOURCE_NAMES[a.valueSources.key] : undefined}
          onRevert={() => void correct({ key: null, scale: null })}
        />
        <select
          className="category-select"
          aria-label="Correct the key"
          value=""
          onChange={(e) => {
            const key = parseKeyOption(e.currentTarget.value);
            if (key) void correct({ key: key.tonic, scale: key.scale });
          }}
        >
          <option value="" disabled>
            Change…
          </option>
          <KeyOptions />
        </select>
      </dd>
    </div>
  );
}
