import type { Policy } from '../../domain/policy/schema.js';
import type { Finding, MeetingEvent, MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { Clock, Logger, MeetingKey, MeetingRecord, MeetingStore, TimerStore } from '../ports.js';
import { appliedBefore } from './appliedBefore.js';
import { applyDuringOutage } from './applyDuringOutage.js';
import { KeyedQueue } from './keyedQueue.js';
import { emptyRecord, owes, recordOnly, step } from './lessonStep.js';
import type { OutageBuffer } from './outageBuffer.js';
import type { RecordCache } from './recordCache.js';
import { timerSlot } from './timerSlot.js';

/** What applying one event did. `started`/`cleared` are the alerts this call must deliver. */
export interface ApplyOutcome {
  outcome: 'applied' | 'duplicate';
  record: MeetingRecord;
  started: Finding[];
  cleared: Finding[];
  /** True when storage was unreachable and the event waits in the outage buffer. */
  buffered?: boolean;
  /** True when the event added messages to the lesson's delivery outbox (the caller kicks the worker). */
  owesDelivery?: boolean;
}

/** Options for one application of an event. */
export interface ApplyOptions {
  /**
   * Set by the outage buffer's flush: the event was already evaluated in memory when it arrived, so
   * it is only recorded (state, not rules: the book and outbox stay as memory left them, and the
   * flush re-evaluates the lesson once its last held event is in). An outage is thrown, not held again.
   */
  replay?: boolean;
}

/** Applies one event to a lesson: reducer, rules, one storage transaction. */
export type ApplyMeetingEvent = (
  key: MeetingKey,
  event: MeetingEvent,
  address?: MeetingState['address'],
  options?: ApplyOptions,
) => Promise<ApplyOutcome>;

/** Dependencies of {@link createApplyMeetingEvent}. */
export interface ApplyDeps {
  meetings: MeetingStore;
  timers: TimerStore;
  cache: RecordCache;
  buffer: OutageBuffer;
  policyFor(tenantId: string): Policy;
  /** The tenant's DSLs, for findings the DSL must hear of. */
  dslsFor(tenantId: string): Promise<ReadonlyArray<{ aadObjectId: string }>>;
  clock: Clock;
  logger: Logger;
  /** Attempts on ETag conflicts before giving up (another instance keeps winning). */
  maxAttempts?: number;
}

/** Commits tried by default: each loss means another instance just wrote the lesson; a handful settle within eight. */
const DEFAULT_MAX_ATTEMPTS = 8;

/** Thrown when storage keeps reporting concurrent writers; the caller answers 503 and Teams retries. */
export class ConcurrencyExhaustedError extends Error {
  override name = 'ConcurrencyExhaustedError';
}

/**
 * Builds the raw step that applies an event (the service exposes it only behind the lesson use
 * case, which also delivers). Optimistic concurrency: read the snapshot (cached with its ETag, so
 * usually no read), reduce, evaluate, plan the messages owed, and commit event, alert book and
 * delivery outbox in one write; on a 412 reload and retry. A duplicate activity id is a no-op.
 * When storage is down the event is reduced in memory and the buffer writes it later.
 */
export function createApplyMeetingEvent(deps: ApplyDeps): ApplyMeetingEvent {
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const queue = new KeyedQueue();
  return (key, event, address, options) =>
    queue.run(`${key.tenantId}\u0000${key.meetingId}`, () => applyOnce(key, event, address, options));

  async function applyOnce(
    key: MeetingKey,
    event: MeetingEvent,
    address: MeetingState['address'],
    options: ApplyOptions | undefined,
  ): Promise<ApplyOutcome> {
    const policy = deps.policyFor(key.tenantId);
    const dsls = await deps.dslsFor(key.tenantId);
    // After a lost race: the lesson as the store read it then, so the retry needs no second read.
    let readByStore: MeetingRecord | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let current: MeetingRecord | undefined;
      let duplicate: boolean;
      try {
        const fresh = readByStore;
        readByStore = undefined;
        current =
          attempt === 1
            ? await deps.cache.get(key, () => deps.meetings.load(key))
            : await deps.cache.reload(key, async () => fresh ?? deps.meetings.load(key));
        duplicate = await appliedBefore(deps.meetings, key, current ?? emptyRecord(key), event);
      } catch (error) {
        if (options?.replay || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, dsls, key, event, address, error);
      }
      const base = current ?? emptyRecord(key);
      if (duplicate) return { outcome: 'duplicate', record: base, started: [], cleared: [] };
      const { state, alerts, deliveries, started, cleared, nextCheckAt } = options?.replay
        ? recordOnly(base, event, address)
        : step(policy, key, base, event, address, deps.clock.now(), dsls);
      let result;
      try {
        result = await deps.meetings.commit(
          key,
          event,
          { state, alerts, deliveries },
          current?.etag ? current : undefined,
          { address },
        );
      } catch (error) {
        if (options?.replay || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, dsls, key, event, address, error);
      }
      if (result.outcome === 'conflict') {
        deps.logger.debug({ attempt }, 'snapshot changed under us; reloading');
        readByStore = result.current;
        continue;
      }
      if (result.outcome === 'duplicate') {
        deps.cache.forget(key);
        return { outcome: 'duplicate', record: base, started: [], cleared: [] };
      }
      const { outcome: _applied, ...version } = result;
      // The record carries the version just written (and the store's note on it): the next event needs no read.
      const record: MeetingRecord = { state, alerts, deliveries, ...version };
      deps.cache.set(key, record);
      if (nextCheckAt !== undefined) await scheduleQuietly(deps, key, timerSlot(nextCheckAt));
      return { outcome: 'applied', record, started, cleared, owesDelivery: owes(current, deliveries) };
    }
    throw new ConcurrencyExhaustedError(
      `Gave up after ${maxAttempts} concurrent updates to one meeting; the sender should retry.`,
    );
  }
}

async function scheduleQuietly(deps: ApplyDeps, key: MeetingKey, dueAt: number): Promise<void> {
  if (!deps.cache.needsTimer(key, dueAt, deps.clock.now())) return;
  try {
    await deps.timers.schedule(key, dueAt, 'evaluate');
    deps.cache.timerScheduled(key, dueAt);
  } catch (error) {
    // The event is committed; a missed timer is caught by the next event or the outage buffer's retry.
    deps.logger.warn({ err: errorFacts(error) }, 'could not schedule a re-evaluation timer');
  }
}
