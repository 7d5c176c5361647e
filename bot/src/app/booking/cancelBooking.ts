/**
 * Cancels a booked lesson as its organizer: Graph cancels the calendar event (Outlook sends everyone invited the
 * cancellation), then the lesson and the booking record it, and the people the booking told are told. Nothing is
 * recorded or said unless Graph cancelled it. Cancelling twice is one cancellation.
 */
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
import type { BookingCaller } from './bookingRequest.js';
import { cancelledCard } from './changeCards.js';

/** What Outlook's cancellation says to everyone invited. */
export const CANCEL_COMMENT = 'This lesson has been cancelled by the teacher.';

/** Cancels the caller's booking `id`; throws {@link BookingChangeRefused}, or Graph's refusal as booking does. */
export async function cancelBooking(
  deps: BookingChangeDeps,
  caller: BookingCaller,
  id: string,
): Promise<BookingChanged> {
  const key = keyOf(caller, id);
  let kept = await findBooking(deps, key);
  if (kept.booking.cancelledAt !== undefined) return { kept, repeated: true, cardsQueued: 0 };
  refuseIfStarted(deps, kept.booking);
  // Asked before: an earlier request may have cancelled the event and stopped before recording it.
  const askedBefore = kept.cancelAskedAt !== undefined;
  if (!askedBefore) {
    kept = await saveChange(deps, key, kept, (k) => ({ ...k, cancelAskedAt: deps.clock.now() }));
    if (kept.booking.cancelledAt !== undefined) return { kept, repeated: true, cardsQueued: 0 };
  }
  const answer = await deps.calendar.cancelEvent(caller.asUser, kept.booking.eventId, CANCEL_COMMENT);
  if (answer === 'notFound' && !askedBefore) {
    const unasked = ({ cancelAskedAt: _asked, ...rest }: typeof kept) => rest;
    await saveChange(deps, key, kept, unasked).catch(() => deps.logger.warn({}, 'cancellation mark not cleared'));
    throw new BookingChangeRefused('eventNotFound');
  }
  const at = deps.clock.now();
  await deps.applyEvent(
    { tenantId: caller.tenantId, meetingId: kept.booking.meetingId },
    { kind: 'meetingDetailsLearned', id: changeId('cancelled', key), at, cancelledAt: at },
  );
  const text = { byName: caller.name, timeZone: deps.policyFor(caller.tenantId).school.timeZone };
  const cause = `cancelled@${kept.booking.eventId}`;
  const cardsQueued = await tellOfChange(deps, caller, kept.booking, (to) =>
    cancelledCard(kept.booking, text, to, cause),
  );
  kept = await saveChange(deps, key, kept, (k) =>
    k.booking.cancelledAt === undefined ? { ...k, booking: { ...k.booking, cancelledAt: at } } : k,
  );
  deps.logger.info({ cardsQueued }, 'booked lesson cancelled');
  return { kept, repeated: false, cardsQueued };
}
