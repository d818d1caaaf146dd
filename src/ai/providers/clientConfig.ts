import type { ProviderId } from '../../domain/ai/chat';
import type { HttpDeps } from '../http';

/** What each wire-format client needs to know about the provider it talks to. */
export interface ProviderClientConfig {
  id: ProviderId;
  /** The name users know it by, for error messages ("OpenAI refused the key ..."). */
  label: string;
  /** Without a trailing slash. */
  baseUrl: string;
  apiKey?: string;
  deps?: HttpDeps;
}
