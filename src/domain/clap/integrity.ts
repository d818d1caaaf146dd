import type { ErrorInfo } from '../errors';
import { formatBytes, type ClapModelFile } from './manifest';
import { inspectOnnx } from './onnxCheck';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What to do about a failed install; left out where an earlier install is still in use. */
export const RETRY_ADVICE = 'Download the model again, or load it from a folder.';

/**
 * Checks one model file: its size (against what the server announced and what the manifest
 * knows), its SHA-256 when the manifest has one, and that it parses (JSON, or an ONNX graph with
 * the inputs and outputs CLAP needs). Null when it is sound, else a `model_corrupt` error naming it.
 */
export async function verifyModelFile(file: ClapModelFile, bytes: Uint8Array, announcedBytes?: number): Promise<ErrorInfo | null> {
  const corrupt = (detail: string): ErrorInfo => ({
    code: 'model_corrupt',
    message: `The model file ${file.path} ${detail}. ${RETRY_ADVICE}`,
  });
  if (announcedBytes !== undefined && bytes.length !== announcedBytes) {
    return corrupt(`is incomplete: ${formatBytes(bytes.length)} of ${formatBytes(announcedBytes)} arrived`);
  }
  if (bytes.length === 0) return corrupt('is empty');
  if (file.bytes !== undefined && bytes.length !== file.bytes) {
    return corrupt(`has the wrong size (${formatBytes(bytes.length)} instead of ${formatBytes(file.bytes)})`);
  }
  if (file.sha256 && (await sha256Hex(bytes)) !== file.sha256.toLowerCase()) return corrupt('is damaged (its checksum does not match)');
  if (file.kind === 'json') {
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return corrupt('is damaged (it is not valid JSON)');
    }
    return null;
  }
  const check = inspectOnnx(bytes);
  if (!check.ok) return corrupt(`is damaged (${check.reason})`);
  const lacking = [
    ...(file.inputs ?? []).filter((name) => !check.inputs.includes(name)).map((name) => `input “${name}”`),
    ...(file.outputs ?? []).filter((name) => !check.outputs.includes(name)).map((name) => `output “${name}”`),
  ];
  if (lacking.length > 0) return corrupt(`is not the model SampleMind expects (it has no ${lacking.join(', ')})`);
  return null;
}

export function missingFile(path: string, where: string): ErrorInfo {
  return { code: 'model_missing', message: `The model file ${path} is missing ${where}. ${RETRY_ADVICE}` };
}
