import { hash } from 'node:crypto';
import type { Caller } from './ssoVerifier.js';

interface Entry {
  caller: Caller;
  /** The token's `exp`, in epoch ms: the entry is never served at or after it. */
  expiresAt: number;
}

/**
 * Tokens already verified, so a side panel polling every few seconds costs one signature check per
 * token rather than one per poll. Keyed by a SHA-256 of the whole token (the token itself is never
 * kept), served only before the token's own expiry, and bounded: the least recently used entry goes
 * first. A different token (another person, another tenant) is a different key, so it can never be
 * answered with someone else's identity.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 1_000) {}

  /** The caller a token was verified as, if it was and has not expired by `now` (epoch ms). */
  get(token: string, now: number): Caller | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now >= entry.expiresAt) return undefined;
    // Re-inserting keeps the Map in least-recently-used order.
    this.entries.set(key, entry);
    return entry.caller;
  }

  /** Remembers a verified token until `expiresAt` (epoch ms). */
  remember(token: string, caller: Caller, expiresAt: number, now: number): void {
    if (this.maxEntries <= 0 || expiresAt <= now) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { caller, expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** How many tokens are remembered (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }
}

function keyOf(token: string): string {
  return hash('sha256', token, 'base64url');
}
