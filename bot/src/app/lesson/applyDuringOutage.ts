import { seenBefore } from '../../domain/appliedEvents.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingEvent, MeetingState } from '../../domain/types.js';
import type { MeetingKey } from '../ports.js';
import type { ApplyDeps, ApplyOutcome } from './applyMeetingEvent.js';
import { emptyRecord, owes, step } from './lessonStep.js';
import { timerSlot } from './timerSlot.js';

/**
 * Applies an event while storage cannot be reached: reduced and evaluated over the cached record in
 * memory, held by the outage buffer (which writes it once storage answers), its timer owed from memory.
 * An event too old for the lesson's window of ids (`seenBefore` is `unknown`) cannot be checked against
 * the stored events now: it is applied in memory, and the buffer's replay checks it against storage
 * before anything is written, so storage never records it twice.
 */
export async function applyDuringOutage(
  deps: ApplyDeps,
  policy: Policy,
  dsls: ReadonlyArray<{ aadObjectId: string }>,
  key: MeetingKey,
  event: MeetingEvent,
  address: MeetingState['address'],
  error: unknown,
): Promise<ApplyOutcome> {
  const cached = deps.cache.peek(key);
  const base = cached ?? emptyRecord(key);
  if (seenBefore(base.state, event) === 'applied')
    return { outcome: 'duplicate', record: base, started: [], cleared: [], buffered: true };
  const now = deps.clock.now();
  const next = step(policy, key, base, event, address, now, dsls);
  // Still the stored version it came from (ETag, revision, store's note): the held events are not written yet.
  const record = { ...base, state: next.state, alerts: next.alerts, deliveries: next.deliveries };
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
