import { lazy, Suspense, useCallback, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';

// The AI panel (assistant, settings, request log) loads when first opened.
const AiPanel = lazy(() => import('./AiPanel').then((m) => ({ default: m.AiPanel })));

/** The top bar's door to the AI features: the kit assistant, AI settings and the request log. */
export function AiButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="AI assistant"
        title="AI: kit assistant, providers and request log"
        onClick={() => setOpen(true)}
      >
        ✦
      </button>
      {open && (
        <ModalDialog title="AI" titleId="ai-panel-title" className="ai-dialog" onClose={close}>
          <Suspense fallback={<p>Loading…</p>}>
            <AiPanel onClose={close} />
          </Suspense>
        </ModalDialog>
      )}
    </>
  );
}
