import { useId, useState } from 'react';

/**
 * An inline box for renaming something in place: Enter saves, Escape (or leaving it) cancels. A
 * name `save` refuses (its message) stays in the box with the message under it, to be corrected.
 */
export function RenameInput({
  label,
  initial,
  save,
  onClose,
}: {
  label: string;
  initial: string;
  /** Resolves null when saved, else why the name was refused. */
  save(name: string): Promise<string | null>;
  /** Renamed or cancelled: the box goes. */
  onClose(saved: boolean): void;
}) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const messageId = useId();
  const submit = async (): Promise<void> => {
    if (saving) return;
    if (name.trim() === initial) return onClose(false); // unchanged: nothing to save
    setSaving(true);
    const refused = await save(name);
    setSaving(false);
    if (refused === null) onClose(true);
    else setProblem(refused);
  };
  return (
    <div className="rename">
      <input
        className={problem ? 'tag-input invalid' : 'tag-input'}
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? messageId : undefined}
        value={name}
        // Read-only, not disabled, while saving: a disabled box loses the keyboard's focus.
        readOnly={saving}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          // These keys answer the box only: Escape would otherwise also clear the list's selection.
          if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            void submit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            onClose(false);
          }
        }}
        onBlur={() => {
          if (!saving) onClose(false);
        }}
      />
      {problem && (
        <span id={messageId} className="rename-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
