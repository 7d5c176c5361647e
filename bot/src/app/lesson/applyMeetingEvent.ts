import { evaluate } from '../../domain/evaluate.js';
import { emptyMeeting, reduce } from '../../domain/reducer.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { Finding, MeetingEvent, MeetingState } from '../../domain/types.js';
import { planLessonDeliveries } from '../delivery/planLessonDeliveries.js';
import type { Clock, Logger, MeetingKey, MeetingRecord, MeetingStore, TimerStore } from '../ports.js';
import { sameAlertBook } from './alertBooks.js';
import type { OutageBuffer } from './outageBuffer.js';
import { KeyedQueue } from './keyedQueue.js';
import { timerSlot } from './timerSlot.js';
import type { RecordCache } from './recordCache.js';

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
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let current: MeetingRecord | undefined;
      try {
        current =
          attempt === 1
            ? await deps.cache.get(key, () => deps.meetings.load(key))
            : await deps.cache.reload(key, () => deps.meetings.load(key));
      } catch (error) {
        if (options?.replay || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, dsls, key, event, address, error);
      }
      const base = current?.state ?? emptyMeeting(key.tenantId, key.meetingId);
      if (base.applied.includes(event.id))
        return { outcome: 'duplicate', record: current ?? fresh(base), started: [], cleared: [] };
      const { state, alerts, deliveries, started, cleared, nextCheckAt } = options?.replay
        ? recordOnly(current ?? fresh(base), event, address)
        : step(policy, key, current ?? fresh(base), event, address, deps.clock.now(), dsls);
      let result;
      try {
        result = await deps.meetings.commit(key, event, { state, alerts, deliveries }, current?.etag || undefined);
      } catch (error) {
        if (options?.replay || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, dsls, key, event, address, error);
      }
      if (result.outcome === 'conflict') {
        deps.logger.debug({ attempt }, 'snapshot changed under us; reloading');
        continue;
      }
      if (result.outcome === 'duplicate') {
        deps.cache.forget(key);
        return { outcome: 'duplicate', record: current ?? fresh(base), started: [], cleared: [] };
      }
      const record = { state, alerts, deliveries, etag: result.etag };
      deps.cache.set(key, record);
      if (nextCheckAt !== undefined) await scheduleQuietly(deps, key, timerSlot(nextCheckAt));
      return { outcome: 'applied', record, started, cleared, owesDelivery: owes(current, deliveries) };
    }
    throw new ConcurrencyExhaustedError(
      `Gave up after ${maxAttempts} concurrent updates to one meeting; the sender should retry.`,
    );
  }
}

/**
 * One step: reduce the event, attach the address, evaluate the rules against the clock, and plan
 * the messages the lesson now owes (pure apart from hashing delivery ids).
 */
export function step(
  policy: Policy,
  key: MeetingKey,
  current: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>,
  event: MeetingEvent,
  address: MeetingState['address'],
  now: number,
  dsls: ReadonlyArray<{ aadObjectId: string }>,
) {
  const state = withEvent(current.state, event, address);
  const evaluation = evaluate(policy, state, now, current.alerts);
  const deliveries = planLessonDeliveries(current.deliveries ?? [], evaluation.book, evaluation.started, {
    key,
    state,
    dsls,
    now,
  });
  return {
    state,
    alerts: evaluation.book,
    deliveries,
    started: evaluation.started,
    cleared: evaluation.cleared,
    nextCheckAt: evaluation.nextCheckAt,
  };
}

/** The state after `event`, with the meeting's address once it is known. */
function withEvent(state: MeetingState, event: MeetingEvent, address: MeetingState['address']): MeetingState {
  const reduced = reduce(state, event);
  return address && !reduced.address ? { ...reduced, address } : reduced;
}

