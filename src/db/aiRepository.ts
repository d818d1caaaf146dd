import type { AiKeyRecord, AiRequestRecord, SampleMindDatabase } from './schema';

/** The AI layer's storage: settings, keys (plain or sealed) and the request log. Keys never leave this table except to their provider. */
export class AiRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  async readState<T>(name: 'settings' | 'vault'): Promise<T | undefined> {
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

  async deleteKey(provider: string): Promise<void> {
    await this.db.aiKeys.delete(provider);
  }

  async logRequest(record: Omit<AiRequestRecord, 'id'>): Promise<number> {
    return (await this.db.aiRequests.add(record as AiRequestRecord)) as number;
  }

  /** The newest requests first. */
  async recentRequests(limit: number): Promise<AiRequestRecord[]> {
    return this.db.aiRequests.orderBy('at').reverse().limit(limit).toArray();
  }

  /** Dollars spent since `since` (ms), all providers. */
  async spentSince(since: number): Promise<number> {
    let total = 0;
    await this.db.aiRequests
      .where('at')
      .aboveOrEqual(since)
      .each((request) => (total += request.cost));
    return total;
  }

  /** Requests, tokens and dollars per provider since `since` (ms), answered requests only. */
  async usageSince(
    since: number,
  ): Promise<{ provider: string; requests: number; inputTokens: number; outputTokens: number; cost: number }[]> {
    const usage = new Map<string, { provider: string; requests: number; inputTokens: number; outputTokens: number; cost: number }>();
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
