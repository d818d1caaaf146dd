import type { KeyboardEvent } from 'react';
import type { SampleKind } from '../../domain/analysis';

const KINDS: ReadonlyArray<readonly [SampleKind | null, string]> = [
  [null, 'All'],
  ['one-shot', 'One-shots'],
  ['loop', 'Loops'],
];

/**
 * All / One-shots / Loops, a radio group as the keyboard expects one: one Tab stop, the arrow keys
 * move the choice (they seeked the playing sample instead, and each button was a Tab stop).
 */
export function KindFilter({ kind, onChange }: { kind: SampleKind | null; onChange(kind: SampleKind | null): void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    event.stopPropagation(); // not the list's ↑ ↓ nor its seek
    const at = KINDS.findIndex(([k]) => k === kind);
    const next = (at + step + KINDS.length) % KINDS.length;
    onChange(KINDS[next]![0]);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role=radio]')[next]?.focus();
  };
  return (
    <div className="segmented" role="radiogroup" aria-label="Kind" onKeyDown={onKeyDown}>
      {KINDS.map(([value, label]) => (
        <button
          key={label}
          type="button"
          role="radio"
          aria-checked={kind === value}
          tabIndex={kind === value ? 0 : -1}
          onClick={() => onChange(value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
