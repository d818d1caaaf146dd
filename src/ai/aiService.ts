import { completeAiSettings, type AiSettings } from '../domain/ai/aiSettings';
import type { AiRequestLogEntry, ProviderUsage } from '../domain/ai/requestLog';
import { checkBudget, monthStart, worstCaseTokens } from '../domain/ai/budget';
import type { ChatOptions, ChatProvider, ChatRequest, ChatResponse, ProviderId, SentRequest } from '../domain/ai/chat';
import { costOf, priceOf } from '../domain/ai/prices';
import { providerInfo } from '../domain/ai/providerCatalogue';
import { noProviderMessage, routeCandidates, routeChain, type RouteCandidate } from '../domain/ai/router';
import { SampleMindError, toErrorInfo, type ErrorCode } from '../domain/errors';
import type { KeyVault } from './keyVault';

export type { ProviderUsage } from '../domain/ai/requestLog';

/** What the AI layer is asked to do; the request log names it. */
export type AiTask = 'search' | 'describe' | 'assistant' | 'test';

/** A log entry as the service writes it (storage keeps provider and task as plain strings). */
export type AiLogEntry = Omit<AiRequestLogEntry, 'task' | 'provider'> & { task: AiTask; provider: ProviderId };

/** A log entry as read back. */
export type StoredLogEntry = AiRequestLogEntry & { id?: number };

export interface AiStore {
  readState<T>(name: 'settings'): Promise<T | undefined>;
  writeState(name: 'settings', value: unknown): Promise<void>;
  logRequest(entry: AiLogEntry): Promise<number>;
  spentSince(since: number): Promise<number>;
  recentRequests(limit: number): Promise<StoredLogEntry[]>;
  clearLog(): Promise<void>;
  usageSince(since: number): Promise<ProviderUsage[]>;
}

export interface AiServiceDeps {
  store: AiStore;
  vault: KeyVault;
  /** Builds the client for a provider (HTTP clients, or the in-browser model). */
  createProvider(id: ProviderId, connection: { baseUrl: string; apiKey?: string }): ChatProvider;
  /** Whether the in-browser model is downloaded and can run here. */
  webLlmReady(): boolean;
  now?(): number;
}

export interface AiAnswer {
  response: ChatResponse;
  provider: ProviderId;
  model: string;
}

/** Failures where the provider answered with an error status before doing any work: nothing is billed. */
const REFUSED_BY_STATUS: ReadonlySet<ErrorCode> = new Set(['ai_unauthorized', 'ai_rate_limited', 'ai_unavailable', 'ai_over_budget']);

/** Output tokens assumed for the budget when a request sets no limit. */
const DEFAULT_MAX_TOKENS = 1024;

/**
 * The AI layer's single door: every request goes through here, so routing, the budget, the
 * fallback chain and the request log apply to all of them. Keys come from the vault at send
 * time and go only to their own provider's client.
 */
export class AiService {
  private current: AiSettings = completeAiSettings(undefined);
  private listeners = new Set<() => void>();
  private readonly now: () => number;
  /** Worst-case dollars of requests in flight, counted as spent so concurrent requests cannot overrun the budget together. */
  private reserved = 0;
  /** Counts changes, for React's useSyncExternalStore. */
  version = 0;

  constructor(private readonly deps: AiServiceDeps) {
    this.now = deps.now ?? Date.now;
    deps.vault.subscribe(() => this.changed());
  }

  get vault(): KeyVault {
    return this.deps.vault;
  }

  /** The request log, newest first. */
  requestLog(limit = 200): Promise<StoredLogEntry[]> {
    return this.deps.store.recentRequests(limit);
  }

  async clearLog(): Promise<void> {
    await this.deps.store.clearLog();
    this.changed();
  }

  get settings(): AiSettings {
    return this.current;
  }

  async load(): Promise<void> {
    this.current = completeAiSettings(await this.deps.store.readState<Partial<AiSettings>>('settings'));
    await this.deps.vault.load();
    this.changed();
  }

