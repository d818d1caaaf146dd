import { useEffect, useRef } from 'react';
import { useImportStore, type Notice } from '../../state/importStore';

const INFO_LIFETIME_MS = 6000;
/** An info notice with a button (Undo, Show them) stays longer: time to reach for it. */
const ACTION_LIFETIME_MS = 12_000;

function NoticeAction({ action, onDone }: { action: NonNullable<Notice['action']>; onDone: () => void }) {
  return (
    <button
      type="button"
      className="button notice-action"
      onClick={() => {
        action.run();
        onDone();
      }}
    >
      {action.label}
    </button>
  );
}

function NoticeItem({ notice, dismiss }: { notice: Notice; dismiss: (id: number) => void }) {
  const { id, tone, shownAt, action } = notice;
  const lifetime = action ? ACTION_LIFETIME_MS : INFO_LIFETIME_MS;
  // Its own timer, from when it was shown: a newer notice does not restart it (they piled up).
  useEffect(() => {
    if (tone !== 'info') return;
    const timer = setTimeout(() => dismiss(id), Math.max(0, shownAt + lifetime - Date.now()));
    return () => clearTimeout(timer);
  }, [id, tone, shownAt, lifetime, dismiss]);
  return (
    <div className={`notice notice-${tone}`}>
      <span>{notice.message}</span>
      {action && <NoticeAction action={action} onDone={() => dismiss(id)} />}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(id)}>
        ×
      </button>
    </div>
  );
}

/** Short messages about imports and playback, at most a few at once; errors stay until dismissed. */
export function Notices() {
  const notices = useImportStore((s) => s.notices);
  const dismiss = useImportStore((s) => s.dismiss);
  const stack = useRef<HTMLDivElement>(null);
  const shown = notices.length > 0;
  // Room at the end of the list for the notices over it: its last rows scroll clear of them.
  useEffect(() => {
    const element = stack.current;
    if (!shown || !element) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty('--notices-height', `${element.offsetHeight + 28}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty('--notices-height');
    };
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={stack} className="notices" role="log" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} dismiss={dismiss} />
      ))}
    </div>
  );
}
