/**
 * Re-evaluating one lesson against the clock and saving its alert book with the lesson's ETag: the
 * timer sweep does it when a re-evaluation falls due, and the outage write-back does it once storage
 * is back. One path, so the two cannot drift apart in what they store, schedule and send.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { reevaluate } from './lessonStep.js';
import type { Clock, MeetingKey, MeetingRecord, MeetingStore, TimerStore } from '../ports.js';
import type { RecordCache } from './recordCache.js';
import type { Settle } from './settleFindings.js';

/** The timer reason of a lesson re-evaluation (the sweep's default for any reason without a handler). */
export const EVALUATE_REASON = 'evaluate';

/**
 * Saves tried per lesson: each loss means another instance just wrote the lesson, and a handful of instances settle
 * within eight.
 */
const SAVE_ATTEMPTS = 8;

/** What re-evaluating a lesson needs. */
export interface ReevaluationDeps {
  meetings: Pick<MeetingStore, 'load' | 'saveBook'>;
  timers: Pick<TimerStore, 'schedule'>;
  cache: RecordCache;
  settle: Settle;
  policyFor(tenantId: string): Policy;
  dslsFor(tenantId: string): Promise<ReadonlyArray<{ aadObjectId: string }>>;
  clock: Clock;
}

/** How {@link reevaluateAndSave} treats what memory holds. */
export interface SaveOptions {
  /**
   * Memory holds changes storage has not seen (the lesson changed during a storage outage): the book is written even
   * when the re-evaluation changes nothing, the timer memory held is dropped once it is, and whatever memory planned
   * and has not sent yet goes now.
   */
  fromMemory: boolean;
}

/** The lesson re-evaluated now, with the DSLs its new alerts would go to. */
export async function reevaluateNow(deps: ReevaluationDeps, key: MeetingKey, record: MeetingRecord) {
  const dsls = await deps.dslsFor(key.tenantId);
  return reevaluate(deps.policyFor(key.tenantId), key, record, deps.clock.now(), dsls);
}

/**
 * Reloads the lesson, re-evaluates it (never against what was true when its timer was set), stores its next check,
 * saves the alert book and the messages it now owes in one write with its ETag, and sends them. A lost ETag race
 * reloads and tries again; a lesson storage has never held is left alone. Throws if the lesson keeps changing.
 */
export async function reevaluateAndSave(deps: ReevaluationDeps, key: MeetingKey, options: SaveOptions): Promise<void> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const record = await deps.cache.reload(key, () => deps.meetings.load(key));
    if (!record?.etag) return;
    const { changed, nextCheckAt } = await reevaluateNow(deps, key, record);
    if (nextCheckAt !== undefined) {
      await deps.timers.schedule(key, nextCheckAt, EVALUATE_REASON);
      deps.cache.timerScheduled(key, nextCheckAt);
    }
    if (!changed && !options.fromMemory) return;
    const book = changed?.record ?? record;
    const saved = await deps.meetings.saveBook(key, { alerts: book.alerts, deliveries: book.deliveries ?? [] }, record);
    if (saved.outcome === 'conflict') continue;
    const { outcome: _saved, ...version } = saved;
    const next = { ...book, ...version };
    deps.cache.set(key, next);
    if (options.fromMemory) deps.cache.holdTimer(key, undefined);
    return deps.settle(key, {
      record: next,
      started: changed?.started ?? [],
      owesDelivery: options.fromMemory || (changed?.owesDelivery ?? false),
    });
  }
  throw new Error('Could not save a re-evaluated lesson: its record kept changing; it is tried again later.');
}
