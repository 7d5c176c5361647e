import { evaluate } from '../domain/evaluate.js';
import type { Policy } from '../domain/policy/schema.js';
import type { Clock, DueTimer, Logger, MeetingKey, MeetingStore, TimerStore } from './ports.js';
import type { RecordCache } from './recordCache.js';
import { timerSlot } from './timerSlot.js';
import type { Settle } from './settleFindings.js';

/** Dependencies of {@link createSweepTimers}. */
export interface SweepDeps {
  meetings: MeetingStore;
  timers: TimerStore;
  cache: RecordCache;
  settle: Settle;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
}

/**
 * One sweep: claim the timers that are due (each is claimed by exactly one instance), re-evaluate
 * each meeting against its current state and the clock (never against what was true when the
 * timer was set), save the alert book with its ETag, and deliver what started or cleared.
 */
export function createSweepTimers(deps: SweepDeps) {
  return async function sweepTimers(limit = 50): Promise<number> {
    const due = await deps.timers.claimDue(deps.clock.now(), limit);
    for (const timer of due) {
      try {
        await reevaluate(deps, timer.key);
      } catch (error) {
        deps.logger.error({ timer: timerLabel(timer), err: error instanceof Error ? error.message : String(error) }, 're-evaluation failed; rescheduling');
        await deps.timers.schedule(timer.key, deps.clock.now() + 30_000, timer.reason).catch(() => undefined);
      }
    }
    return due.length;
  };
}

async function reevaluate(deps: SweepDeps, key: MeetingKey): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await deps.cache.reload(key, () => deps.meetings.load(key));
    if (!record) return;
    const now = deps.clock.now();
    const result = evaluate(deps.policyFor(key.tenantId), record.state, now, record.alerts);
    if (result.nextCheckAt !== undefined) {
      const due = timerSlot(result.nextCheckAt);
      await deps.timers.schedule(key, due, 'evaluate');
      deps.cache.timerScheduled(key, due);
    }
    if (JSON.stringify(result.book) === JSON.stringify(record.alerts)) return;
    const saved = await deps.meetings.saveAlerts(key, result.book, record.etag);
    if (saved.outcome === 'conflict') continue;
    const next = { ...record, alerts: result.book, etag: saved.etag };
    deps.cache.set(key, next);
    await deps.settle(key, { record: next, started: result.started, cleared: result.cleared });
    return;
  }
  throw new Error('meeting kept changing during re-evaluation');
}

function timerLabel(timer: DueTimer): string {
  return `${timer.id}@${timer.dueAt}`;
}
