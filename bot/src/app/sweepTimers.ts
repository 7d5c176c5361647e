import { evaluate } from '../domain/evaluate.js';
import type { Policy } from '../domain/policy/schema.js';
import { planLessonDeliveries } from './delivery/planLessonDeliveries.js';
import { owes } from './applyMeetingEvent.js';
import type { Clock, DueTimer, Logger, MeetingKey, MeetingStore, TimerStore } from './ports.js';
import type { RecordCache } from './recordCache.js';
import { timerSlot } from './timerSlot.js';
import type { Settle } from './settleFindings.js';

/** What a due timer of one reason does; a failure is logged and the timer tried again shortly. */
export type TimerHandler = (timer: DueTimer) => Promise<void>;

/** Handlers by `DueTimer.reason`; a reason with no handler re-evaluates the lesson. */
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

/** The timer reason of a lesson re-evaluation (the default for any reason without a handler). */
export const EVALUATE_REASON = 'evaluate';

/** How long after a failed timer it is tried again. */
const RETRY_AFTER_MS = 30_000;

/** Dependencies of {@link createSweepTimers}. */
export interface SweepDeps {
  meetings: MeetingStore;
  timers: TimerStore;
  cache: RecordCache;
  settle: Settle;
  policyFor(tenantId: string): Policy;
  dslsFor(tenantId: string): Promise<ReadonlyArray<{ aadObjectId: string }>>;
  clock: Clock;
  logger: Logger;
  /** The routines' own timers (e.g. `roster`, `attendance`), each run by the routine that set it. */
  handlers?: TimerHandlers;
}

/**
 * One sweep: claim the timers that are due (each is claimed by exactly one instance) and hand each
 * to the handler of its reason. The default re-evaluates the meeting against its current state and
 * the clock (never against what was true when the timer was set), saves the alert book and the
 * messages it now owes in one write with its ETag, and sends them.
 */
export function createSweepTimers(deps: SweepDeps) {
  const handlers: TimerHandlers = { [EVALUATE_REASON]: (timer) => reevaluate(deps, timer.key), ...deps.handlers };
  const fallback = handlers[EVALUATE_REASON]!;
  return async function sweepTimers(limit = 50): Promise<number> {
    const due = await deps.timers.claimDue(deps.clock.now(), limit);
    for (const timer of due) {
      try {
        // Own properties only: a reason is stored text and must never reach Object.prototype.
        await (Object.hasOwn(handlers, timer.reason) ? handlers[timer.reason]! : fallback)(timer);
      } catch (error) {
        deps.logger.error({ timer: timerLabel(timer), reason: timer.reason, err: error instanceof Error ? error.message : String(error) }, 'timer failed; rescheduling');
        await deps.timers.schedule(timer.key, deps.clock.now() + RETRY_AFTER_MS, timer.reason).catch(() => undefined);
      }
    }
    return due.length;
  };
}

async function reevaluate(deps: SweepDeps, key: MeetingKey): Promise<void> {
  const dsls = await deps.dslsFor(key.tenantId);
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await deps.cache.reload(key, () => deps.meetings.load(key));
    if (!record) return;
    const now = deps.clock.now();
    const result = evaluate(deps.policyFor(key.tenantId), record.state, now, record.alerts);
    if (result.nextCheckAt !== undefined) {
      const due = timerSlot(result.nextCheckAt);
      await deps.timers.schedule(key, due, EVALUATE_REASON);
      deps.cache.timerScheduled(key, due);
    }
    if (JSON.stringify(result.book) === JSON.stringify(record.alerts)) return;
    const deliveries = planLessonDeliveries(record.deliveries ?? [], result.book, result.started, { key, state: record.state, dsls, now });
    const saved = await deps.meetings.saveBook(key, { alerts: result.book, deliveries }, record.etag);
    if (saved.outcome === 'conflict') continue;
    const next = { ...record, alerts: result.book, deliveries, etag: saved.etag };
    deps.cache.set(key, next);
    await deps.settle(key, { record: next, started: result.started, owesDelivery: owes(record, deliveries) });
    return;
  }
  throw new Error('meeting kept changing during re-evaluation');
}

function timerLabel(timer: DueTimer): string {
  return `${timer.id}@${timer.dueAt}`;
}
