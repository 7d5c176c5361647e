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
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new RangeError(`A storage timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  return {
    position: 'perCall',
    policy: {
      name: CALL_DEADLINE_POLICY,
      sendRequest(request, next) {
        const deadline = AbortSignal.timeout(timeoutMs);
        // A caller's own signal still works: whichever fires first ends the call.
        request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, deadline]) : deadline;
        return next(request);
      },
    },
  };
}
