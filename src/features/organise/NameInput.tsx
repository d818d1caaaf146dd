import { useState } from 'react';

/** An inline box for naming something new: Enter creates, Esc or an empty name cancels. */
export function NameInput({ label, initial, onDone }: { label: string; initial: string; onDone(name: string | null): void }) {
  const [name, setName] = useState(initial);
  return (
    <input
      className="tag-input"
      aria-label={label}
      value={name}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setName(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onDone(name.trim() || null);
        if (e.key === 'Escape') onDone(null);
      }}
      onBlur={() => onDone(null)}
    />
  );
}
