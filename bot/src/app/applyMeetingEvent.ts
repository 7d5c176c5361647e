import { evaluate } from '../domain/evaluate.js';
import { emptyMeeting, reduce } from '../domain/reducer.js';
import type { Policy } from '../domain/policy/schema.js';
import type { AlertBook, Finding, MeetingEvent, MeetingState } from '../domain/types.js';
import type { Clock, Logger, MeetingKey, MeetingRecord, MeetingStore, TimerStore } from './ports.js';
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
}

/** Options for one application of an event. */
export interface ApplyOptions {
  /** Set by the outage buffer's flush: an outage is thrown to it instead of buffering again. */
  rethrowOutage?: boolean;
}

/** Applies one event to a lesson: reducer, rules, one storage transaction. */
export type ApplyMeetingEvent = (key: MeetingKey, event: MeetingEvent, address?: MeetingState['address'], options?: ApplyOptions) => Promise<ApplyOutcome>;

/** Dependencies of {@link createApplyMeetingEvent}. */
export interface ApplyDeps {
  meetings: MeetingStore;
  timers: TimerStore;
  cache: RecordCache;
  buffer: OutageBuffer;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  /** Attempts on ETag conflicts before giving up (another instance keeps winning). */
  maxAttempts?: number;
}

/** Thrown when storage keeps reporting concurrent writers; the caller answers 503 and Teams retries. */
export class ConcurrencyExhaustedError extends Error {
  override name = 'ConcurrencyExhaustedError';
}

/**
 * Builds the use case that applies an event. Optimistic concurrency: read the snapshot (cached
 * with its ETag, so usually no read), reduce, evaluate, and commit event row + snapshot in one
 * transaction; on a 412 reload and retry. A duplicate activity id is a no-op. When storage is
 * down the event is reduced in memory, alerts still go out, and the buffer writes it later.
 */
export function createApplyMeetingEvent(deps: ApplyDeps): ApplyMeetingEvent {
  const maxAttempts = deps.maxAttempts ?? 8;
  const queue = new KeyedQueue();
  return (key, event, address, options) => queue.run(`${key.tenantId}\u0000${key.meetingId}`, () => applyOnce(key, event, address, options));

  async function applyOnce(key: MeetingKey, event: MeetingEvent, address: MeetingState['address'], options: ApplyOptions | undefined): Promise<ApplyOutcome> {
    const policy = deps.policyFor(key.tenantId);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let current: MeetingRecord | undefined;
      try {
        current = attempt === 1 ? await deps.cache.get(key, () => deps.meetings.load(key)) : await deps.cache.reload(key, () => deps.meetings.load(key));
      } catch (error) {
        if (options?.rethrowOutage || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, key, event, address, error);
      }
      const base = current?.state ?? emptyMeeting(key.tenantId, key.meetingId);
      if (base.applied.includes(event.id)) return { outcome: 'duplicate', record: current ?? fresh(base), started: [], cleared: [] };
      const { state, alerts, started, cleared, nextCheckAt } = step(policy, base, current?.alerts ?? {}, event, address, deps.clock.now());
      let result;
      try {
        result = await deps.meetings.commit(key, event, { state, alerts }, current?.etag);
      } catch (error) {
        if (options?.rethrowOutage || !deps.buffer.isOutage(error)) throw error;
        return applyDuringOutage(deps, policy, key, event, address, error);
      }
      if (result.outcome === 'conflict') {
        deps.logger.debug({ attempt }, 'snapshot changed under us; reloading');
        continue;
      }
      if (result.outcome === 'duplicate') {
        deps.cache.forget(key);
        return { outcome: 'duplicate', record: current ?? fresh(base), started: [], cleared: [] };
      }
      const record = { state, alerts, etag: result.etag };
      deps.cache.set(key, record);
      if (nextCheckAt !== undefined) await scheduleQuietly(deps, key, timerSlot(nextCheckAt));
      return { outcome: 'applied', record, started, cleared };
    }
    throw new ConcurrencyExhaustedError(`Gave up after ${maxAttempts} concurrent updates to one meeting; the sender should retry.`);
  }
}

/** One pure step: reduce the event, attach the address, evaluate the rules against the clock. */
export function step(policy: Policy, base: MeetingState, book: AlertBook, event: MeetingEvent, address: MeetingState['address'], now: number) {
  const reduced = reduce(base, event);
  const state = address && !reduced.address ? { ...reduced, address } : reduced;
  const evaluation = evaluate(policy, state, now, book);
  return { state, alerts: evaluation.book, started: evaluation.started, cleared: evaluation.cleared, nextCheckAt: evaluation.nextCheckAt };
}

function fresh(state: MeetingState): MeetingRecord {
  return { state, alerts: {}, etag: '' };
}

async function applyDuringOutage(deps: ApplyDeps, policy: Policy, key: MeetingKey, event: MeetingEvent, address: MeetingState['address'], error: unknown): Promise<ApplyOutcome> {
  const cached = deps.cache.peek(key);
  const base = cached?.state ?? emptyMeeting(key.tenantId, key.meetingId);
  if (base.applied.includes(event.id)) return { outcome: 'duplicate', record: cached ?? fresh(base), started: [], cleared: [], buffered: true };
  const next = step(policy, base, cached?.alerts ?? {}, event, address, deps.clock.now());
  const record = { state: next.state, alerts: next.alerts, etag: cached?.etag ?? '' };
  deps.cache.setUncommitted(key, record);
  deps.buffer.hold(key, event, address, error);
  return { outcome: 'applied', record, started: next.started, cleared: next.cleared, buffered: true };
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
