import type { ErrorInfo } from '../errors';
import { RETRY_ADVICE } from './integrity';

/**
 * The opt-in CLAP model's lifecycle as one state machine:
 * checking -> absent -> downloading(progress) -> verifying -> ready | error, with folder loads
 * going straight to verifying, and remove going back to absent.
 */

export interface FileProgress {
  path: string;
  done: number;
  /** Bytes expected (the server's Content-Length, else the manifest's estimate). */
  total: number;
}

export interface DownloadProgress {
  files: FileProgress[];
  done: number;
  total: number;
}

export type ClapModelSource = 'download' | 'folder' | 'cache';

export type ClapModelState =
  /** Looking in the cache at start-up. */
  | { status: 'checking' }
  | { status: 'absent' }
  | { status: 'downloading'; progress: DownloadProgress }
  | { status: 'verifying'; source: ClapModelSource; file?: string }
  /** `problem`: a later install that failed; the model installed before is still stored and used. */
  | { status: 'ready'; source: ClapModelSource; bytes: number; problem?: ErrorInfo }
  | { status: 'error'; error: ErrorInfo };

export type ClapModelEvent =
  | { type: 'found'; bytes: number }
  | { type: 'not_found' }
  | { type: 'download_started'; files: FileProgress[] }
  | { type: 'progress'; path: string; done: number; total?: number }
  | { type: 'verify'; source: ClapModelSource; file?: string }
  | { type: 'verified'; bytes: number }
  /** `kept`: bytes of a complete model still stored from before (installs replace all or nothing). */
  | { type: 'failed'; error: ErrorInfo; kept?: number | null }
  | { type: 'cancelled'; kept?: number | null }
  | { type: 'removed' };

export const INITIAL_CLAP_STATE: ClapModelState = { status: 'checking' };

/** Whether a download or folder load may start now (not while one runs). */
export function isBusy(state: ClapModelState): boolean {
  return state.status === 'downloading' || state.status === 'verifying' || state.status === 'checking';
}

function sum(files: readonly FileProgress[]): DownloadProgress {
  let done = 0;
  let total = 0;
  for (const f of files) {
    done += f.done;
    total += Math.max(f.total, f.done);
  }
  return { files: [...files], done, total };
}

/** The next state; an event that makes no sense in the current state leaves it unchanged. */
export function clapModelReducer(state: ClapModelState, event: ClapModelEvent): ClapModelState {
  switch (event.type) {
    case 'found':
      return state.status === 'checking' ? { status: 'ready', source: 'cache', bytes: event.bytes } : state;
    case 'not_found':
      return state.status === 'checking' ? { status: 'absent' } : state;
    case 'download_started':
      return isBusy(state) ? state : { status: 'downloading', progress: sum(event.files) };
    case 'progress': {
      if (state.status !== 'downloading') return state;
      const files = state.progress.files.map((f) =>
        f.path === event.path ? { path: f.path, done: event.done, total: event.total ?? f.total } : f,
      );
      return { status: 'downloading', progress: sum(files) };
    }
    case 'verify':
      return state.status === 'checking'
        ? state
        : { status: 'verifying', source: event.source, ...(event.file ? { file: event.file } : {}) };
    case 'verified':
      return state.status === 'verifying' ? { status: 'ready', source: state.source, bytes: event.bytes } : state;
    case 'failed':
      return typeof event.kept === 'number'
        ? { status: 'ready', source: 'cache', bytes: event.kept, problem: event.error }
        : { status: 'error', error: event.error };
    case 'cancelled':
      if (state.status !== 'downloading' && state.status !== 'verifying') return state;
      return typeof event.kept === 'number' ? { status: 'ready', source: 'cache', bytes: event.kept } : { status: 'absent' };
    case 'removed':
      return { status: 'absent' };
  }
}

/** The state in words a producer understands (the settings screen's status line). */
export function describeClapState(state: ClapModelState): string {
  switch (state.status) {
    case 'checking':
      return 'Checking for the sound-search model…';
    case 'absent':
      return 'Not installed. Search uses names and tags.';
    case 'downloading': {
      const percent = state.progress.total > 0 ? Math.floor((100 * state.progress.done) / state.progress.total) : 0;
      return `Downloading… ${percent}%`;
    }
    case 'verifying':
      return state.file ? `Checking ${state.file}…` : 'Checking the model files…';
    case 'ready':
      if (state.problem) {
        const reason = state.problem.message.replace(RETRY_ADVICE, '').trim();
        return `The new install did not complete. ${reason} The model installed before is still there and in use.`;
      }
      return state.source === 'folder' ? 'Installed from a folder. Ready, also offline.' : 'Installed. Ready, also offline.';
    case 'error':
      return state.error.message;
  }
}
