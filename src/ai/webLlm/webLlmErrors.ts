/**
 * web-llm's failures as SampleMindErrors a producer can act on. Through the worker a rejection
 * arrives as a plain string (the error's toString(), e.g. "TypeError: Failed to fetch"), so the
 * cause is read from the text.
 */
import { SampleMindError } from '../../domain/errors';

export interface WebLlmErrorContext {
  model: string;
  /** Where the model downloads from, named when it cannot be reached. */
  hosts: readonly string[];
  /** Loading (download, then into graphics memory) or answering. */
  phase: 'load' | 'chat';
  /** Whether the weights were all cached before the load began. */
  installed: boolean;
  /** navigator.onLine where known. */
  online: boolean;
}

const NETWORK = /failed to fetch|networkerror|network error|load failed|err_internet_disconnected|err_name_not_resolved|err_connection/i;
const NO_GPU = /webgpu is not supported|cannot find webgpu|cannot find adapter|no adapter|webgpunotavailable|webgpunotfound/i;
const F16 = /shader-f16/i;
const OUT_OF_MEMORY = /device was lost|devicelost|out of memory|\boom\b/i;
const STORAGE_FULL = /quotaexceeded|quota exceeded|storage quota/i;
const CONTEXT_FULL = /exceed context window|contextwindowsizeexceeded/i;

/** The text of whatever was thrown: web-llm's worker strings, Errors, anything else. */
export function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

export function toWebLlmError(error: unknown, context: WebLlmErrorContext): SampleMindError {
  if (error instanceof SampleMindError) return error;
  const text = errorText(error);
  const cause = { cause: error };
  if (NO_GPU.test(text)) {
    return new SampleMindError('no_webgpu', `Local AI could not reach your graphics card through WebGPU. ${text}`, cause);
  }
  if (F16.test(text)) {
    return new SampleMindError(
      'no_webgpu',
      `${context.model} needs half-precision (f16) shaders, which this graphics card or browser does not offer. Pick an f32 model instead.`,
      cause,
    );
  }
  if (context.phase === 'load' && NETWORK.test(text)) {
    if (!context.installed && !context.online) {
      return new SampleMindError(
        'model_missing',
        `The local model ${context.model} is not downloaded yet, and this device is offline. Connect to the internet and download it in Settings → Local AI.`,
        cause,
      );
    }
    const where = context.hosts.length > 0 ? context.hosts.join(' and ') : 'the model host';
    return new SampleMindError(
      'model_unreachable',
      `Could not download ${context.model} from ${where}. Check your internet connection (or whether a firewall blocks ${where}) and try again. (${text})`,
      cause,
    );
  }
  if (STORAGE_FULL.test(text)) {
    return new SampleMindError(
      'model_storage',
      `There is not enough storage space for ${context.model}. Free some disk space or delete another local model, then try again.`,
      cause,
    );
  }
  if (OUT_OF_MEMORY.test(text)) {
    return new SampleMindError(
      'model_failed',
      `Your graphics card ran out of memory running ${context.model}. Close other tabs or programs that use the graphics card, or pick a smaller model. (${text})`,
      cause,
    );
  }
  if (CONTEXT_FULL.test(text)) {
    return new SampleMindError(
      'model_failed',
      `The request is too long for the local model ${context.model} (it can read only a few thousand tokens, question and answer together). Try fewer samples at once or a cloud provider.`,
      cause,
    );
  }
  const doing = context.phase === 'load' ? 'could not be loaded' : 'failed while answering';
  return new SampleMindError('model_failed', `The local model ${context.model} ${doing}: ${text}`, cause);
}

/** Failures after which the engine cannot be used again (its graphics device is gone). */
export function engineBroken(error: unknown): boolean {
  const text = errorText(error);
  return OUT_OF_MEMORY.test(text) || NO_GPU.test(text);
}

export function cancelledError(): SampleMindError {
  return new SampleMindError('cancelled', 'Cancelled.');
}
