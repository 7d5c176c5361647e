/**
 * A fingerprint of a value, for ids derived from content (a delivery's cause and recipient, a
 * side-panel request's scope) and for binding an idempotency key to what was first sent with it:
 * the same content gives the same fingerprint whatever order its fields came in, and any change of
 * a value gives another.
 */
import { hash } from 'node:crypto';

/** SHA-256 (base64url) of `value` as canonical JSON: object keys sorted, arrays in order. */
export function fingerprint(value: unknown): string {
  return hash('sha256', JSON.stringify(canonical(value)), 'base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]),
  );
}
