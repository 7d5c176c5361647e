/**
 * Moves a booked lesson as its organizer: the new times are checked against the policy as a booking is (a move to
 * short notice needs a senior leader's reason), Graph moves the calendar event (everyone invited gets the update),
 * the lesson and the booking record the new times, and the people the booking told are told. Once per request id.
 */
import type { BookingCheck } from '../../domain/booking/bookingPlan.js';
import { fingerprint } from '../fingerprint.js';
import {
  changeId,
  findBooking,
  keyOf,
  refuseIfStarted,
  saveChange,
  tellOfChange,
  type BookingChangeDeps,
  type BookingChanged,
} from './bookingChange.js';
import { BookingChangeRefused } from './bookingErrors.js';
import { checkPlan, type BookingCaller } from './bookingRequest.js';
import { movedCard } from './changeCards.js';
import type { BookedLesson } from './ports.js';

/** The new times the tab sends, already validated at the edge. `start` is epoch ms. */
export interface MoveRequest {
  start: number;
  durationMinutes: number;
  /** A senior leader moving it to shorter notice than the policy asks, and why. */
  noticeOverride?: { reason: string };
}

/** Refused by the policy (each problem by its field), or moved. */
export type MoveOutcome =
  { outcome: 'invalid'; problems: BookingCheck['problems'] } | (BookingChanged & { outcome: 'moved' });

/** Moves the caller's booking `id` once per `requestId`; throws {@link BookingChangeRefused}, or Graph's refusal. */
export async function moveBooking(
  deps: BookingChangeDeps,
  caller: BookingCaller,
  id: string,
  requestId: string,
  move: MoveRequest,
): Promise<MoveOutcome> {
  const key = keyOf(caller, id);
  const kept = await findBooking(deps, key);
  const asked = fingerprint(move);
  const earlier = kept.moves[requestId];
  if (earlier !== undefined) {
    if (earlier !== asked) throw new BookingChangeRefused('requestIdReused');
    return { outcome: 'moved', kept, repeated: true, cardsQueued: 0 };
  }
  if (kept.booking.cancelledAt !== undefined) throw new BookingChangeRefused('cancelled');
  refuseIfStarted(deps, kept.booking);
  const before = kept.booking;
  const check = await checkPlan(deps, caller, {
    start: move.start,
    durationMinutes: move.durationMinutes,
    pupilCount: before.pupilCount,
    otherStaffIds: before.staffIds.filter((s) => s !== before.organizerId),
    ...(move.noticeOverride ? { noticeOverride: move.noticeOverride } : {}),
  });
  if (check.problems.length) return { outcome: 'invalid', problems: check.problems };
  const times = { start: move.start, end: move.start + move.durationMinutes * 60_000 };
  if ((await deps.calendar.moveEvent(caller.asUser, before.eventId, times)) === 'notFound')
    throw new BookingChangeRefused('eventNotFound');
  const movedAt = deps.clock.now();
  const { noticeOverride: _old, ...rest } = before;
  const after: BookedLesson = {
    ...rest,
    ...times,
    movedAt,
    checksPassed: check.passed,
    ...(check.noticeOverridden ? { noticeOverride: check.noticeOverridden } : {}),
  };
  // The lesson keeps when it was booked, so it still counts as scheduled in good time at its new start.
  await deps.applyEvent(
    { tenantId: caller.tenantId, meetingId: before.meetingId },
    {
      kind: 'meetingDetailsLearned',
      id: changeId('moved', key, requestId),
      at: movedAt,
      createdAt: before.bookedAt,
      // Approved short notice holds for the new time only if a senior leader approved this move too.
      noticeApproved: check.noticeOverridden !== undefined,
      scheduledStart: times.start,
      scheduledEnd: times.end,
    },
  );
  const text = { byName: caller.name, timeZone: deps.policyFor(caller.tenantId).school.timeZone };
  const cause = `moved@${changeId('moved', key, requestId)}`;
  const cardsQueued = await tellOfChange(deps, caller, after, (to) => movedCard(before, after, text, to, cause));
  const saved = await saveChange(deps, key, kept, (k) =>
    k.moves[requestId] === undefined
      ? {
          ...k,
          booking: { ...after, ...(k.booking.cancelledAt ? { cancelledAt: k.booking.cancelledAt } : {}) },
          moves: { ...k.moves, [requestId]: asked },
        }
      : k,
  );
  deps.logger.info({ cardsQueued, overridden: !!check.noticeOverridden }, 'booked lesson moved');
  return { outcome: 'moved', kept: saved, repeated: false, cardsQueued };
}
