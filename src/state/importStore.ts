import { create } from 'zustand';
import type { QueueProgress } from '../services/analysisQueue';
import type { SavingProgress } from '../services/userEditSaver';

export interface ScanProgress {
  folderName: string;
  found: number;
  expected?: number;
}

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  message: string;
  /** A button next to the message (e.g. "Show them"); it dismisses the notice too. */
  action?: { label: string; run: () => void };
  /** When it was shown, or shown again by the same message (ms): an info notice's time runs from here. */
  shownAt: number;
  /** What it is about, where something later settles it (`interrupted:<folder id>`): dismissTopic takes it away. */
  topic?: string;
}

/** At most this many notices at once, so that they never cover most of the list. */
export const MAX_NOTICES = 3;

/**
 * The notices after one more: a message already shown is not stacked again but moves to the end,
 * shown anew (with the newer action, which may undo the newer thing); beyond MAX_NOTICES the
 * oldest info notice goes, an error only when all are errors.
 */
export function addNotice(notices: readonly Notice[], added: Omit<Notice, 'id'>, id: number): Notice[] {
  const same = notices.find((n) => n.tone === added.tone && n.message === added.message);
  const next = [...notices.filter((n) => n !== same), { ...added, id: same?.id ?? id }];
  while (next.length > MAX_NOTICES) {
    const oldestInfo = next.findIndex((n, i) => n.tone === 'info' && i < next.length - 1);
    next.splice(oldestInfo >= 0 ? oldestInfo : 0, 1);
  }
  return next;
}

interface ImportState {
  progress: QueueProgress;
  /** The scan under way; `expected`: the audio files it will find, where known up front (files handed over). */
  scanning: ScanProgress | null;
  notices: Notice[];
  /** Sound embeddings being computed for samples analysed by an earlier version; null when none are. */
  backfill: { done: number; total: number } | null;
  /** The library being listened to for a search by words (CLAP), while it runs. */
  wordIndex: { done: number; total: number } | null;
  /** A large organising edit being saved (tags on a whole pack, say); null when none is. */
  saving: SavingProgress | null;
  /** A model reading the last typed search: 'reading', then who read it; null when none was asked. */
  aiSearch: { state: 'reading' } | { state: 'read'; by: string } | null;
  setProgress(progress: QueueProgress): void;
  setBackfill(backfill: { done: number; total: number } | null): void;
  setWordIndex(progress: { done: number; total: number } | null): void;
  setSaving(saving: SavingProgress | null): void;
  setAiSearch(aiSearch: ImportState['aiSearch']): void;
  setScanning(scanning: ScanProgress | null): void;
  notify(tone: Notice['tone'], message: string, action?: Notice['action'], topic?: string): void;
  dismiss(id: number): void;
  /** Takes away the notices about something now settled (an interrupted import added again). */
  dismissTopic(topic: string): void;
}

let nextNoticeId = 1;

export const useImportStore = create<ImportState>()((set) => ({
  progress: { state: 'idle', done: 0, failed: 0, total: 0, filesPerSecond: null, secondsLeft: null, inFlight: 0, blockedFolders: [] },
  scanning: null,
  notices: [],
  backfill: null,
  wordIndex: null,
  saving: null,
  aiSearch: null,
  setProgress: (progress) => set({ progress }),
  setBackfill: (backfill) => set({ backfill }),
  setWordIndex: (wordIndex) => set({ wordIndex }),
  setSaving: (saving) => set({ saving }),
  setAiSearch: (aiSearch) => set({ aiSearch }),
  setScanning: (scanning) => set({ scanning }),
  notify: (tone, message, action, topic) =>
    set((state) => ({
      notices: addNotice(
        state.notices,
        { tone, message, shownAt: Date.now(), ...(action ? { action } : {}), ...(topic ? { topic } : {}) },
        nextNoticeId++,
      ),
    })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  dismissTopic: (topic) => set((state) => ({ notices: state.notices.filter((n) => n.topic !== topic) })),
}));
