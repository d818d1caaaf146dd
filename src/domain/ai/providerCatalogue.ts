import type { ProviderId } from './chat';

/** Which wire format a provider speaks (src/ai/providers has one client per format). */
export type WireFormat = 'webllm' | 'openai' | 'anthropic' | 'gemini';

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  wire: WireFormat;
  /** Runs on this device or on a server the user runs: privacy-first routing may use it. */
  local: boolean;
  /** A key is required before it is used (local servers take an optional one). */
  needsKey: boolean;
  defaultBaseUrl: string;
  defaultModel: string;
  /** Rough ranks for routing, 1 (best) to 5, from published benchmarks of the default models. */
  speed: number;
  quality: number;
  /** Accepts OpenAI's `response_format: {type: 'json_schema'}`; otherwise JSON mode plus the schema in the prompt. */
  jsonSchema: boolean;
}

/**
 * The providers and their documented endpoints. Base URLs are editable per provider (the tests
 * point them at local servers that speak the same wire formats).
 */
export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 'webllm',
    label: 'In this browser (WebLLM)',
    wire: 'webllm',
    local: true,
    needsKey: false,
    defaultBaseUrl: '',
    defaultModel: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    speed: 4,
    quality: 5,
    jsonSchema: true,
  },
  {
    id: 'ollama',
    label: 'Ollama (local server)',
    wire: 'openai',
    local: true,
    needsKey: false,
    defaultBaseUrl: 'http://localhost:11434/v1',
    defaultModel: 'llama3.2',
    speed: 3,
    quality: 4,
    jsonSchema: true,
  },
  {
    id: 'custom',
    label: 'OpenAI-compatible server',
    wire: 'openai',
    local: true,
    needsKey: false,
    defaultBaseUrl: 'http://localhost:8080/v1',
    defaultModel: 'default',
    speed: 3,
    quality: 4,
    jsonSchema: false,
  },
  {
    id: 'openai',
    label: 'OpenAI',
    wire: 'openai',
    local: false,
    needsKey: true,
    defaultBaseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-4o-mini',
    speed: 2,
    quality: 2,
    jsonSchema: true,
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    wire: 'anthropic',
    local: false,
    needsKey: true,
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    defaultModel: 'claude-3-5-haiku-latest',
    speed: 2,
    quality: 1,
    jsonSchema: false,
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    wire: 'gemini',
    local: false,
    needsKey: true,
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    defaultModel: 'gemini-2.0-flash',
    speed: 1,
    quality: 2,
    jsonSchema: true,
  },
  {
    id: 'groq',
    label: 'Groq',
    wire: 'openai',
    local: false,
    needsKey: true,
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    defaultModel: 'llama-3.3-70b-versatile',
    speed: 1,
    quality: 3,
    jsonSchema: false,
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    wire: 'openai',
    local: false,
    needsKey: true,
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    defaultModel: 'deepseek-chat',
    speed: 3,
    quality: 2,
    jsonSchema: false,
  },
];

export function providerInfo(id: ProviderId): ProviderInfo {
  const info = PROVIDERS.find((provider) => provider.id === id);
  if (!info) throw new Error(`unknown provider ${id}`);
  return info;
}

/** A provider's name for display, from any stored id (an id from a newer version shows as is). */
export function providerLabel(id: string): string {
  return PROVIDERS.find((provider) => provider.id === id)?.label ?? id;
}
