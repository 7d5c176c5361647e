/**
 * What follows a booking once the lesson exists (neither undoes it): Chaperone into the lesson's
 * chat where the school allows it, and the senior team's cards on the lesson's outbox.
 */
import { errorFacts } from '../errorFacts.js';
import type { BookingRequest, BookingCaller } from './bookingRequest.js';
import type { BookLessonDeps } from './bookLesson.js';
import { bookedCard } from './bookedCard.js';
import { DelegatedAccessError, type BookedLesson, type ChatOutcome } from './ports.js';

/**
 * Adds Chaperone to the lesson's chat, as the teacher, where the school allows it: a refusal or an
 * outage leaves the booking as it is (the teacher is told to add Chaperone in Teams before the lesson).
 */
export async function addToChat(deps: BookLessonDeps, caller: BookingCaller, threadId: string): Promise<ChatOutcome> {
  if (!deps.chat) return 'notSetUp';
  try {
    await deps.chat.addChaperone(caller.asUser, threadId);
    return 'added';
  } catch (error) {
    const refused = error instanceof DelegatedAccessError;
    deps.logger.warn({ err: errorFacts(error) }, 'Chaperone not added to the lesson chat');
    return refused ? 'notAllowed' : 'failed';
  }
}

/** Queues the card for every senior leader; a card that could not be queued is logged, the booking stands. */
export async function tellSlt(
  deps: BookLessonDeps,
  caller: BookingCaller,
  request: BookingRequest,
  booking: BookedLesson,
): Promise<number> {
  const key = { tenantId: caller.tenantId, meetingId: booking.meetingId };
  const text = {
    organizerName: caller.name,
    otherStaffNames: request.otherStaff.map((s) => s.name),
    timeZone: deps.policyFor(caller.tenantId).school.timeZone,
    ...(request.notesForSlt ? { notesForSlt: request.notesForSlt } : {}),
  };
  let queued = 0;
  for (const leader of booking.sltIds ?? []) {
    try {
      await deps.cards.queue(key, bookedCard(booking, text, leader, `booked@${booking.eventId}`));
      queued++;
    } catch (error) {
      deps.logger.warn({ error: (error as Error).name }, 'booked-lesson card for a senior leader not queued');
    }
  }
  return queued;
}
