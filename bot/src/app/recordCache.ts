import type { MeetingKey, MeetingRecord } from './ports.js';

interface Entry {
  record: MeetingRecord;
  /** When this entry was last read from or written to storage (ms, from the cache's clock). */
  at: number;
  /** Set while storage is down: the record holds events not yet written. */
  uncommitted: boolean;
  timerDueAt?: number;
}

/**
 * The latest snapshot of recently active meetings with its ETag, so applying an event usually
 * costs one storage round trip (the transaction) instead of two. Bounded (least recently used
 * evicted). A stale entry is harmless: the transaction's If-Match fails and the caller reloads.
 */
export class RecordCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 2_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The cached record, or the loader's. An uncommitted entry is reloaded and keeps the alerts already sent. */
  async get(key: MeetingKey, load: () => Promise<MeetingRecord | undefined>): Promise<MeetingRecord | undefined> {
    const entry = this.entries.get(id(key));
    if (entry && !entry.uncommitted) {
      this.touch(key, entry);
      return entry.record;
    }
    return this.reload(key, load);
  }

  /** Reads from storage, replacing the cached entry. */
  async reload(key: MeetingKey, load: () => Promise<MeetingRecord | undefined>): Promise<MeetingRecord | undefined> {
    const entry = this.entries.get(id(key));
    const stored = await load();
    if (!stored) return undefined;
    // Alerts raised while storage was down were delivered; keep their raised marks so they are not sent again.
    const alerts = entry?.uncommitted ? { ...stored.alerts, ...raisedOnly(entry.record.alerts) } : stored.alerts;
    const record = { ...stored, alerts };
    this.entries.set(id(key), { record, at: this.now(), uncommitted: entry?.uncommitted ?? false, timerDueAt: entry?.timerDueAt });
    return record;
  }

  /**
   * For readers that tolerate a little staleness (the side panel polls every few seconds): the
   * cached record if it was read or written within `maxAgeMs`, else a fresh read. Another instance's
   * writes show up within that window.
   */
  async read(key: MeetingKey, maxAgeMs: number, load: () => Promise<MeetingRecord | undefined>): Promise<MeetingRecord | undefined> {
    const entry = this.entries.get(id(key));
    if (entry && this.now() - entry.at <= maxAgeMs) return entry.record;
    return this.reload(key, load);
  }

  /** The cached record without touching storage (used while storage is down). */
  peek(key: MeetingKey): MeetingRecord | undefined {
    return this.entries.get(id(key))?.record;
  }

  /** Caches a committed record. */
  set(key: MeetingKey, record: MeetingRecord): void {
    const previous = this.entries.get(id(key));
    this.touch(key, { record, at: this.now(), uncommitted: false, timerDueAt: previous?.timerDueAt });
  }

  /** Caches a record that holds events storage has not accepted yet. */
  setUncommitted(key: MeetingKey, record: MeetingRecord): void {
    const previous = this.entries.get(id(key));
    this.touch(key, { record, at: this.now(), uncommitted: true, timerDueAt: previous?.timerDueAt });
  }

  /** Drops the entry (e.g. after a duplicate shows the cache is behind). */
  forget(key: MeetingKey): void {
    this.entries.delete(id(key));
  }

  /**
   * Whether a timer for `dueAt` still needs scheduling. A pending timer due earlier covers it: when
   * it fires, the sweep re-evaluates the lesson and schedules the next check itself.
   */
  needsTimer(key: MeetingKey, dueAt: number, now: number): boolean {
    const due = this.entries.get(id(key))?.timerDueAt;
    return due === undefined || due <= now || dueAt < due;
  }

  /** Remembers the timer scheduled for a meeting. */
  timerScheduled(key: MeetingKey, dueAt: number): void {
    const entry = this.entries.get(id(key));
    if (entry) entry.timerDueAt = dueAt;
  }

  private touch(key: MeetingKey, entry: Entry): void {
    const k = id(key);
    this.entries.delete(k);
    this.entries.set(k, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined && !this.entries.get(oldest)?.uncommitted) this.entries.delete(oldest);
    }
  }
}

function id(key: MeetingKey): string {
  return `${key.tenantId}\u0000${key.meetingId}`;
}

function raisedOnly(alerts: MeetingRecord['alerts']): MeetingRecord['alerts'] {
  return Object.fromEntries(Object.entries(alerts).filter(([, tracked]) => tracked.raisedAt !== undefined));
}
