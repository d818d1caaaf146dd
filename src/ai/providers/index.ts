/**
 * The HTTP chat clients, one per wire format, chosen from the provider catalogue. The in-browser
 * WebLLM provider is not HTTP and lives elsewhere.
 */
import type { ChatProvider, ProviderId } from '../../domain/ai/chat';
import { providerInfo } from '../../domain/ai/providerCatalogue';
import type { HttpDeps } from '../http';
import { createAnthropicProvider } from './anthropic';
import type { ProviderClientConfig } from './clientConfig';
import { createGeminiProvider } from './gemini';
import { createOpenAiCompatibleProvider } from './openAiCompatible';

export interface ProviderConnection {
  id: ProviderId;
  baseUrl: string;
  apiKey?: string;
}

export type { HttpDeps } from '../http';

/** A ChatProvider that talks to `connection` over HTTP. Throws for 'webllm', which runs in the browser. */
export function createHttpProvider(connection: ProviderConnection, deps?: HttpDeps): ChatProvider {
  const info = providerInfo(connection.id);
  const config: ProviderClientConfig = {
    id: connection.id,
    label: info.label,
    baseUrl: connection.baseUrl.trim().replace(/\/+$/, ''),
    // An empty or blank key field means no key: send no auth header rather than an empty one.
    apiKey: connection.apiKey?.trim() || undefined,
    deps,
  };
  switch (info.wire) {
    case 'openai':
      return createOpenAiCompatibleProvider(config);
    case 'anthropic':
      return createAnthropicProvider(config);
    case 'gemini':
      return createGeminiProvider(config);
    case 'webllm':
      throw new Error(`${info.label} is not an HTTP provider: create it with the WebLLM provider instead.`);
  }
}
