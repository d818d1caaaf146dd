import { useState } from 'react';
import { toErrorInfo } from '../../domain/errors';
import { useAi } from './useAi';

/** Locks the stored keys behind a passphrase (AES-GCM, key from PBKDF2), unlocks them for this session, or removes the lock. */
export function KeyLock() {
  const ai = useAi();
  const vault = ai.vault;
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>, done: string): Promise<void> => {
    setBusy(true);
    try {
      await action();
      setPassphrase('');
      setMessage({ tone: 'info', text: done });
    } catch (error) {
      setMessage({ tone: 'error', text: toErrorInfo(error).message });
    } finally {
      setBusy(false);
    }
  };
  const state = vault.state;
  return (
    <section className="ai-section" aria-labelledby="ai-lock-title">
      <h3 id="ai-lock-title">Lock your keys</h3>
      <p className="ai-note">
        {state === 'open' && 'Your keys are stored in this browser without a passphrase. Add one to encrypt them.'}
        {state === 'locked' && 'Your keys are encrypted. Unlock them to use cloud providers in this session.'}
        {state === 'unlocked' && 'Your keys are encrypted and unlocked for this session.'}
      </p>
      <form
        className="ai-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (state === 'locked') void run(() => vault.unlock(passphrase), 'Unlocked.');
          else void run(() => vault.setPassphrase(passphrase), 'Your keys are now encrypted with this passphrase.');
        }}
      >
        <label>
          {state === 'locked' ? 'Passphrase' : state === 'open' ? 'New passphrase' : 'Change passphrase'}
          <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />
        </label>
        <button type="submit" className="button" disabled={busy || passphrase === ''}>
          {state === 'locked' ? 'Unlock' : state === 'open' ? 'Encrypt keys' : 'Change'}
        </button>
        {state === 'unlocked' && (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => vault.lock()}>
              Lock now
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void run(() => vault.removePassphrase(), 'The passphrase is removed.')}
            >
              Remove passphrase
            </button>
          </>
        )}
      </form>
      {message && <p className={message.tone === 'error' ? 'ai-error' : 'ai-note'}>{message.text}</p>}
    </section>
  );
}
