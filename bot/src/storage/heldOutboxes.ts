/**
 * The outbox of each recently used lesson as this process last read or wrote it, with the ETag of
 * that row version. Appending to an outbox needs its current content; holding it here saves a
 * read per event. It is only a hint: every write is If-Match on the held ETag, so a version some
 * other instance replaced makes the write fail (412) rather than lose its events.
 */
import type { MeetingEvent } from '../domain/types.js';

/** Lessons remembered per process; forgetting one only costs one read on its next event. */
const DEFAULT_CAPACITY = 5_000;

interface Held {
  etag: string;
  events: readonly MeetingEvent[];
}

/** A bounded, least-recently-used map from a lesson's partition to its outbox at one ETag. */
export class HeldOutboxes {
  private readonly entries = new Map<string, Held>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The outbox of the row version `etag`, if that is the version held; undefined otherwise. */
  at(partitionKey: string, etag: string): readonly MeetingEvent[] | undefined {
    const held = this.entries.get(partitionKey);
    if (held?.etag !== etag) return undefined;
    // Re-insert so the map's insertion order doubles as recency order.
    this.entries.delete(partitionKey);
    this.entries.set(partitionKey, held);
    return held.events;
  }

  /** Remembers the outbox of the row version just read or written. */
  remember(partitionKey: string, etag: string, events: readonly MeetingEvent[]): void {
    this.entries.delete(partitionKey);
    this.entries.set(partitionKey, { etag, events });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Drops what is held for a lesson whose row is gone. */
  forget(partitionKey: string): void {
    this.entries.delete(partitionKey);
  }
}
