import { describe, expect, it } from 'vitest';
import { addNotice, MAX_NOTICES, useImportStore, type Notice } from '../../src/state/importStore';

const notice = (id: number, tone: Notice['tone'], message: string, shownAt = 0): Notice => ({ id, tone, message, shownAt });

describe('notices', () => {
  it('shows a repeated message once, moved to the end and shown anew with its newer action', () => {
    const run = (): void => undefined;
    const before = [notice(1, 'error', 'snare.wav cannot be played'), notice(2, 'info', 'Exported')];
    const after = addNotice(
      before,
      { tone: 'error', message: 'snare.wav cannot be played', shownAt: 50, action: { label: 'Undo', run } },
      3,
    );
    expect(after).toEqual([
      notice(2, 'info', 'Exported'),
      { ...notice(1, 'error', 'snare.wav cannot be played', 50), action: { label: 'Undo', run } },
    ]);
    // The same words in another tone are another notice.
    expect(addNotice(before, { tone: 'info', message: 'snare.wav cannot be played', shownAt: 50 }, 3)).toHaveLength(3);
  });

  it('keeps at most MAX_NOTICES, dropping the oldest info notice first', () => {
    const full = [notice(1, 'error', 'a'), notice(2, 'info', 'b'), notice(3, 'info', 'c')];
    expect(MAX_NOTICES).toBe(3);
    expect(addNotice(full, { tone: 'info', message: 'd', shownAt: 1 }, 4).map((n) => n.id)).toEqual([1, 3, 4]);
    const errors = [notice(1, 'error', 'a'), notice(2, 'error', 'b'), notice(3, 'error', 'c')];
    // All errors: the oldest goes; the new info notice is shown all the same.
    expect(addNotice(errors, { tone: 'info', message: 'd', shownAt: 1 }, 4).map((n) => n.id)).toEqual([2, 3, 4]);
  });

  it('does not stack the error of a sample clicked three times', () => {
    const { notify } = useImportStore.getState();
    for (let i = 0; i < 3; i++) notify('error', 'broken.wav cannot be played: damaged');
    for (const message of ['one', 'two', 'three', 'four']) notify('info', message);
    expect(useImportStore.getState().notices.map((n) => [n.tone, n.message])).toEqual([
      ['error', 'broken.wav cannot be played: damaged'],
      ['info', 'three'],
      ['info', 'four'],
    ]);
  });

  it('takes away the notice about an interrupted import once that folder is added again, and no other', () => {
    useImportStore.setState({ notices: [] });
    const { notify, dismissTopic } = useImportStore.getState();
    notify('error', 'The import of Pack stopped at 311 of 1,500 files…', undefined, 'interrupted:1');
    notify('error', 'The import of Kit stopped at 2 of 9 files…', undefined, 'interrupted:2');
    notify('info', 'Pack: 1,500 audio files found, 311 already in the library');
    dismissTopic('interrupted:1');
    expect(useImportStore.getState().notices.map((n) => n.message)).toEqual([
      'The import of Kit stopped at 2 of 9 files…',
      'Pack: 1,500 audio files found, 311 already in the library',
    ]);
  });
});
