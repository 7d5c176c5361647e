/**
 * Storage failures sorted into the two kinds callers treat differently: the store could not be
 * reached (buffer the write and retry later) versus everything else (a bug or a logic outcome).
 */

/** Table Storage could not be reached or answered with a server-side failure; retry later. */
export class StorageUnavailableError extends Error {
  /** HTTP status when the service answered (5xx, 408, 429); undefined when it never answered. */
  readonly statusCode: number | undefined;

  constructor(operation: string, cause: unknown) {
    const status = statusOf(cause);
    super(
      `Table Storage is unavailable (${operation}${status ? `: HTTP ${status}` : `: ${codeOf(cause) ?? 'no answer'}`}). Check that the storage account (or local emulator) is reachable; the operation can be retried once it answers.`,
      { cause },
    );
    this.name = 'StorageUnavailableError';
    this.statusCode = status;
  }
}

/** The HTTP status of an SDK error, if the service answered at all. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for connection failures, timeouts, throttling and 5xx: the request may succeed later. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const status = statusOf(error);
  // No status: only network-level failures (refused, reset, DNS, timeout, abort) mean "try later";
  // a programming or data error (e.g. a key too long) must surface, not wait in the outage buffer.
  if (status === undefined) return isNetworkFailure(error);
  return status === 408 || status === 429 || status >= 500;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

function isNetworkFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = codeOf(error);
  if (code && NETWORK_CODES.has(code)) return true;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  return isNetworkFailure((error as { cause?: unknown }).cause);
}

/** Runs one storage call, turning "unreachable" failures into {@link StorageUnavailableError}. */
export async function guarded<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw new StorageUnavailableError(operation, error);
    throw error;
  }
}

/** Every entity of a listing (`listEntities(...).byPage()`), each page of it read {@link guarded} as `operation`. */
export async function allListed<T>(pages: AsyncIterator<T[]>, operation: string): Promise<T[]> {
  const all: T[] = [];
  while (true) {
    const page = await guarded(operation, () => pages.next());
    if (page.done) return all;
    all.push(...page.value);
  }
}
