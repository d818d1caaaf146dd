import type { SampleKind } from '../../domain/analysis';
import { kindCorrection } from '../../domain/corrections';
import { formatKind, isUncertain } from '../../domain/format';
import { midiToNoteName, MIDI_NOTE_RANGE, parseNoteName } from '../../domain/music/pitch';
import type { LibraryRow } from '../../state/libraryStore';
import { EditProblem, Provenance, useCorrect, useInlineEdit } from './CorrectionFields';
import { SOURCE_NAMES } from './EmbeddedInfo';

/**
 * One-shot or loop, with a button to make it the other: a loop then gets a tempo to type, a
 * one-shot a root note. Kept over re-analysis; drives the kind filter, the player and exports.
 */
export function KindField({ row }: { row: LibraryRow }) {
  const correct = useCorrect(row);
  const a = row.analysis;
  if (!a) return null;
  const corrected = 'kind' in row.corrections;
  const other: SampleKind = a.kind === 'loop' ? 'one-shot' : 'loop';
  return (
    <div className="value wide">
      <dt>Type</dt>
      <dd className="category-field">
        <span data-testid="detail-kind" className={!corrected && isUncertain(a.kindConfidence) ? 'uncertain' : undefined}>
          {formatKind(a.kind) || '—'}
        </span>
        <Provenance
          corrected={corrected}
          measured={formatKind(row.measured?.kind)}
          confidence={a.kind ? a.kindConfidence : null}
          source={a.valueSources?.kind ? SOURCE_NAMES[a.valueSources.kind] : undefined}
          onRevert={() => void correct({ kind: null })}
        />
        <span className="quick-fixes">
          <button
            type="button"
            className="toggle"
            aria-label={`Correct the type: make it a ${other === 'loop' ? 'loop' : 'one-shot'}`}
            title={other === 'loop' ? 'It is a loop: give it a tempo' : 'It is a one-shot: give it a root note'}
            onClick={() => void correct(kindCorrection(row.measured?.kind, other))}
          >
            {other === 'loop' ? '→ Loop' : '→ One-shot'}
          </button>
        </span>
      </dd>
    </div>
  );
}

/** What a typed root note may be, said when one is refused. */
const ROOT_HINT = 'Type a note from C-1 to G9, such as G2, F#3 or Bb1';

/** A one-shot's root note, typed ("G2") or moved an octave; kept over re-analysis and followed by Sync key. */
export function RootNoteField({ row }: { row: LibraryRow }) {
  const correct = useCorrect(row);
  const { editing, buttonRef, open, problem, problemId, inputProps } = useInlineEdit();
  const a = row.analysis;
  if (!a) return null;
  const corrected = 'rootMidi' in row.corrections;
  const root = a.rootMidi;
  // A refused note stays in the box, with why, to be corrected.
  const accept = (typed: string): string | null => {
    const midi = parseNoteName(typed);
    if (midi === null) return ROOT_HINT;
    if (midi !== root) void correct({ rootMidi: midi });
    return null;
  };
  return (
    <div className="value wide">
      <dt>Root note</dt>
      <dd className="category-field">
        {editing ? (
          <input
            {...inputProps(accept)}
            type="text"
            aria-label="Correct the root note (such as G2)"
            placeholder="G2"
            defaultValue={root == null ? '' : midiToNoteName(root)}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <button
            ref={buttonRef}
            type="button"
            className="value-button"
            data-testid="detail-root"
            title="Click to type the root note"
            onClick={open}
          >
            <span className={!corrected && root != null && isUncertain(a.rootConfidence) ? 'uncertain' : undefined}>
              {root == null ? '—' : midiToNoteName(root)}
            </span>
          </button>
        )}
        {problem ? (
          <EditProblem id={problemId} problem={problem} />
        ) : root == null && !corrected && !editing ? (
          // Drums and noises have no clear pitch: said so, rather than as a measurement that failed.
          <span className="confidence">no clear pitch · click — to type one</span>
        ) : (
          <Provenance
            corrected={corrected}
            measured={row.measured?.rootMidi == null ? '' : midiToNoteName(row.measured.rootMidi)}
            confidence={root == null ? null : a.rootConfidence}
            source={a.valueSources?.rootMidi ? SOURCE_NAMES[a.valueSources.rootMidi] : undefined}
            onRevert={() => void correct({ rootMidi: null })}
          />
        )}
        {root != null && (
          <span className="quick-fixes">
            <button
              type="button"
              className="toggle"
              aria-label="Octave down: the root note an octave lower"
              disabled={root - 12 < MIDI_NOTE_RANGE.min}
              onClick={() => void correct({ rootMidi: root - 12 })}
            >
              −8ve
            </button>
            <button
              type="button"
              className="toggle"
              aria-label="Octave up: the root note an octave higher"
              disabled={root + 12 > MIDI_NOTE_RANGE.max}
              onClick={() => void correct({ rootMidi: root + 12 })}
            >
              +8ve
            </button>
          </span>
        )}
      </dd>
    </div>
  );
}
