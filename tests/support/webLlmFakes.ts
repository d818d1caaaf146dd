/** Shared fixtures for the WebLLM provider and tool-protocol tests. */
import type { ToolDefinition } from '../../src/domain/ai/chat';

/** Two tools a local model can be offered. */
export const TOOLS: ToolDefinition[] = [
  { name: 'search_samples', description: 'Find samples', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
  { name: 'tag_sample', description: 'Tag one sample', parameters: { type: 'object', properties: { id: { type: 'number' } } } },
];
