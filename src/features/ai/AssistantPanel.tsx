import { useEffect, useRef, useState } from 'react';
import { KitConversation } from '../../ai/tasks/kitAssistant';
import { sampleFacts } from '../../domain/ai/sampleFacts';
import { toErrorInfo } from '../../domain/errors';
import { findRows, useLibraryStore } from '../../state/libraryStore';
import { AssistantReplyView } from './AssistantReply';
import { useAi } from './useAi';

interface Turn {
  role: 'user' | 'assistant';
  text: string;
  sampleIds: number[];
  error?: boolean;
}

const EXAMPLES = ['a lo-fi kit at 85 bpm in A minor', 'punchy trap drums, hard 808', 'a house kit around 124 bpm'];

/** A chat that assembles kits from the user's own library: the model searches through a tool and answers with real samples. */
export function AssistantPanel({ onOpenSettings, onDone }: { onOpenSettings(): void; onDone(): void }) {
  const ai = useAi();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [streaming, setStreaming] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const conversation = useRef<KitConversation | null>(null);
  const available = ai.available();
  // Closing the dialog stops the answer in progress (no more tool rounds, no fallback to another provider).
  useEffect(() => () => abort.current?.abort(), []);

  const send = async (text: string): Promise<void> => {
    const question = text.trim();
    if (!question || abort.current) return;
    conversation.current ??= new KitConversation(ai, ({ query, limit }) =>
      findRows(useLibraryStore.getState().rows, query, limit).map((row) => sampleFacts(row, { includeName: ai.settings.sendFileNames })),
    );
    setTurns((t) => [...t, { role: 'user', text: question, sampleIds: [] }]);
    setDraft('');
    setStreaming('');
    const controller = new AbortController();
    abort.current = controller;
    try {
      const reply = await conversation.current.send(question, {
        signal: controller.signal,
        onText: (delta) => setStreaming((s) => (s ?? '') + delta),
      });
      setTurns((t) => [...t, { role: 'assistant', text: reply.text, sampleIds: reply.sampleIds }]);
    } catch (error) {
      const info = toErrorInfo(error, 'ai_bad_response');
      setTurns((t) => [
        ...t,
        { role: 'assistant', text: info.code === 'cancelled' ? 'Stopped.' : info.message, sampleIds: [], error: true },
      ]);
    } finally {
      abort.current = null;
      setStreaming(null);
    }
  };

  if (!available && turns.length === 0) {
    return (
      <div className="assistant empty">
        <p>The kit assistant needs an AI model: download one to run in this browser, point to your own server, or add a cloud key.</p>
        <button type="button" className="button primary" onClick={onOpenSettings}>
          Open AI settings
        </button>
      </div>
    );
  }
  const busy = streaming !== null;
  return (
    <div className="assistant">
      <ol className="assistant-turns" aria-label="Conversation" aria-live="polite">
        {turns.length === 0 && (
          <li className="assistant-hint">
            Ask for a kit and the assistant searches your library for it. Try:{' '}
            {EXAMPLES.map((example) => (
              <button key={example} type="button" className="chip-button" onClick={() => void send(example)}>
                {example}
              </button>
            ))}
          </li>
        )}
        {turns.map((turn, index) => (
          <li key={index} className={`assistant-turn turn-${turn.role}${turn.error ? ' error' : ''}`}>
            {turn.role === 'user' ? (
              <p>{turn.text}</p>
            ) : (
              <AssistantReplyView text={turn.text} sampleIds={turn.sampleIds} title={turns[index - 1]?.text ?? 'Kit'} onSaved={onDone} />
            )}
          </li>
        ))}
        {busy && (
          <li className="assistant-turn turn-assistant pending" data-testid="assistant-streaming">
            <p>{streaming || 'Searching your library…'}</p>
          </li>
        )}
      </ol>
      <form
        className="assistant-input"
        onSubmit={(event) => {
          event.preventDefault();
          void send(draft);
        }}
      >
        <input
          aria-label="Ask the kit assistant"
          placeholder="Describe the kit you need…"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          disabled={busy}
        />
        {busy ? (
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={draft.trim() === ''}>
            Ask
          </button>
        )}
      </form>
    </div>
  );
}
