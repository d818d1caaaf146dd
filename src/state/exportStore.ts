import { create } from 'zustand';

/** The export being written (one at a time): how many of its files are in the ZIP so far. */
export interface ExportProgress {
  name: string;
  handled: number;
  total: number;
}

interface ExportState {
  running: ExportProgress | null;
  set(running: ExportProgress | null): void;
}

/**
 * Kept apart from the dialog that started it: the dialog may be closed while the ZIP is written,
 * and every Export button waits until it is done (two at once wrote two ZIPs over each other's
 * progress, and the first to finish closed the second's dialog).
 */
export const useExportStore = create<ExportState>()((set) => ({
  running: null,
  set: (running) => set({ running }),
}));
