/**
 * While Table Storage is unreachable, the lessons this process holds are re-evaluated from memory
 * when their timers fall due, so a grace period that runs out during an outage still raises its
 * alert, and the outbox (in memory, see the record cache) sends it at once. Once storage is back,
 * what memory changed is written: the alert books and outboxes, and the timers owed.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { reevaluate } from './applyMeetingEvent.js';
import type { Clock, MeetingKey, MeetingStore, TimerStore } from '../ports.js';
import type { RecordCache } from './recordCache.js';
import type { Settle } from './settleFindings.js';
import { EVALUATE_REASON } from './sweepTimers.js';

/** Dependencies of {@link createOutageSweep}. */
export interface OutageSweepDeps {
  meetings: Pick<MeetingStore, 'load' | 'saveBook'>;
  timers: Pick<TimerStore, 'schedule'>;
  cache: RecordCache;
  settle: Settle;
  policyFor(tenantId: string): Policy;
  dslsFor(tenantId: string): Promise<ReadonlyArray<{ aadObjectId: string }>>;
  clock: Clock;
}

/** The outage sweep and the write-back that follows it. */
export interface OutageSweep {
  /** Re-evaluates, from memory, every held lesson whose timer is due; returns how many. */
  sweep(): Promise<number>;
  /**
   * Once storage is back and the held events are in: re-evaluates each lesson changed in memory (and
   * `replayed`), writes its book and outbox, stores its next timer, and sends what it owes.
   * Throws if storage fails again (what is left stays in memory for the next try).
   */
  writeBack(replayed: readonly MeetingKey[]): Promise<void>;
}

/**
 * Write-backs tried per lesson: each loss means another instance just wrote it, and a handful of instances settle
 * within eight.
 */
const SAVE_ATTEMPTS = 8;

/** Builds the outage sweep. */
export function createOutageSweep(deps: OutageSweepDeps): OutageSweep {
  return {
    async sweep() {
      const now = deps.clock.now();
      const due = deps.cache.dueTimers(now);
      for (const key of due) {
        const record = deps.cache.peek(key);
        if (!record) continue;
        const { changed, nextCheckAt } = reevaluate(
          deps.policyFor(key.tenantId),
          key,
          record,
          now,
          await deps.dslsFor(key.tenantId),
        );
        // The stored timer (if any) fires again after the outage; it finds nothing new to do.
        deps.cache.timerScheduled(key, undefined);
        deps.cache.holdTimer(key, nextCheckAt);
        if (!changed) continue;
        deps.cache.setUncommitted(key, changed.record);
        await deps.settle(key, changed);
      }
      return due.length;
    },
    async writeBack(replayed) {
      const keys = new Map<string, MeetingKey>();
      for (const key of [...replayed, ...deps.cache.uncommittedKeys(), ...deps.cache.heldTimers().map((t) => t.key)])
        keys.set(`${key.tenantId}\u0000${key.meetingId}`, key);
      for (const key of keys.values()) await writeBackLesson(deps, key);
    },
  };
}

/** Writes one lesson's book and outbox as memory has them, over whatever storage holds (merged by the cache). */
async function writeBackLesson(deps: OutageSweepDeps, key: MeetingKey): Promise<void> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const record = await deps.cache.reload(key, () => deps.meetings.load(key));
    if (!record?.etag) return; // never stored: nothing was held for it
    const now = deps.clock.now();
    const { changed, nextCheckAt } = reevaluate(
      deps.policyFor(key.tenantId),
      key,
      record,
      now,
      await deps.dslsFor(key.tenantId),
    );
    const book = changed?.record ?? record;
    const saved = await deps.meetings.saveBook(
      key,
      { alerts: book.alerts, deliveries: book.deliveries ?? [] },
      record.etag,
    );
    if (saved.outcome === 'conflict') continue;
    const next = { ...book, etag: saved.etag };
    deps.cache.set(key, next);
    deps.cache.holdTimer(key, undefined);
    if (nextCheckAt !== undefined) {
      await deps.timers.schedule(key, nextCheckAt, EVALUATE_REASON);
      deps.cache.timerScheduled(key, nextCheckAt);
    }
    // Whatever memory planned and has not sent yet (or the re-evaluation added) goes now.
    return deps.settle(key, { record: next, started: changed?.started ?? [], owesDelivery: true });
  }
  throw new Error('Could not write back a lesson changed during the storage outage: it kept changing.');
}
