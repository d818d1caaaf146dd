import { useCallback, useSyncExternalStore } from 'react';
import type { AiService } from '../../ai/aiService';
import { useServices } from '../../app/ServicesContext';

/** The AI service, re-rendering the caller whenever its settings, keys, log or models change. */
export function useAi(): AiService {
  const { ai } = useServices();
  const subscribe = useCallback((listener: () => void) => ai.subscribe(listener), [ai]);
  useSyncExternalStore(subscribe, () => ai.version);
  return ai;
}
