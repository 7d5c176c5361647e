import { errorFacts } from '../errorFacts.js';
import type { DueTimer, Logger, TimerStore } from '../ports.js';
import { EVALUATE_REASON, reevaluateAndSave, type ReevaluationDeps } from './reevaluateAndSave.js';

/** What a due timer of one reason does; a failure is logged and the timer tried again shortly. */
export type TimerHandler = (timer: DueTimer) => Promise<void>;

/** Handlers by `DueTimer.reason`; a reason with no handler re-evaluates the lesson. */
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

/** How long after a failed timer it is tried again. */
const RETRY_AFTER_MS = 30_000;
/** Due timers run at once, so one lesson whose Teams never answers cannot hold up another's alert. */
const DEFAULT_CONCURRENCY = 8;
/** How long the sweep waits for one handler before it stops waiting and tries that timer again later. */
const DEFAULT_HANDLER_DEADLINE_MS = 15_000;

/** Dependencies of {@link createSweepTimers}. */
export interface SweepDeps extends ReevaluationDeps {
  timers: Pick<TimerStore, 'schedule' | 'claimDue'>;
  logger: Logger;
  /** The routines' own timers (e.g. `roster`, `attendance`), each run by the routine that set it. */
  handlers?: TimerHandlers;
  /** How many due timers run at once (default 8). */
  concurrency?: number;
  /** How long one handler may run before the sweep abandons it and reschedules its timer (default 15 s). */
  handlerDeadlineMs?: number;
}

/**
 * One sweep: claim the timers that are due (each is claimed by exactly one instance) and hand each
 * to the handler of its reason, a few at a time, re-evaluations first. The default re-evaluates
 * the meeting against its current state and the clock (never against what was true when the timer
 * was set), saves the alert book and the messages it now owes in one write with its ETag, and
 * sends them. A handler that fails, or is still running at its deadline, is logged once and its
 * timer tried again shortly; the sweep never waits on it longer than that, so one lesson's fault
 * does not delay the others.
 */
export function createSweepTimers(deps: SweepDeps) {
  const handlers: TimerHandlers = {
    [EVALUATE_REASON]: (timer) => reevaluateAndSave(deps, timer.key, { fromMemory: false }),
    ...deps.handlers,
  };
  const fallback = handlers[EVALUATE_REASON]!;
  const deadlineMs = deps.handlerDeadlineMs ?? DEFAULT_HANDLER_DEADLINE_MS;
  const retryLater = (timer: DueTimer): Promise<void> =>
    deps.timers.schedule(timer.key, deps.clock.now() + RETRY_AFTER_MS, timer.reason).catch(() => undefined);

  // Own properties only: a reason is stored text and must never reach Object.prototype.
  const handlerOf = (timer: DueTimer): TimerHandler =>
    Object.hasOwn(handlers, timer.reason) ? handlers[timer.reason]! : fallback;

  async function run(timer: DueTimer): Promise<void> {
    const handler = handlerOf(timer);
    const work = Promise.resolve().then(() => handler(timer));
    let outcome: 'done' | 'late';
    try {
      outcome = await settledWithin(work, deadlineMs);
    } catch (error) {
      deps.logger.error(
        { timer: timerLabel(timer), reason: timer.reason, err: errorFacts(error) },
        'timer failed; rescheduling',
      );
      return retryLater(timer);
    }
    if (outcome === 'done') return;
    // Abandoned: whatever it does later is not this sweep's business (a later failure is not logged twice).
    deps.logger.error(
      { timer: timerLabel(timer), reason: timer.reason, deadlineMs },
      'timer still running at its deadline; rescheduling',
    );
    return retryLater(timer);
  }

  return async function sweepTimers(limit = 50): Promise<number> {
    const due = await deps.timers.claimDue(deps.clock.now(), limit);
    // Re-evaluations raise the grace-period alerts: they start ahead of the routines' timers of the same batch.
    const first = due.filter((timer) => handlerOf(timer) === fallback);
    const then = due.filter((timer) => handlerOf(timer) !== fallback);
    await eachAtMost([...first, ...then], deps.concurrency ?? DEFAULT_CONCURRENCY, run);
    return due.length;
  };
}

/** Runs `run` over `items` with at most `limit` running at once; resolves when all are done. */
async function eachAtMost<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/** `done` when `work` resolves within `ms`, `late` when it is still running then; rejects as `work` does. */
async function settledWithin(work: Promise<void>, ms: number): Promise<'done' | 'late'> {
  let deadline: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (deadline = setTimeout(resolve, ms, 'late')));
  try {
    return await Promise.race([work.then(() => 'done' as const), late]);
  } finally {
    clearTimeout(deadline);
  }
}

function timerLabel(timer: DueTimer): string {
  return `${timer.id}@${timer.dueAt}`;
}
