/**
 * Books a lesson as the teacher: checks it against the policy, creates the calendar event with its
 * Teams meeting (Graph, delegated), sets the meeting's options from the policy, records the lesson so
 * Chaperone knows it was scheduled properly, and tells the senior leadership team. All or nothing:
 * when a step after the event fails, the event is deleted again. A request id books once.
 */
import type { BookingCheck } from '../../domain/booking/bookingPlan.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import { fingerprint } from '../fingerprint.js';
import type { Logger } from '../ports.js';
import { addToChat, tellSlt } from './afterBooking.js';
import { BookingFailed, BookingRefused } from './bookingErrors.js';
import { checkBooking, type BookingCaller, type BookingRequest, type CheckDeps } from './bookingRequest.js';
import { lessonMeetingOptions } from './lessonMeetingOptions.js';
import type {
  BookedLesson,
  BookingKey,
  BookingStore,
  ChatOutcome,
  Invitee,
  LessonCalendar,
  LessonChat,
} from './ports.js';
import { teamsMeetingIdOf } from './teamsMeetingId.js';

/** Dependencies of {@link bookLesson}. */
export interface BookLessonDeps extends CheckDeps {
  calendar: LessonCalendar;
  bookings: BookingStore;
  applyEvent: ApplyMeetingEvent;
  /** The senior leadership team's cards go through the lesson's outbox. */
  cards: LessonCards;
  /** Adds Chaperone to the new lesson's chat; absent when the service does not know its Teams app id or address. */
  chat?: LessonChat;
  logger: Logger;
}

/** What booking did: refused by the policy (each problem by its field), or booked (`repeated`: by an earlier click). */
export type BookingOutcome =
  | { outcome: 'invalid'; problems: BookingCheck['problems'] }
  | {
      outcome: 'booked';
      booking: BookedLesson;
      repeated: boolean;
      sltCardsQueued: number;
      /** Whether Chaperone is in the lesson's chat (absent on a repeated request). */
      chaperoneInChat?: ChatOutcome;
    };

/** Books `request` for `caller` once per `requestId`; throws {@link BookingRefused} or {@link BookingFailed}. */
export async function bookLesson(
  deps: BookLessonDeps,
  caller: BookingCaller,
  requestId: string,
  request: BookingRequest,
): Promise<BookingOutcome> {
  const key: BookingKey = { tenantId: caller.tenantId, organizerId: caller.aadObjectId, requestId };
  const claim = await deps.bookings.begin(key, fingerprint(request), deps.clock.now());
  if (claim.outcome === 'booked')
    return { outcome: 'booked', booking: claim.booking, repeated: true, sltCardsQueued: 0 };
  if (claim.outcome === 'inProgress') throw new BookingRefused('inProgress');
  if (claim.outcome === 'conflict') throw new BookingRefused('requestIdReused');
  let booking: BookedLesson;
  let threadId: string;
  try {
    const check = await checkBooking(deps, caller, request);
    if (check.problems.length) {
      await deps.bookings.release(key);
      return { outcome: 'invalid', problems: check.problems };
    }
    const leaders = await deps.directory.listEscalation(caller.tenantId, 'slt');
    ({ booking, threadId } = await createLesson(deps, caller, key, request, {
      check,
      sltIds: leaders.map((l) => l.aadObjectId),
    }));
  } catch (error) {
    await deps.bookings.release(key).catch(() => deps.logger.warn({}, 'booking claim not released'));
    throw error;
  }
  await deps.bookings.finish(key, booking);
  deps.logger.info({ checks: booking.checksPassed.length, overridden: !!booking.noticeOverride }, 'lesson booked');
  const chaperoneInChat = await addToChat(deps, caller, threadId);
  const sltCardsQueued = await tellSlt(deps, caller, request, booking);
  return { outcome: 'booked', booking, repeated: false, sltCardsQueued, chaperoneInChat };
}

async function createLesson(
  deps: BookLessonDeps,
  caller: BookingCaller,
  key: BookingKey,
  request: BookingRequest,
  { check, sltIds }: { check: BookingCheck; sltIds: string[] },
): Promise<{ booking: BookedLesson; threadId: string }> {
  const policy = deps.policyFor(caller.tenantId);
  const start = request.start;
  const end = start + request.durationMinutes * 60_000;
  const invitees: Invitee[] = [
    ...request.otherStaff.map((s) => ({ email: s.email, aadObjectId: s.aadObjectId, role: 'staff' as const })),
    ...request.pupils.map((email) => ({ email, role: 'pupil' as const })),
  ];
  const created = await deps.calendar.createEvent(caller.asUser, {
    subject: request.title,
    start,
    end,
    invitees,
    transactionId: transactionIdOf(key),
  });
  try {
    const meeting = await deps.calendar.findMeeting(caller.asUser, created.joinUrl);
    if (!meeting) throw new Error('the meeting of the new event was not found');
    await deps.calendar.setMeetingOptions(
      caller.asUser,
      meeting.onlineMeetingId,
      lessonMeetingOptions(policy, invitees),
    );
    const bookedAt = deps.clock.now();
    const booking: BookedLesson = {
      meetingId: teamsMeetingIdOf(meeting.threadId),
      eventId: created.eventId,
      joinUrl: created.joinUrl,
      title: request.title,
      start,
      end,
      bookedAt,
      organizerId: caller.aadObjectId,
      staffIds: [caller.aadObjectId, ...request.otherStaff.map((s) => s.aadObjectId)],
      pupilCount: new Set(request.pupils.map((p) => p.toLowerCase())).size,
      checksPassed: check.passed,
      ...(check.noticeOverridden ? { noticeOverride: check.noticeOverridden } : {}),
      otherStaffNames: request.otherStaff.map((s) => s.name),
      sltIds,
    };
    // What Teams' own meeting info would say, so the live rules know the lesson was scheduled in good time.
    await deps.applyEvent(
      { tenantId: caller.tenantId, meetingId: booking.meetingId },
      {
        kind: 'meetingDetailsLearned',
        id: `booked:${transactionIdOf(key)}`,
        at: bookedAt,
        meetingType: 'Scheduled',
        title: request.title,
        createdAt: bookedAt,
        ...(check.noticeOverridden ? { noticeApproved: true } : {}),
        scheduledStart: start,
        scheduledEnd: end,
        joinUrl: created.joinUrl,
        organizerId: caller.aadObjectId,
      },
    );
    return { booking, threadId: meeting.threadId };
  } catch (cause) {
    const rolledBack = await deps.calendar.deleteEvent(caller.asUser, created.eventId).then(
      () => true,
      () => false,
    );
    deps.logger.warn({ step: stepOf(cause), rolledBack }, 'booking failed after the event was created');
    throw new BookingFailed(rolledBack, cause, request.title);
  }
}

/** The same teacher's same request always gives the same id (Graph `transactionId`, the lesson event id). */
function transactionIdOf(key: BookingKey): string {
  return fingerprint([key.tenantId, key.organizerId, key.requestId]).slice(0, 32);
}

function stepOf(cause: unknown): string {
  return cause instanceof Error ? cause.name : 'unknown';
}
