/**
 * The pure steps of the lesson path: one event through the reducer and the rules with the messages it
 * now owes (`step`), a held event recorded without the rules (`recordOnly`), and a lesson looked at
 * again against the clock (`reevaluate`). No storage: applyMeetingEvent.ts and the sweeps write the results.
 */
import { evaluate } from '../../domain/evaluate.js';
import type { Policy } from '../../domain/policy/schema.js';
import { emptyMeeting } from '../../domain/reducer.js';
import { stateAfter } from '../../domain/stateAfter.js';
import type { Finding, MeetingEvent, MeetingState } from '../../domain/types.js';
import { planLessonDeliveries } from '../delivery/planLessonDeliveries.js';
import type { MeetingKey, MeetingRecord } from '../ports.js';
import { sameAlertBook, sameList } from './alertBooks.js';
import { timerSlot } from './timerSlot.js';

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
  const state = stateAfter(current.state, event, address);
  const evaluation = evaluate(policy, state, now, current.alerts);
  const planned = planLessonDeliveries(current.deliveries ?? [], evaluation.book, evaluation.started, {
    key,
    state,
    dsls,
    now,
  });
  // What did not change stays the same object, so storage writes it (and works out its JSON) only when it does.
  return {
    state,
    alerts: sameAlertBook(evaluation.book, current.alerts) ? current.alerts : evaluation.book,
    deliveries: sameList(planned, current.deliveries) ? current.deliveries : planned,
    started: evaluation.started,
    cleared: evaluation.cleared,
    nextCheckAt: evaluation.nextCheckAt,
  };
}

/** A held event recorded without the rules (see {@link ApplyOptions.replay}). */
export function recordOnly(
  current: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>,
  event: MeetingEvent,
  address: MeetingState['address'],
) {
  const state = stateAfter(current.state, event, address);
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

/** The record of a lesson not stored yet: nobody has joined, nothing is raised. */
export function emptyRecord(key: MeetingKey): MeetingRecord {
  return { state: emptyMeeting(key.tenantId, key.meetingId), alerts: {}, etag: '', revision: 0 };
}
