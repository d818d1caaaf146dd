import { monthStart } from '../domain/ai/budget';
import type { ProviderUsage } from '../domain/ai/requestLog';
import type { AiKeyRecord, AiRequestRecord, SampleMindDatabase } from './schema';

/** The AI layer's storage: settings, keys (plain or sealed) and the request log. Keys never leave this table except to their provider. */
export class AiRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  async readState<T>(name: 'settings' | 'vault' | 'spend'): Promise<T | undefined> {
    return (await this.db.aiState.get(name))?.value as T | undefined;
  }

  async writeState(name: 'settings' | 'vault', value: unknown): Promise<void> {
    await this.db.aiState.put({ name, value });
  }

  async deleteState(name: 'settings' | 'vault'): Promise<void> {
    await this.db.aiState.delete(name);
  }

  listKeys(): Promise<AiKeyRecord[]> {
    return this.db.aiKeys.toArray();
  }

  async putKey(record: AiKeyRecord): Promise<void> {
    await this.db.aiKeys.put(record);
  }

  async putKeys(records: readonly AiKeyRecord[]): Promise<void> {
    await this.db.transaction('rw', this.db.aiKeys, async () => {
      await this.db.aiKeys.clear();
      await this.db.aiKeys.bulkPut([...records]);
    });
  }

  /**
   * The key vault's one write: its record (the passphrase's salt and check; absent for none) and
   * every key, in one transaction, only if the stored record is still the one the caller loaded
   * (compared by its salt), so a passphrase set in another tab is never overwritten with plain keys.
   */
  async saveVault(expected: unknown, meta: unknown, records: readonly AiKeyRecord[]): Promise<boolean> {
    return this.db.transaction('rw', this.db.aiKeys, this.db.aiState, async () => {
      const current = (await this.db.aiState.get('vault'))?.value;
      if (!sameVault(current, expected)) return false;
      if (meta === undefined) await this.db.aiState.delete('vault');
      else await this.db.aiState.put({ name: 'vault', value: meta });
      await this.db.aiKeys.clear();
      await this.db.aiKeys.bulkPut([...records]);
      return true;
    });
  }

  async deleteKey(provider: string): Promise<void> {
    await this.db.aiKeys.delete(provider);
  }

  /** Logs a request and adds its cost to its month's spend, together (the spend outlives a cleared log). */
  async logRequest(record: Omit<AiRequestRecord, 'id'>): Promise<number> {
    return this.db.transaction('rw', this.db.aiRequests, this.db.aiState, async () => {
      const id = (await this.db.aiRequests.add(record as AiRequestRecord)) as number;
      if (record.cost > 0) {
        const spend = ((await this.db.aiState.get('spend'))?.value as Record<string, number> | undefined) ?? {};
        const month = String(monthStart(record.at));
        await this.db.aiState.put({ name: 'spend', value: { ...spend, [month]: (spend[month] ?? 0) + record.cost } });
      }
      return id;
    });
  }

  /** The newest requests first. */
  async recentRequests(limit: number): Promise<AiRequestRecord[]> {
    return this.db.aiRequests.orderBy('at').reverse().limit(limit).toArray();
  }

  /** Dollars spent in the months starting at or after `since` (a month's first ms), all providers; kept when the log is cleared. */
  async spentSince(since: number): Promise<number> {
    const spend = ((await this.db.aiState.get('spend'))?.value as Record<string, number> | undefined) ?? {};
    return Object.entries(spend).reduce((total, [month, dollars]) => (Number(month) >= since ? total + dollars : total), 0);
  }

  /** Requests, tokens and dollars per provider since `since` (ms), answered requests only. */
  async usageSince(since: number): Promise<ProviderUsage[]> {
    const usage = new Map<string, ProviderUsage>();
    await this.db.aiRequests
      .where('at')
      .aboveOrEqual(since)
      .each((request) => {
        if (request.status !== 'ok') return;
        const row = usage.get(request.provider) ?? { provider: request.provider, requests: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
        row.requests++;
        row.inputTokens += request.inputTokens;
        row.outputTokens += request.outputTokens;
        row.cost += request.cost;
        usage.set(request.provider, row);
      });
    return [...usage.values()];
  }

  async clearLog(): Promise<void> {
    await this.db.aiRequests.clear();
  }
}

/** Two vault records are the same passphrase when their salts are (both absent: no passphrase). */
function sameVault(a: unknown, b: unknown): boolean {
  const salt = (v: unknown): string => {
    const bytes = (v as { salt?: Uint8Array } | undefined)?.salt;
    return bytes ? Array.from(bytes).join(',') : '';
  };
  return (a === undefined) === (b === undefined) && salt(a) === salt(b);
}
