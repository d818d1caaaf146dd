import { describe, expect, it } from 'vitest';
import { AiService } from '../../src/ai/aiService';
import { KeyVault } from '../../src/ai/keyVault';
import { createHttpProvider } from '../../src/ai/providers/index';
import { textReply } from '../support/aiServers';
import { ask, failureOf, freshDatabase, KEYS, PASSPHRASE, rawText, serve, setup } from '../support/aiServiceHarness';

describe('KeyVault over IndexedDB', () => {
  it('stores keys as typed (trimmed) without a passphrase, and removes a key set to blank', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    expect(vault.state).toBe('open');
    await vault.setKey('openai', `  ${KEYS.openai}  `);
    await vault.setKey('gemini', KEYS.gemini);
    expect(await db.aiKeys.orderBy('provider').toArray()).toEqual([
      { provider: 'gemini', plain: KEYS.gemini },
      { provider: 'openai', plain: KEYS.openai },
    ]);
    expect(await db.aiState.get('vault')).toBeUndefined();

    const reloaded = new KeyVault(repo);
    await reloaded.load();
    expect(reloaded.state).toBe('open');
    expect(reloaded.get('openai')).toBe(KEYS.openai);
    expect([...reloaded.usableProviders()].sort()).toEqual(['gemini', 'openai']);

    await reloaded.setKey('gemini', '   ');
    expect(await db.aiKeys.toArray()).toEqual([{ provider: 'openai', plain: KEYS.openai }]);
    expect(reloaded.get('gemini')).toBeUndefined();
  });

  it('seals keys with a passphrase: nothing plain is stored, a fresh vault is locked until the right passphrase unlocks it', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('openai', KEYS.openai);
    await vault.setKey('anthropic', KEYS.anthropic);
    await expect(vault.setPassphrase('short')).rejects.toMatchObject({ code: 'usage' });
    await vault.setPassphrase(PASSPHRASE);
    expect(vault.state).toBe('unlocked');
    expect(vault.get('openai')).toBe(KEYS.openai); // still usable in this session

    const records = await db.aiKeys.orderBy('provider').toArray();
    expect(records.map((r) => r.provider)).toEqual(['anthropic', 'openai']);
    for (const record of records) {
      expect(record.plain).toBeUndefined();
      expect(record.sealed).toBeDefined();
      expect(record.sealed!.iv.byteLength).toBe(12);
      // AES-GCM: the ciphertext is the key's length plus a 16-byte tag.
      expect(record.sealed!.data.byteLength).toBe(KEYS[record.provider as 'openai' | 'anthropic'].length + 16);
    }
    const stored = rawText([records, await db.aiState.toArray()]);
    for (const key of [KEYS.openai, KEYS.anthropic, 'OPENAI-secret', 'ANTHROPIC-secret', PASSPHRASE]) expect(stored).not.toContain(key);
    const meta = (await db.aiState.get('vault'))?.value as { salt: Uint8Array; iterations: number } | undefined;
    expect(meta?.salt.byteLength).toBe(16);
    expect(meta?.iterations).toBeGreaterThanOrEqual(100_000);

    // A new session: the keys are there but locked.
    const fresh = new KeyVault(repo);
    await fresh.load();
    expect(fresh.state).toBe('locked');
    expect(fresh.usableProviders().size).toBe(0);
    expect(fresh.get('openai')).toBeUndefined();
    expect([...fresh.storedProviders()].sort()).toEqual(['anthropic', 'openai']);
    await expect(fresh.setKey('gemini', KEYS.gemini)).rejects.toMatchObject({ code: 'ai_locked' });

    const wrong = await failureOf(fresh.unlock('not the passphrase'));
    expect(wrong.code).toBe('ai_locked');
    expect(wrong.message).toMatch(/passphrase/);
    expect(fresh.state).toBe('locked');
    expect(fresh.usableProviders().size).toBe(0);

    let notified = 0;
    fresh.subscribe(() => notified++);
    await fresh.unlock(PASSPHRASE);
    expect(notified).toBeGreaterThan(0);
    expect(fresh.state).toBe('unlocked');
    expect(fresh.get('openai')).toBe(KEYS.openai);
    expect(fresh.get('anthropic')).toBe(KEYS.anthropic);
    expect([...fresh.usableProviders()].sort()).toEqual(['anthropic', 'openai']);

    fresh.lock();
    expect(fresh.state).toBe('locked');
    expect(fresh.get('openai')).toBeUndefined();
  }, 60_000);

  it('stores the keys plain again when the passphrase is removed', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('gemini', KEYS.gemini);
    await vault.setPassphrase(PASSPHRASE);
    expect((await db.aiKeys.toArray())[0]!.plain).toBeUndefined();

    await vault.removePassphrase();
    expect(vault.state).toBe('open');
    expect(await db.aiKeys.toArray()).toEqual([{ provider: 'gemini', plain: KEYS.gemini }]);
    expect(await db.aiState.get('vault')).toBeUndefined();
    const reloaded = new KeyVault(repo);
    await reloaded.load();
    expect(reloaded.state).toBe('open');
    expect(reloaded.get('gemini')).toBe(KEYS.gemini);
  }, 60_000);

  it('never loses a sealed key when an unlocked vault is loaded again', async () => {
    const { db, repo } = freshDatabase();
    const vault = new KeyVault(repo);
    await vault.load();
    await vault.setKey('openai', KEYS.openai);
    await vault.setPassphrase(PASSPHRASE);
    await vault.load(); // e.g. AiService.load() run a second time in the same session
    // Either still unlocked with its keys, or locked again: never "unlocked" with the keys forgotten.
    if (vault.state === 'unlocked') expect(vault.get('openai')).toBe(KEYS.openai);
    else expect(vault.state).toBe('locked');
    await vault.setKey('groq', 'gsk-GROQ-secret-0123456789').catch((error: unknown) => expect(error).toMatchObject({ code: 'ai_locked' }));
    expect((await db.aiKeys.toArray()).map((r) => r.provider)).toContain('openai');
    const fresh = new KeyVault(repo);
    await fresh.load();
    await fresh.unlock(PASSPHRASE);
    expect(fresh.get('openai')).toBe(KEYS.openai);
  }, 60_000);

  it('keeps a locked vault’s cloud providers out of the routing until it is unlocked', async () => {
    const openai = await serve('openai', KEYS.openai);
    const first = await setup({ keys: { openai: KEYS.openai }, providers: { openai }, priority: 'speed' });
    await first.vault.setPassphrase(PASSPHRASE);

    // A new session over the same database.
    const vault = new KeyVault(first.repo);
    const service = new AiService({
      store: first.repo,
      vault,
      createProvider: (id, connection) => createHttpProvider({ id, ...connection }),
      webLlmReady: () => false,
    });
    await service.load();
    expect(vault.state).toBe('locked');
    expect(service.available()).toBe(false);
    expect((await failureOf(service.chat('test', ask()))).code).toBe('ai_no_provider');
    expect(openai.requests).toHaveLength(0);

    await vault.unlock(PASSPHRASE);
    expect(service.chain().map((c) => c.id)).toEqual(['openai']);
    openai.reply(textReply('Unlocked answer.'));
    expect((await service.chat('test', ask())).response.text).toBe('Unlocked answer.');
    expect(openai.requests[0]!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
  }, 60_000);
});

