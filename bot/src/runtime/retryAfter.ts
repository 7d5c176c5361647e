/**
 * Reads an HTTP `Retry-After` value (RFC 9110: delay in seconds, or an HTTP date) as milliseconds
 * from `now`. Shared by the Graph client and the Teams connector's error mapping.
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
