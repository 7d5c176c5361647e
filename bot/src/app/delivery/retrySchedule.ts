/**
 * When to try a failed delivery again: exponential backoff from a few seconds, never sooner than
 * the connector's Retry-After, and given up after a day (by then a person must have been told
 * some other way: the receipt and /healthz say so long before).
 */

/** First retry after this long. */
export const FIRST_RETRY_MS = 2_000;
/** Backoff never waits longer than this between two attempts. */
export const MAX_RETRY_GAP_MS = 10 * 60_000;
/** A delivery is retried for this long after it was created, then marked failed. */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
/** How long an instance holds a delivery while sending it (a crash frees it after this). */
export const SEND_LEASE_MS = 60_000;

/** The next attempt's instant, or undefined when the retry window is over. */
export function nextAttemptAt(
  createdAt: number,
  attempts: number,
  now: number,
  retryAfterMs?: number,
): number | undefined {
  const backoff = Math.min(MAX_RETRY_GAP_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  const at = now + Math.max(backoff, retryAfterMs ?? 0);
  return at - createdAt > RETRY_WINDOW_MS ? undefined : at;
}
