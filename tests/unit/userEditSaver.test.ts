import { describe, expect, it } from 'vitest';
import type { UserEdit } from '../../src/domain/library/organise';
import { EDITS_PER_WRITE, UserEditSaver, type SavingProgress } from '../../src/services/userEditSaver';

const tagged = (count: number, tag: string, from = 0): UserEdit[] =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, fields: { tags: [tag] } }));

/** A database stand-in that records each write, taking a moment for it; the call numbered `failing` throws. */
function recordingWriter(failing = -1) {
  const writes: UserEdit[][] = [];
  let calls = 0;
  return {
    writes,
    async applyUserEdits(edits: readonly UserEdit[]): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (calls++ === failing) throw new Error('QuotaExceededError');
      writes.push([...edits]);
    },
  };
}

function recordingGuard() {
  const states: boolean[] = [];
  return { states, set: (on: boolean) => void states.push(on) };
}

describe('saving organising edits in slices', () => {
  it('writes a large edit in slices, in order, reporting how far it has got, and asks before unload only meanwhile', async () => {
    const writer = recordingWriter();
    const progress: (SavingProgress | null)[] = [];
    const guard = recordingGuard();
    const saver = new UserEditSaver(writer, (p) => progress.push(p), guard);
    const edits = tagged(EDITS_PER_WRITE * 2 + 7, 'dark');
    const outcome = await saver.save(edits, 'Tagged 1,007 samples #dark');
    expect(outcome).toEqual({ saved: edits.length, unsaved: [], error: null });
    expect(writer.writes.map((w) => w.length)).toEqual([EDITS_PER_WRITE, EDITS_PER_WRITE, 7]);
    expect(writer.writes.flat()).toEqual(edits);
    expect(progress).toEqual([
      { label: 'Tagged 1,007 samples #dark', saved: EDITS_PER_WRITE, total: edits.length },
      { label: 'Tagged 1,007 samples #dark', saved: EDITS_PER_WRITE * 2, total: edits.length },
      { label: 'Tagged 1,007 samples #dark', saved: edits.length, total: edits.length },
      null,
    ]);
    expect(guard.states).toEqual([true, false]);
  });

  it('writes an undo after the edit it undoes, even when asked for while that edit is being written', async () => {
    const writer = recordingWriter();
    const guard = recordingGuard();
    const saver = new UserEditSaver(writer, undefined, guard);
    const edit = saver.save(tagged(EDITS_PER_WRITE * 3, 'oops'), 'Tagged');
    const undo = saver.save(tagged(EDITS_PER_WRITE * 3, ''), 'Undo');
    await Promise.all([edit, undo]);
    expect(writer.writes.map((w) => w[0]!.fields.tags![0])).toEqual(['oops', 'oops', 'oops', '', '', '']);
    expect(guard.states).toEqual([true, false]); // on for the two saves together, off once both are done
  });

  it('hands back what a failed write left unsaved, and goes on with the next save', async () => {
    const writer = recordingWriter(1);
    const saver = new UserEditSaver(writer, undefined, recordingGuard());
    const edits = tagged(EDITS_PER_WRITE * 3, 'dark');
    const outcome = await saver.save(edits, 'Tagged');
    expect(outcome.saved).toBe(EDITS_PER_WRITE);
    expect(outcome.unsaved).toEqual(edits.slice(EDITS_PER_WRITE));
    expect(String(outcome.error)).toContain('QuotaExceededError');
    expect(await saver.save(tagged(3, 'next'), 'Next')).toMatchObject({ saved: 3, error: null });
  });

  it('reports no progress for an edit that fits one write (it would only flicker)', async () => {
    const progress: (SavingProgress | null)[] = [];
    const saver = new UserEditSaver(recordingWriter(), (p) => progress.push(p), recordingGuard());
    await saver.save(tagged(EDITS_PER_WRITE, 'dark'), 'Tagged');
    expect(progress).toEqual([null]);
  });
});