describe('budget and vault edge cases', () => {
  it('never stores a key in plain text next to a passphrase set in another window, and ignores plain ones there', async () => {
    const { repo, db } = freshDatabase();
    const tabA = new KeyVault(repo);
    const tabB = new KeyVault(repo);
    await tabA.load();
    await tabB.load();
    await tabA.setKey('openai', KEYS.openai);
    await tabA.setPassphrase(PASSPHRASE);
    // Tab B never saw the passphrase: its write is refused and it reloads, locked.
    const error = await failureOf(tabB.setKey('groq', 'gsk-plain-from-tab-b'));
    expect(error.code).toBe('ai_locked');
    expect(tabB.state).toBe('locked');
    expect(rawText(await db.aiKeys.toArray())).not.toContain('gsk-plain-from-tab-b');
    expect(rawText(await db.aiKeys.toArray())).not.toContain(KEYS.openai);
    // A plain record that got in anyway (an older version, say) is neither used nor shown while a passphrase is set.
    await db.aiKeys.put({ provider: 'deepseek', plain: KEYS.deepseek });
    const tabC = new KeyVault(repo);
    await tabC.load();
    expect([...tabC.usableProviders()]).toEqual([]);
    expect([...tabC.storedProviders()]).toEqual(['openai']);
    await tabC.unlock(PASSPHRASE);
    expect(tabC.get('openai')).toBe(KEYS.openai);
    expect(tabC.get('deepseek')).toBeUndefined();
  });
});
