import { describe, expect, it } from 'vitest';
import { askToKeepStorage } from '../../src/services/persistentStorage';

function storage(persisted: boolean, grants: boolean | Error) {
  const asked: string[] = [];
  return {
    asked,
    manager: {
      persisted: async () => {
        asked.push('persisted');
        return persisted;
      },
      persist: async () => {
        asked.push('persist');
        if (grants instanceof Error) throw grants;
        return grants;
      },
    },
  };
}

describe('asking the browser to keep the library', () => {
  it('asks once where the storage is not kept yet, and says what the browser answered', async () => {
    const denied = storage(false, false);
    expect(await askToKeepStorage(denied.manager)).toBe(false);
    expect(denied.asked).toEqual(['persisted', 'persist']);
    const granted = storage(false, true);
    expect(await askToKeepStorage(granted.manager)).toBe(true);
  });

  it('does not ask again where the storage is kept already', async () => {
    const kept = storage(true, false);
    expect(await askToKeepStorage(kept.manager)).toBe(true);
    expect(kept.asked).toEqual(['persisted']);
  });

  it('goes on without it where the browser has no such API or refuses to answer', async () => {
    expect(await askToKeepStorage(undefined)).toBe(false);
    expect(await askToKeepStorage(storage(false, new Error('not allowed')).manager)).toBe(false);
  });
});
