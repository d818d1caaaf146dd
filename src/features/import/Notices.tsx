import { useEffect } from 'react';
import { useImportStore, type Notice } from '../../state/importStore';

const INFO_LIFETIME_MS = 6000;

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

/** Short messages about imports and playback; errors stay until dismissed. */
export function Notices() {
  const notices = useImportStore((s) => s.notices);
  const dismiss = useImportStore((s) => s.dismiss);
  useEffect(() => {
    const timers = notices.filter((n) => n.tone === 'info').map((n) => setTimeout(() => dismiss(n.id), INFO_LIFETIME_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="log" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`}>
          <span>{n.message}</span>
          {n.action && <NoticeAction action={n.action} onDone={() => dismiss(n.id)} />}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