  async saveSettings(patch: Partial<AiSettings>): Promise<void> {
    this.current = { ...this.current, ...patch };
    // Listeners hear at once, so a controlled input shows the change in the same event.
    this.changed();
    await this.deps.store.writeState('settings', this.current);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners something they show changed (the in-browser model finished downloading, say). */
  changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  /** The providers that would answer now, in the order they would be tried. */
  chain(): RouteCandidate[] {
    return routeChain(this.candidates(), this.current.priority);
  }

  /** Cloud providers ready to answer (enabled, key unlocked) that Private leaves out: a saved key there is unused. */
  idleCloudProviders(): RouteCandidate[] {
    return this.current.priority === 'privacy' ? this.candidates().filter((c) => !c.local) : [];
  }

  private candidates(): RouteCandidate[] {
    return routeCandidates(this.current, { keys: this.deps.vault.usableProviders(), webLlmReady: this.deps.webLlmReady() });
  }

  available(): boolean {
    return this.chain().length > 0;
  }

  /** Per provider, this calendar month. */
  usageThisMonth(): Promise<ProviderUsage[]> {
    return this.deps.store.usageSince(monthStart(this.now()));
  }

  spentThisMonth(): Promise<number> {
    return this.deps.store.spentSince(monthStart(this.now()));
  }

  /**
   * Sends a request to the first provider of the chain that can take it, falling back to the next
   * on failure. Over-budget providers are skipped (logged as refused). Once answer text has
   * streamed to the caller there is no fallback: the caller would see two answers mixed.
   */
  async chat(task: AiTask, request: Omit<ChatRequest, 'model'>, options: ChatOptions = {}): Promise<AiAnswer> {
    const chain = this.chain();
    if (chain.length === 0) {
      const candidates = routeCandidates(this.current, { keys: this.deps.vault.usableProviders(), webLlmReady: this.deps.webLlmReady() });
      throw new SampleMindError('ai_no_provider', noProviderMessage(this.current, candidates));
    }
    const failures: { label: string; code: ErrorCode; message: string }[] = [];
    for (const candidate of chain) {
      const info = providerInfo(candidate.id);
      const full: ChatRequest = { ...request, model: candidate.model };
      const { refusal, reserve } = await this.budget(candidate, full);
      if (refusal) {
        await this.log(task, candidate, { url: '', body: '' }, 'refused', { error: refusal });
        failures.push({ label: info.label, code: 'ai_over_budget', message: refusal });
        continue;
      }
      // `reserve` is already counted as spent (budget() reserved it): released in `finally`.
      const settings = this.current.providers.find((p) => p.id === candidate.id)!;
      let sent: SentRequest = { url: candidate.id === 'webllm' ? 'webllm:local' : settings.baseUrl, body: JSON.stringify(full) };
      let streamed = false;
      let reachedProvider = false;
      const started = this.now();
      try {
        const provider = this.deps.createProvider(candidate.id, { baseUrl: settings.baseUrl, apiKey: this.deps.vault.get(candidate.id) });
        const response = await provider.chat(full, {
          ...options,
          onSend: (request) => {
            sent = request;
            reachedProvider = true;
            options.onSend?.(request);
          },
          onText: (delta) => {
            streamed = true;
            options.onText?.(delta);
          },
        });
        const price = priceOf(this.current.prices, candidate.id, candidate.model, candidate.local) ?? {
          inputPerMillion: 0,
          outputPerMillion: 0,
        };
        // Usage the provider did not report is only an estimate: the reserved worst case is counted instead.
        const cost = response.usage.estimated ? Math.max(reserve, costOf(response.usage, price)) : costOf(response.usage, price);
        await this.log(task, candidate, sent, 'ok', { usage: response.usage, cost, started });
        return { response, provider: candidate.id, model: candidate.model };
      } catch (error) {
        const info2 = toErrorInfo(error, 'ai_bad_response');
        const cancelled = info2.code === 'cancelled';
        // A request the provider received and did not refuse with a status (cancelled, cut off, timed
        // out mid-answer) may be billed: the month is charged its reserved worst case.
        const cost = reachedProvider && !REFUSED_BY_STATUS.has(info2.code) ? reserve : 0;
        await this.log(task, candidate, sent, cancelled ? 'cancelled' : 'failed', { error: info2.message, started, cost });
        if (cancelled || streamed) throw error;
        failures.push({ label: info.label, code: info2.code, message: info2.message });
      } finally {
        this.reserved -= reserve;
      }
    }
    const last = failures[failures.length - 1]!;
    if (failures.length === 1) throw new SampleMindError(last.code, last.message);
    throw new SampleMindError(last.code, failures.map((f) => `${f.label}: ${f.message}`).join(' · '));
  }

  private async budget(candidate: RouteCandidate, request: ChatRequest): Promise<{ refusal: string | null; reserve: number }> {
    if (candidate.local) return { refusal: null, reserve: 0 };
    const price = priceOf(this.current.prices, candidate.id, candidate.model, false);
    const label = providerInfo(candidate.id).label;
    if (!price) {
      const refusal = `The price of ${label}'s ${candidate.model} is not in the price table, so the budget cannot be kept. Add it in AI settings.`;
      return { refusal, reserve: 0 };
    }
    const check = checkBudget({
      spentThisMonth: (await this.spentThisMonth()) + this.reserved,
      monthlyBudget: this.current.monthlyBudget,
      price,
      worstCase: worstCaseTokens(request, DEFAULT_MAX_TOKENS),
      providerLabel: label,
    });
    if (!check.allowed) return { refusal: check.message, reserve: 0 };
    // Reserved here, in the same task as the check: a request checked meanwhile already counts it.
    this.reserved += check.worstCase;
    return { refusal: null, reserve: check.worstCase };
  }

  private async log(
    task: AiTask,
    candidate: RouteCandidate,
    sent: SentRequest,
    status: AiLogEntry['status'],
    extra: { error?: string; usage?: { inputTokens: number; outputTokens: number }; cost?: number; started?: number },
  ): Promise<void> {
    const at = this.now();
    await this.deps.store.logRequest({
      at,
      task,
      provider: candidate.id,
      model: candidate.model,
      url: sent.url,
      body: sent.body,
      status,
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      inputTokens: extra.usage?.inputTokens ?? 0,
      outputTokens: extra.usage?.outputTokens ?? 0,
      cost: extra.cost ?? 0,
      durationMs: extra.started === undefined ? 0 : at - extra.started,
    });
    this.changed();
  }
}
