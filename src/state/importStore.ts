import { create } from 'zustand';
import type { QueueProgress } from '../services/analysisQueue';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  message: string;
  /** A button next to the message (e.g. "Show them"); it dismisses the notice too. */
  action?: { label: string; run: () => void };
}

interface ImportState {
  progress: QueueProgress;
  scanning: { folderName: string; found: number } | null;
  notices: Notice[];
  /** Sound embeddings being computed for samples analysed by an earlier version; null when none are. */
  backfill: { done: number; total: number } | null;
  /** The library being listened to for a search by words (CLAP), while it runs. */
  wordIndex: { done: number; total: number } | null;
  /** A model reading the last typed search: 'reading', then who read it; null when none was asked. */
  aiSearch: { state: 'reading' } | { state: 'read'; by: string } | null;
  setProgress(progress: QueueProgress): void;
  setBackfill(backfill: { done: number; total: number } | null): void;
  setWordIndex(progress: { done: number; total: number } | null): void;
  setAiSearch(aiSearch: ImportState['aiSearch']): void;
  setScanning(scanning: { folderName: string; found: number } | null): void;
  notify(tone: Notice['tone'], message: string, action?: Notice['action']): void;
  dismiss(id: number): void;
}

let nextNoticeId = 1;
const MAX_NOTICES = 5;

export const useImportStore = create<ImportState>()((set) => ({
  progress: { state: 'idle', done: 0, failed: 0, total: 0, filesPerSecond: null, secondsLeft: null, inFlight: 0, blockedFolders: [] },
  scanning: null,
  notices: [],
  backfill: null,
  wordIndex: null,
  aiSearch: null,
  setProgress: (progress) => set({ progress }),
  setBackfill: (backfill) => set({ backfill }),
  setWordIndex: (wordIndex) => set({ wordIndex }),
  setAiSearch: (aiSearch) => set({ aiSearch }),
  setScanning: (scanning) => set({ scanning }),
  notify: (tone, message, action) =>
    set((state) => ({
      notices: [...state.notices, { id: nextNoticeId++, tone, message, ...(action ? { action } : {}) }].slice(-MAX_NOTICES),
    })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));
