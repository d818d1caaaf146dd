import type { ChatMessage } from '../../domain/ai/chat';
import {
  KIT_TOOLS,
  kitSystemMessage,
  readSearchArguments,
  referencedSampleIds,
  type SearchSamplesArguments,
} from '../../domain/ai/kitTools';
import type { SampleFacts } from '../../domain/ai/sampleFacts';
import { SampleMindError } from '../../domain/errors';
import type { AiService } from '../aiService';

export interface AssistantReply {
  text: string;
  /** Samples the answer refers to, all from this conversation's tool results, in the answer's order. */
  sampleIds: number[];
  /** How many searches the assistant ran for this reply. */
  searches: number;
}

/** Tool rounds per reply before the assistant must answer: enough for a kit's worth of searches. */
const MAX_ROUNDS = 6;

/**
 * One kit-assistant conversation. The model searches the library through `search_samples`; the
 * reply keeps only sample references the searches returned, so it can never offer a sample
 * that is not in the library.
 */
export class KitConversation {
  private readonly messages: ChatMessage[] = [kitSystemMessage()];
  private readonly returned = new Set<number>();

  constructor(
    private readonly ai: AiService,
    private readonly searchLibrary: (args: SearchSamplesArguments) => SampleFacts[],
  ) {}

  async send(userText: string, options: { signal?: AbortSignal; onText?: (delta: string) => void } = {}): Promise<AssistantReply> {
    this.messages.push({ role: 'user', content: userText });
    let searches = 0;
    for (let round = 0; round <= MAX_ROUNDS; round++) {
      const lastRound = round === MAX_ROUNDS;
      const answer = await this.ai.chat(
        'assistant',
        // The last round keeps the tools declared (the history holds calls to them) but asks for the answer.
        { messages: this.messages, tools: [...KIT_TOOLS], toolChoice: lastRound ? 'none' : 'auto', maxTokens: 700, temperature: 0.4 },
        { signal: options.signal, onText: options.onText, timeoutMs: 60_000 },
      );
      const { text, toolCalls } = answer.response;
      if (toolCalls.length === 0) {
        this.messages.push({ role: 'assistant', content: text });
        const { ids } = referencedSampleIds(text, this.returned);
        return { text, sampleIds: ids, searches };
      }
      this.messages.push({ role: 'assistant', content: text, toolCalls });
      for (const call of toolCalls) {
        searches++;
        this.messages.push({ role: 'tool', toolCallId: call.id, toolName: call.name, content: this.runTool(call.name, call.arguments) });
      }
    }
    throw new SampleMindError('ai_bad_response', 'The assistant kept searching without answering.');
  }

  private runTool(name: string, json: string): string {
    if (name !== 'search_samples') return JSON.stringify({ error: `There is no tool called ${name}.` });
    const args = readSearchArguments(json);
    if (typeof args === 'string') return JSON.stringify({ error: args });
    const found = this.searchLibrary(args);
    for (const facts of found) this.returned.add(facts.id);
    return JSON.stringify({ count: found.length, samples: found });
  }
}
