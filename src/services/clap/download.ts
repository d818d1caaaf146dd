import { SampleMindError } from '../../domain/errors';

export interface DownloadedFile {
  blob: Blob;
  /** The Content-Length the server announced (for the truncation check), when it sent one unencoded. */
  announced?: number;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Downloads one model file, reporting bytes as they arrive. A 404 is `model_missing` naming the
 * file, no answer or another status `model_unreachable`, an abort `cancelled`.
 */
export async function downloadFile(
  url: string,
  path: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch; onProgress?: (done: number, total?: number) => void },
): Promise<DownloadedFile> {
  const fetchImpl = options.fetch ?? fetch;
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: options.signal ?? null, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    if (isAbort(error)) throw new SampleMindError('cancelled', 'The download was cancelled.');
    throw new SampleMindError(
      'model_unreachable',
      `The model host ${host} cannot be reached (offline, blocked, or it does not allow this site). Check the connection or the host address.`,
      { cause: error },
    );
  }
  if (response.status === 404) {
    throw new SampleMindError('model_missing', `The model file ${path} is missing on ${host} (404). Check the host address.`);
  }
  if (!response.ok) {
    throw new SampleMindError('model_unreachable', `The model host ${host} answered ${response.status} for ${path}. Try again later.`);
  }
  const length = Number(response.headers.get('content-length'));
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const announced = Number.isFinite(length) && length > 0 && !encoded ? length : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let done = 0;
  try {
    if (!response.body) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      chunks.push(bytes);
      done = bytes.length;
    } else {
      const reader = response.body.getReader();
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        chunks.push(value);
        done += value.length;
        options.onProgress?.(done, announced);
      }
    }
  } catch (error) {
    if (isAbort(error) || options.signal?.aborted) throw new SampleMindError('cancelled', 'The download was cancelled.');
    throw new SampleMindError('model_unreachable', `The download of ${path} from ${host} broke off. Check the connection and try again.`, {
      cause: error,
    });
  }
  options.onProgress?.(done, announced ?? done);
  return { blob: new Blob(chunks), ...(announced !== undefined ? { announced } : {}) };
}

/** The exact size of a file from a HEAD request, or undefined when the host does not say. */
export async function headSize(url: string, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<number | undefined> {
  try {
    const response = await fetchImpl(url, { method: 'HEAD', signal: signal ?? null, cache: 'no-store', credentials: 'omit' });
    const length = Number(response.headers.get('content-length'));
    return response.ok && Number.isFinite(length) && length > 0 ? length : undefined;
  } catch {
    return undefined;
  }
}
