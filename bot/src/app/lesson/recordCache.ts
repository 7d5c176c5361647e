import type { MeetingKey, MeetingRecord } from '../ports.js';
import { emptyRecord } from './lessonStep.js';

interface Entry {
  key: MeetingKey;
  record: MeetingRecord;
  /** When this entry was last read from or written to storage (ms, from the cache's clock). */
  at: number;
  /** Set while storage is down: the record holds events not yet written. */
  uncommitted: boolean;
  /** The next re-evaluation stored in the timers table, as far as this process knows. */
  timerDueAt?: number;
  /** A re-evaluation this process owes from memory because storage could not take its timer. */
  heldTimerDueAt?: number;
}

/**
 * The latest snapshot of recently active meetings with its ETag, so applying an event usually
 * costs one storage round trip (the write) instead of two. It is the process's one cache of lesson
 * versions: what the store needs about a version to write the next one without a read travels on
 * the record (`storeNote` in ports.ts), so the store keeps none. Bounded (least recently used
 * evicted). A stale entry is harmless: the write's If-Match fails and the caller reloads.
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
    const loaded = await load();
    // A lesson first seen while storage was down has no stored record yet: its held events are
    // replayed onto an empty one, which keeps what was raised and sent in memory (below).
    const stored = loaded ?? (entry?.uncommitted ? emptyRecord(key) : undefined);
    if (!stored) return undefined;
    // Alerts raised while storage was down were planned (and maybe sent) in memory: keep their
    // raised marks and their deliveries so nothing is planned or sent twice.
    const record = entry?.uncommitted
      ? {
          ...stored,
          alerts: { ...stored.alerts, ...raisedOnly(entry.record.alerts) },
          deliveries: mergeDeliveries(stored.deliveries, entry.record.deliveries),
        }
      : stored;
    this.entries.set(id(key), { ...entry, key, record, at: this.now(), uncommitted: entry?.uncommitted ?? false });
    return record;
  }

  /**
   * For readers that tolerate a little staleness (the side panel polls every few seconds): the
   * cached record if it was read or written within `maxAgeMs`, else a fresh read. Another instance's
   * writes show up within that window.
   */
  async read(
    key: MeetingKey,
    maxAgeMs: number,
    load: () => Promise<MeetingRecord | undefined>,
  ): Promise<MeetingRecord | undefined> {
    const entry = this.entries.get(id(key));
    if (entry && this.now() - entry.at <= maxAgeMs) return entry.record;
    return this.reload(key, load);
  }

  /** The cached record if it holds changes storage has not accepted yet (storage is down). */
  uncommitted(key: MeetingKey): MeetingRecord | undefined {
    const entry = this.entries.get(id(key));
    return entry?.uncommitted ? entry.record : undefined;
  }

  /** Lessons holding changes storage has not accepted yet. */
  uncommittedKeys(): MeetingKey[] {
    return [...this.entries.values()].filter((e) => e.uncommitted).map((e) => e.key);
  }

  /**
   * Lessons whose re-evaluation is due by this process's knowledge (what it runs from memory while storage is down).
   */
  dueTimers(now: number): MeetingKey[] {
    const due = (at: number | undefined): boolean => at !== undefined && at <= now;
    return [...this.entries.values()].filter((e) => due(e.timerDueAt) || due(e.heldTimerDueAt)).map((e) => e.key);
  }

  /** Sets (or with undefined, drops) the re-evaluation owed from memory. */
  holdTimer(key: MeetingKey, dueAt: number | undefined): void {
    const entry = this.entries.get(id(key));
    if (entry) entry.heldTimerDueAt = dueAt;
  }

  /** Re-evaluations owed from memory, to be stored once storage is back. */
  heldTimers(): Array<{ key: MeetingKey; dueAt: number }> {
    return [...this.entries.values()].flatMap((e) =>
      e.heldTimerDueAt === undefined ? [] : [{ key: e.key, dueAt: e.heldTimerDueAt }],
    );
  }

  /** Critical messages of cached lessons that failed, or are still pending since before `pendingSince`. */
  criticalDeliveryProblems(pendingSince: number): { failed: number; late: number } {
    let failed = 0;
    let late = 0;
    for (const { record } of this.entries.values()) {
      for (const d of record.deliveries ?? []) {
        if (!d.critical) continue;
        if (d.state === 'failed') failed++;
        else if (d.state === 'pending' && d.createdAt < pendingSince) late++;
      }
    }
    return { failed, late };
  }

  /** The cached record without touching storage (used while storage is down). */
  peek(key: MeetingKey): MeetingRecord | undefined {
    return this.entries.get(id(key))?.record;
  }

  /** Caches a committed record. */
  set(key: MeetingKey, record: MeetingRecord): void {
    const previous = this.entries.get(id(key));
    this.touch(key, { ...previous, key, record, at: this.now(), uncommitted: false });
  }

  /** Caches a record that holds events storage has not accepted yet. */
  setUncommitted(key: MeetingKey, record: MeetingRecord): void {
    const previous = this.entries.get(id(key));
    this.touch(key, { ...previous, key, record, at: this.now(), uncommitted: true });
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

  /** Remembers the timer scheduled for a meeting (undefined: none is needed any more). */
  timerScheduled(key: MeetingKey, dueAt: number | undefined): void {
    const entry = this.entries.get(id(key));
    if (entry) entry.timerDueAt = dueAt;
  }

  private touch(key: MeetingKey, entry: Entry): void {
    const k = id(key);
    this.entries.delete(k);
    this.entries.set(k, entry);
    // Least recently used first; a lesson whose events or timers live only here (storage down) is never dropped.
    for (const [candidate, held] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      if (!held.uncommitted && held.heldTimerDueAt === undefined) this.entries.delete(candidate);
    }
  }
}

function id(key: MeetingKey): string {
  return `${key.tenantId}\u0000${key.meetingId}`;
}

/** Stored deliveries, with what happened to them in memory (sent during the outage) and those planned there. */
function mergeDeliveries(
  stored: MeetingRecord['deliveries'],
  held: MeetingRecord['deliveries'],
): MeetingRecord['deliveries'] {
  const byId = new Map((stored ?? []).map((d) => [d.id, d]));
  for (const d of held ?? []) {
    const known = byId.get(d.id);
    if (!known || (known.state === 'pending' && d.state !== 'pending')) byId.set(d.id, d);
  }
  return [...byId.values()];
}

function raisedOnly(alerts: MeetingRecord['alerts']): MeetingRecord['alerts'] {
  return Object.fromEntries(Object.entries(alerts).filter(([, tracked]) => tracked.raisedAt !== undefined));
}
