/**
 * While Table Storage is unreachable, the lessons this process holds are re-evaluated from memory
 * when their timers fall due, so a grace period that runs out during an outage still raises its
 * alert, and the outbox (in memory, see the record cache) sends it at once. Once storage is back,
 * what memory changed is written: the alert books and outboxes, and the timers owed.
 */
import type { MeetingKey } from '../ports.js';
import { reevaluateAndSave, reevaluateNow, type ReevaluationDeps } from './reevaluateAndSave.js';

/** Dependencies of {@link createOutageSweep}. */
export type OutageSweepDeps = ReevaluationDeps;

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

/** Builds the outage sweep. */
export function createOutageSweep(deps: OutageSweepDeps): OutageSweep {
  return {
    async sweep() {
      const due = deps.cache.dueTimers(deps.clock.now());
      for (const key of due) {
        const record = deps.cache.peek(key);
        if (!record) continue;
        const { changed, nextCheckAt } = await reevaluateNow(deps, key, record);
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
      // Each lesson's book and outbox as memory has them, over whatever storage holds (merged by the cache).
      for (const key of keys.values()) await reevaluateAndSave(deps, key, { fromMemory: true });
    },
  };
}
