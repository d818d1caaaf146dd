import type { ErrorInfo } from './errors';
import type { ReportRecord } from './report';

/**
 * The embed widget's postMessage API (docs/embed-api.md). Parsing is strict: anything that is
 * not exactly an analyze request with an ArrayBuffer is answered with `bad_request`.
 */
export const EMBED_API_VERSION = 1;
/** Files larger than this (200 MB, decimal as the API states it) are refused with `too_large` rather than decoded. */
export const EMBED_MAX_BYTES = 200_000_000;

export interface AnalyzeRequest {
  id: string | number;
  name: string;
  data: ArrayBuffer;
}

export type EmbedReply =
  | { type: 'samplemind:ready'; version: number }
  | { type: 'samplemind:result'; id: string | number; result: ReportRecord }
  | { type: 'samplemind:error'; id: string | number | null; error: ErrorInfo };

export type ParsedMessage =
  { kind: 'analyze'; request: AnalyzeRequest } | { kind: 'invalid'; id: string | number | null; error: ErrorInfo } | { kind: 'ignore' };

const isId = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** Classifies one incoming message. Messages for other protocols (no samplemind: type) are ignored. */
export function parseEmbedMessage(data: unknown): ParsedMessage {
  if (typeof data !== 'object' || data === null) return { kind: 'ignore' };
  const message = data as Record<string, unknown>;
  const type = message['type'];
  if (typeof type !== 'string' || !type.startsWith('samplemind:')) return { kind: 'ignore' };
  const id = isId(message['id']) ? message['id'] : null;
  const bad = (reason: string): ParsedMessage => ({ kind: 'invalid', id, error: { code: 'bad_request', message: reason } });
  if (type !== 'samplemind:analyze') return bad(`unknown message type "${type}"`);
  if (id === null) return bad('"id" must be a string or a number');
  const name = message['name'];
  if (typeof name !== 'string' || name.length === 0 || name.length > 1024) return bad('"name" must be a file name (1 to 1024 characters)');
  const payload = message['data'];
  if (!(payload instanceof ArrayBuffer)) return bad('"data" must be an ArrayBuffer holding the file');
  if (payload.byteLength > EMBED_MAX_BYTES) {
    return {
      kind: 'invalid',
      id,
      error: {
        code: 'too_large',
        message: `the file is ${(payload.byteLength / 1e6).toFixed(1)} MB; the widget takes up to ${EMBED_MAX_BYTES / 1e6} MB (${EMBED_MAX_BYTES.toLocaleString('en')} bytes)`,
      },
    };
  }
  return { kind: 'analyze', request: { id, name, data: payload } };
}