/** A held event recorded without the rules (see {@link ApplyOptions.replay}). */
function recordOnly(
  current: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>,
  event: MeetingEvent,
  address: MeetingState['address'],
) {
  const state = withEvent(current.state, event, address);
  return {
    state,
    alerts: current.alerts,
    deliveries: current.deliveries,
    started: [] as Finding[],
    cleared: [] as Finding[],
    nextCheckAt: undefined,
  };
}

/** A lesson re-evaluated against the clock: its new alert book and outbox, or undefined when nothing changed. */
export interface Reevaluation {
  record: MeetingRecord;
  started: Finding[];
  owesDelivery: boolean;
}

/**
 * Re-evaluates a lesson's current state against the clock (a due timer): the book it now has and
 * the messages it now owes, and when it must be looked at again (pure apart from hashing ids).
 */
export function reevaluate(
  policy: Policy,
  key: MeetingKey,
  record: MeetingRecord,
  now: number,
  dsls: ReadonlyArray<{ aadObjectId: string }>,
): { changed?: Reevaluation; nextCheckAt?: number } {
  const result = evaluate(policy, record.state, now, record.alerts);
  const nextCheckAt = result.nextCheckAt === undefined ? undefined : timerSlot(result.nextCheckAt);
  if (sameAlertBook(result.book, record.alerts)) return { nextCheckAt };
  const deliveries = planLessonDeliveries(record.deliveries ?? [], result.book, result.started, {
    key,
    state: record.state,
    dsls,
    now,
  });
  const changed = {
    record: { ...record, alerts: result.book, deliveries },
    started: result.started,
    owesDelivery: owes(record, deliveries),
  };
  return { changed, nextCheckAt };
}

/**
 * Whether `after` holds a pending delivery that `before` did not (a new message, or a withdrawal that changes nothing
 * to send).
 */
export function owes(
  before: Pick<MeetingRecord, 'deliveries'> | undefined,
  after: MeetingRecord['deliveries'],
): boolean {
  const known = new Set((before?.deliveries ?? []).map((d) => d.id));
  return (after ?? []).some((d) => d.state === 'pending' && !known.has(d.id));
}

function fresh(state: MeetingState): MeetingRecord {
  return { state, alerts: {}, etag: '' };
}

async function applyDuringOutage(
  deps: ApplyDeps,
  policy: Policy,
  dsls: ReadonlyArray<{ aadObjectId: string }>,
  key: MeetingKey,
  event: MeetingEvent,
  address: MeetingState['address'],
  error: unknown,
): Promise<ApplyOutcome> {
  const cached = deps.cache.peek(key);
  const base = cached ?? fresh(emptyMeeting(key.tenantId, key.meetingId));
  if (base.state.applied.includes(event.id))
    return { outcome: 'duplicate', record: base, started: [], cleared: [], buffered: true };
  const now = deps.clock.now();
  const next = step(policy, key, base, event, address, now, dsls);
  const record = { state: next.state, alerts: next.alerts, deliveries: next.deliveries, etag: cached?.etag ?? '' };
  // Journaled first: if it cannot be kept, nothing changes and the sender is told to retry.
  deps.buffer.hold(key, event, address, error);
  deps.cache.setUncommitted(key, record);
  // No timer can be stored: this process re-evaluates the lesson from memory when it is due.
  if (next.nextCheckAt !== undefined) deps.cache.holdTimer(key, timerSlot(next.nextCheckAt));
  return {
    outcome: 'applied',
    record,
    started: next.started,
    cleared: next.cleared,
    buffered: true,
    owesDelivery: owes(cached, next.deliveries),
  };
}

async function scheduleQuietly(deps: ApplyDeps, key: MeetingKey, dueAt: number): Promise<void> {
  if (!deps.cache.needsTimer(key, dueAt, deps.clock.now())) return;
  try {
    await deps.timers.schedule(key, dueAt, 'evaluate');
    deps.cache.timerScheduled(key, dueAt);
  } catch (error) {
    // The event is committed; a missed timer is caught by the next event or the outage buffer's retry.
    deps.logger.warn({ err: String(error) }, 'could not schedule a re-evaluation timer');
  }
}
