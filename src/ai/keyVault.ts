import type { ProviderId } from '../domain/ai/chat';
import { SampleMindError } from '../domain/errors';

export type StoredKey = { provider: string; plain?: string; sealed?: { iv: Uint8Array; data: ArrayBuffer } };

/** Where the keys are stored; AiRepository in the app. */
export interface KeyStore {
  readState<T>(name: 'vault'): Promise<T | undefined>;
  listKeys(): Promise<StoredKey[]>;
  /**
   * Replaces the vault record and every key in one transaction, unless the stored vault record is
   * no longer `expected` (another tab changed the passphrase): then nothing is written and it
   * returns false.
   */
  saveVault(expected: unknown, meta: unknown, records: StoredKey[]): Promise<boolean>;
}

interface VaultMeta {
  salt: Uint8Array;
  iterations: number;
  check: { iv: Uint8Array; data: ArrayBuffer };
}

export type VaultState = 'open' | 'locked' | 'unlocked';

const CHECK_TEXT = 'samplemind-vault';
// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a third of a second on a laptop, once per unlock.
const ITERATIONS = 600_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: salt as BufferSource, iterations, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(key: CryptoKey, text: string): Promise<{ iv: Uint8Array; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, encoder.encode(text)) };
}

async function unseal(key: CryptoKey, sealed: { iv: Uint8Array; data: ArrayBuffer }): Promise<string> {
  return decoder.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, key, sealed.data));
}

/**
 * The user's provider keys. Without a passphrase they are stored as typed (IndexedDB is this
 * origin's alone); with one, each is sealed with AES-GCM under a PBKDF2 key from the passphrase,
 * and nothing can use them until the user unlocks the vault in this session.
 */
export class KeyVault {
  private keys = new Map<string, string>();
  private stored = new Set<string>();
  private cryptoKey: CryptoKey | null = null;
  private meta: VaultMeta | undefined;
  private listeners = new Set<() => void>();

  constructor(private readonly store: KeyStore) {}

  get state(): VaultState {
    if (!this.meta) return 'open';
    return this.cryptoKey ? 'unlocked' : 'locked';
  }

  async load(): Promise<void> {
    // A reload starts locked: keeping an old key with no keys in memory would let the next write drop the sealed ones.
    this.cryptoKey = null;
    this.meta = await this.store.readState<VaultMeta>('vault');
    const records = await this.store.listKeys();
    // With a passphrase set, only sealed keys count: a plain one (written by a tab that had not
    // seen the passphrase yet) is neither used nor shown, and the next write replaces it sealed.
    const counted = this.meta ? records.filter((r) => r.sealed) : records;
    this.stored = new Set(counted.map((record) => record.provider));
    this.keys = this.meta ? new Map() : new Map(counted.filter((r) => r.plain !== undefined).map((r) => [r.provider, r.plain!]));
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The key for a provider, only while usable (stored and not locked). */
  get(provider: ProviderId): string | undefined {
    return this.keys.get(provider);
  }

  /** Providers with a key stored, locked or not. */
  storedProviders(): ReadonlySet<string> {
    return this.stored;
  }

  usableProviders(): ReadonlySet<ProviderId> {
    return new Set(this.keys.keys() as Iterable<ProviderId>);
  }

  async setKey(provider: ProviderId, key: string | null): Promise<void> {
    if (this.state === 'locked') throw new SampleMindError('ai_locked', 'Unlock your keys with the passphrase first.');
    const trimmed = key?.trim() ?? '';
    if (trimmed === '') this.keys.delete(provider);
    else this.keys.set(provider, trimmed);
    await this.persist(this.meta, this.cryptoKey);
  }

  async setPassphrase(passphrase: string): Promise<void> {
    if (this.state === 'locked') throw new SampleMindError('ai_locked', 'Unlock your keys with the current passphrase first.');
    if (passphrase.length < 8) throw new SampleMindError('usage', 'Use a passphrase of at least 8 characters.');
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await deriveKey(passphrase, salt, ITERATIONS);
    await this.persist({ salt, iterations: ITERATIONS, check: await seal(key, CHECK_TEXT) }, key);
  }

  async unlock(passphrase: string): Promise<void> {
    if (!this.meta) return;
    const key = await deriveKey(passphrase, this.meta.salt, this.meta.iterations);
    try {
      if ((await unseal(key, this.meta.check)) !== CHECK_TEXT) throw new Error('check');
    } catch {
      throw new SampleMindError('ai_locked', 'That passphrase does not unlock your keys.');
    }
    const records = await this.store.listKeys();
    const keys = new Map<string, string>();
    for (const record of records) if (record.sealed) keys.set(record.provider, await unseal(key, record.sealed));
    this.cryptoKey = key;
    this.keys = keys;
    this.changed();
  }

  /** Forgets the keys in memory; they need the passphrase again. */
  lock(): void {
    if (!this.meta) return;
    this.cryptoKey = null;
    this.keys.clear();
    this.changed();
  }

  /** Stores the keys plain again (needs the vault unlocked). */
  async removePassphrase(): Promise<void> {
    if (this.state === 'locked') throw new SampleMindError('ai_locked', 'Unlock your keys with the passphrase first.');
    await this.persist(undefined, null);
  }

  /** Writes the keys (sealed under `cryptoKey` when there is one) and the vault record together. */
  private async persist(meta: VaultMeta | undefined, cryptoKey: CryptoKey | null): Promise<void> {
    const records: StoredKey[] = [];
    for (const [provider, key] of this.keys) {
      records.push(cryptoKey ? { provider, sealed: await seal(cryptoKey, key) } : { provider, plain: key });
    }
    if (!(await this.store.saveVault(this.meta, meta, records))) {
      await this.load();
      throw new SampleMindError('ai_locked', 'Your keys were changed in another window. Unlock them again to continue.');
    }
    this.meta = meta;
    this.cryptoKey = cryptoKey;
    this.stored = new Set(this.keys.keys());
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
