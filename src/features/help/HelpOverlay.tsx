import { ModalDialog } from '../../components/ModalDialog';
import { AUDITION_TIPS, SHORTCUTS } from './shortcuts';

/** Keys that close the help: Esc, and "?" again (it opened it). */
const CLOSE_KEYS = ['Escape', '?'];

/** The keyboard shortcuts, opened with "?". */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" titleId="help-title" closeKeys={CLOSE_KEYS} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="shortcuts-heading">Auditioning</h3>
      <ul className="shortcuts-tips">
        {AUDITION_TIPS.map((tip) => (
          <li key={tip}>{tip}</li>
        ))}
      </ul>
    </ModalDialog>
  );
}
