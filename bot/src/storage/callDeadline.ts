/**
 * A deadline on every Table Storage call. A storage account that accepts connections but never
 * answers would otherwise hold a turn (and its caller) forever; with a deadline the call fails
 * like a refused connection, so the outage buffer takes over.
 */
import type { TableServiceClientOptions } from '@azure/data-tables';

/** How long one storage call (all its retries included) may take unless configured otherwise. */
export const DEFAULT_STORAGE_TIMEOUT_MS = 3_000;

type AdditionalPolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

/** Name of the pipeline policy, as the SDK lists it. */
export const CALL_DEADLINE_POLICY = 'chaperoneCallDeadline';

/**
 * A per-call pipeline policy that aborts the call after `timeoutMs`, retries and back-off
 * included. The SDK then rejects with an `AbortError`, which `isUnavailable` counts as an outage.
 */
export function callDeadlinePolicy(timeoutMs: number): AdditionalPolicy {
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new RangeError(`A storage timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  return {
    position: 'perCall',
    policy: {
      name: CALL_DEADLINE_POLICY,
      async sendRequest(request, next) {
        // One controller and one timer per call, both released when it ends: cheaper than
        // AbortSignal.timeout plus AbortSignal.any, whose signals live on until the timer fires.
        const controller = new AbortController();
        const timer = setTimeout(
          () => controller.abort(new DOMException('The storage call passed its deadline.', 'TimeoutError')),
          timeoutMs,
        );
        // A caller's own signal still works: whichever fires first ends the call.
        const caller = request.abortSignal as AbortSignal | undefined;
        const forward = () => controller.abort(caller?.reason);
        if (caller?.aborted) forward();
        else caller?.addEventListener('abort', forward, { once: true });
        request.abortSignal = controller.signal;
        try {
          return await next(request);
        } finally {
          clearTimeout(timer);
          caller?.removeEventListener('abort', forward);
        }
      },
    },
  };
}
