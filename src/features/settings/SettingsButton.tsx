import { lazy, Suspense, useCallback, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';

// The dialog (and its CSS) loads when first opened.
const ClapSettings = lazy(() => import('./ClapSettings').then((m) => ({ default: m.ClapSettings })));

/** The top bar's button to the optional "sound search by words" settings. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      {/* An icon, like the help button: the top bar has no room left for another word at 1360 px. */}
      <button
        type="button"
        className="icon-button"
        aria-label="Sound search by words: settings"
        title="Sound search by words (optional model)"
        onClick={() => setOpen(true)}
      >
        ⚙
      </button>
      {open && (
        <ModalDialog title="Sound search by words (optional)" titleId="clap-settings-title" className="settings-dialog" onClose={close}>
          <Suspense fallback={<p>Loading…</p>}>
            <ClapSettings />
          </Suspense>
        </ModalDialog>
      )}
    </>
  );
}
