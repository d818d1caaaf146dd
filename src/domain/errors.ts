/**
 * Every failure the user can see carries a stable `code` (for tests, reports and i18n) and a
 * message that names what went wrong in words a producer understands.
 */
export type ErrorCode =
  | 'empty_file'
  | 'not_audio'
  | 'unsupported_format'
  | 'truncated'
  | 'decode_failed'
  | 'no_audio'
  | 'too_short'
  | 'too_long'
  | 'read_failed'
  // A file a rescan of its folder no longer found (moved or deleted); it comes back if found again.
  | 'missing'
  | 'analysis_failed'
  | 'timeout'
  | 'permission_denied'
  | 'usage'
  | 'bad_request'
  | 'too_large'
  | 'bad_backup'
  // Organising the library: a collection name left empty or already taken; a folder still being
  // imported cannot be removed, nor added again, until its scan has finished.
  | 'name_empty'
  | 'name_taken'
  | 'folder_busy'
  | 'no_microphone'
  | 'microphone_denied'
  | 'silent'
  // The opt-in CLAP model (sound search by words): a file absent, damaged, the host out of reach,
  // storage full, the model not installed yet, its runtime failing or not fetched, or the user cancelling.
  | 'runtime_unavailable'
  | 'model_missing'
  | 'model_corrupt'
  | 'model_unreachable'
  | 'model_storage'
  | 'model_not_ready'
  | 'model_failed'
  | 'cancelled'
  // AI providers (src/ai): a key refused, rate limits and outages that outlasted the retries, no
  // answer in time, the host out of reach, an answer we could not read, the monthly budget spent,
  // no provider allowed for the task, keys locked behind the passphrase, no WebGPU for a local model.
  | 'ai_unauthorized'
  | 'ai_rate_limited'
  | 'ai_unavailable'
  | 'ai_timeout'
  | 'ai_network'
  | 'ai_bad_response'
  | 'ai_over_budget'
  | 'ai_no_provider'
  | 'ai_locked'
  | 'no_webgpu';

export class SampleMindError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SampleMindError';
    this.code = code;
  }
}

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Turns anything thrown (including essentia's bare numbers) into an ErrorInfo. */
export function toErrorInfo(error: unknown, fallback: ErrorCode = 'analysis_failed'): ErrorInfo {
  if (error instanceof SampleMindError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: fallback, message: error.message || error.name };
  if (typeof error === 'number') return { code: fallback, message: `internal error ${error}` };
  return { code: fallback, message: String(error) };
}
