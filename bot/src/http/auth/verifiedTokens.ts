import { hash } from 'node:crypto';
import type { Caller } from './ssoVerifier.js';

interface Entry {
  caller: Caller;
  /** The token's `exp`, in epoch ms: the entry is never served at or after it. */
  expiresAt: number;
}

/**
 * Tokens already verified, so a side panel polling every few seconds costs one signature check per
 * token rather than one per poll. Keyed by a SHA-256 of the whole token, served only before the
 * token's own expiry, and bounded: the least recently used entry goes first. A different token
 * (another person, another tenant) is a different key, so it can never be answered with someone
 * else's identity.
 *
 * A poller keeps its connection open and sends the same token each time, so each connection's last
 * verified token is also held with that connection (in memory only, and gone with the connection):
 * the same token again on the same connection is answered by comparing it, without hashing. A
 * connection shared by several callers (a proxy's) still compares the whole token.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly lastOnConnection = new WeakMap<object, { token: string; entry: Entry }>();

  constructor(private readonly maxEntries = 1_000) {}

  /**
   * The caller a token was verified as, if it was and has not expired by `now` (epoch ms). `connection` is the
   * socket it arrived on, when there is one.
   */
  get(token: string, now: number, connection?: object): Caller | undefined {
    const last = connection && this.lastOnConnection.get(connection);
    if (last && last.token === token) return now < last.entry.expiresAt ? last.entry.caller : undefined;
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now >= entry.expiresAt) return undefined;
    // Re-inserting keeps the Map in least-recently-used order.
    this.entries.set(key, entry);
    if (connection) this.lastOnConnection.set(connection, { token, entry });
    return entry.caller;
  }

  /** Remembers a verified token until `expiresAt` (epoch ms), with the connection it arrived on when given. */
  remember(token: string, caller: Caller, expiresAt: number, now: number, connection?: object): void {
    if (this.maxEntries <= 0 || expiresAt <= now) return;
    const key = keyOf(token);
    const entry = { caller, expiresAt };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (connection) this.lastOnConnection.set(connection, { token, entry });
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
