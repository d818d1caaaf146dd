/**
 * Shared set-up for the AiService integration tests: fake keys, fresh IndexedDB databases and mock
 * servers cleaned up after each test, an AiService wired to them, and helpers to read the request log.
 */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { AiService } from '../../src/ai/aiService';
import { KeyVault } from '../../src/ai/keyVault';
import { createHttpProvider } from '../../src/ai/providers/index';
import { AiRepository } from '../../src/db/aiRepository';
import { SampleMindDatabase, type AiRequestRecord } from '../../src/db/schema';
import type { AiPriority, AiSettings } from '../../src/domain/ai/aiSettings';
import type { ChatMessage, ProviderId } from '../../src/domain/ai/chat';
import { startAiServer, type AiServer, type AiWireFormat } from './aiServers';

export { failureOf } from './failures';

export const KEYS = {
  openai: 'sk-proj-OPENAI-secret-0123456789abcdef',
  anthropic: 'sk-ant-api03-ANTHROPIC-secret-0123456789',
  gemini: 'AIzaSy-GEMINI-secret-0123456789abcdef',
  deepseek: 'sk-DEEPSEEK-secret-0123456789abcdef',
} as const;
export const ALL_KEYS: string[] = Object.values(KEYS);
export const PASSPHRASE = 'correct horse battery staple';

let dbCount = 0;
const databases: SampleMindDatabase[] = [];
const servers: AiServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const db of databases.splice(0)) {
    db.close();
    await db.delete();
  }
});

export function freshDatabase(): { db: SampleMindDatabase; repo: AiRepository } {
  const db = new SampleMindDatabase(`ai-service-test-${++dbCount}-${Date.now()}`);
  databases.push(db);
  return { db, repo: new AiRepository(db) };
}

export async function serve(format: AiWireFormat, apiKey?: string): Promise<AiServer> {
  const server = await startAiServer(format, apiKey === undefined ? {} : { apiKey });
  servers.push(server);
  return server;
}

export interface Setup {
  db: SampleMindDatabase;
  repo: AiRepository;
  vault: KeyVault;
  service: AiService;
}

export interface SetupOptions {
  keys?: Partial<Record<ProviderId, string>>;
  /** Providers to enable, each at a mock server (or any base URL). */
  providers?: Partial<Record<ProviderId, string | AiServer>>;
  priority?: AiPriority;
  monthlyBudget?: number;
  now?: () => number;
}

export async function setup(options: SetupOptions = {}): Promise<Setup> {
  const { db, repo } = freshDatabase();
  const vault = new KeyVault(repo);
  const service = new AiService({
    store: repo,
    vault,
    createProvider: (id, connection) => createHttpProvider({ id, ...connection }),
    webLlmReady: () => false,
    ...(options.now ? { now: options.now } : {}),
  });
  await service.load();
  for (const [provider, key] of Object.entries(options.keys ?? {})) await vault.setKey(provider as ProviderId, key);
  const enabled = options.providers ?? {};
  const patch: Partial<AiSettings> = {
    providers: service.settings.providers.map((provider) => {
      const at = enabled[provider.id];
      if (at === undefined) return provider;
      return { ...provider, enabled: true, baseUrl: typeof at === 'string' ? at : at.baseUrl };
    }),
  };
  if (options.priority) patch.priority = options.priority;
  if (options.monthlyBudget !== undefined) patch.monthlyBudget = options.monthlyBudget;
  await service.saveSettings(patch);
  return { db, repo, vault, service };
}

/** The request log, oldest first. */
export const logOf = (db: SampleMindDatabase): Promise<AiRequestRecord[]> => db.aiRequests.orderBy('id').toArray();

export const ask = (text = 'Name a punchy kick.'): { messages: ChatMessage[]; maxTokens: number } => ({
  messages: [{ role: 'user', content: text }],
  maxTokens: 64,
});

/** Everything stored, as text: strings as they are, byte buffers as latin1, so a stored secret shows up whatever its shape. */
export function rawText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('latin1');
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  if (Array.isArray(value)) return value.map(rawText).join('\n');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${k}=${rawText(v)}`)
      .join('\n');
  return String(value);
}
