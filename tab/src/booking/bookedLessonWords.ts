/**
 * The sentences of "Your booked lessons": each lesson on the school's clock, the question before cancelling, and what
 * a cancel or a move came to. Pure, so every sentence can be checked without a browser; each says only what the
 * server's answer says.
 */
import type { BookingItem, ChangeAnswer } from '../api/bookingClient.js';
import type { FailureWords, ReceiptWords } from './bookingWords.js';
import { schoolDayAndTime, schoolDayAndTimeParts } from './schoolTime.js';

/** What the teacher did to a booked lesson. */
export type LessonChange = 'cancel' | 'move';

/** "Wednesday 6 March, 10:00, 20 minutes" on the school's clock. */
export function lessonWhen(item: Pick<BookingItem, 'start' | 'durationMinutes'>, timeZone: string): string {
  return `${schoolDayAndTime(item.start, timeZone)}, ${minutes(item.durationMinutes)}`;
}

/** Who else is invited: the other staff by name, the pupils as a number. */
export function lessonPeople(item: Pick<BookingItem, 'otherStaffNames' | 'pupilCount'>): string {
  const pupils = item.pupilCount === 1 ? '1 pupil' : `${item.pupilCount} pupils`;
  const invited = [...item.otherStaffNames, ...(item.pupilCount > 0 ? [pupils] : [])];
  return invited.length ? `Also invited: ${invited.join(', ')}.` : 'Nobody else is invited.';
}

/** "Cancel Year 5 maths on Wednesday 6 March at 10:00? Everyone invited is told." */
export function cancelQuestion(item: Pick<BookingItem, 'title' | 'start'>, timeZone: string): string {
  return `Cancel ${item.title} on ${onAt(item.start, timeZone)}? Everyone invited is told.`;
}

type Changed = Extract<ChangeAnswer, { kind: 'changed' }>;

/** What the teacher is told once the server has cancelled or moved the lesson, and only then. */
export function changeReceipt(answer: Changed, timeZone: string): ReceiptWords {
  const { booking } = answer;
  const cancelled = answer.outcome === 'cancelled';
  const title = cancelled
    ? `Cancelled: ${booking.title}, ${schoolDayAndTime(booking.start, timeZone)}.`
    : `Moved: ${booking.title} is now on ${onAt(booking.start, timeZone)}, for ${minutes(booking.durationMinutes)}.`;
  if (answer.repeated)
    return { title, details: [`This lesson had already been ${answer.outcome}, so nobody was told again.`] };
  const told = cancelled ? 'Everyone invited has been told' : 'Everyone invited has been sent the new time';
  if (answer.cardsQueued > 0)
    return { title, details: [`${told}, and Chaperone is sending the senior team and the other staff a card.`] };
  return {
    title,
    details: [`${told}.`],
    warning: 'Chaperone did not send the senior team a card about it; let them know yourself.',
  };
}

// Answers that say the request changed nothing: the booking's state, Microsoft's refusal, Teams not answering.
const NOTHING_CHANGED = new Set([
  'notFound',
  'started',
  'cancelled',
  'eventNotFound',
  'requestIdReused',
  'consentRequired',
  'notGranted',
  'unauthorized',
  'bookingFailed',
  'bookingNotSetUp',
  'policyProblems',
  'invalidBody',
]);

const DONE: Record<LessonChange, { notDone: string; unfinished: string; press: string }> = {
  cancel: {
    notDone: 'The lesson was not cancelled.',
    unfinished: 'Chaperone could not finish cancelling the lesson.',
    press: 'Cancel the lesson',
  },
  move: {
    notDone: 'The lesson was not moved.',
    unfinished: 'Chaperone could not finish moving the lesson.',
    press: 'Move the lesson',
  },
};

/** A refusal or failure in the server's words, under a title that says whether the lesson was changed. */
export function changeFailure(change: LessonChange, answer: Exclude<ChangeAnswer, { kind: 'changed' }>): FailureWords {
  const code = answer.kind === 'refused' ? answer.code : answer.kind === 'problems' ? 'policyProblems' : answer.kind;
  const title = NOTHING_CHANGED.has(code) ? DONE[change].notDone : DONE[change].unfinished;
  const forIt = answer.kind === 'refused' && answer.forIt ? { forIt: answer.forIt } : {};
  return { title, message: answer.message, ...forIt };
}

/** When the teacher closed Teams' permission window, or Teams could not show it. */
export function noConsent(change: LessonChange): FailureWords {
  return {
    title: DONE[change].notDone,
    message: `Chaperone needs your permission to change lessons in your calendar, and the permission window was closed. Press ${DONE[change].press} to see it again.`,
  };
}

/** When Chaperone could not be reached, the change may or may not have been made. */
export function unreached(change: LessonChange): FailureWords {
  const again =
    change === 'cancel'
      ? 'Reload your lessons when you are back online to see whether it was cancelled.'
      : 'Press Move the lesson again when you are back online: the same move is not made twice.';
  return { title: 'Chaperone could not be reached.', message: `It is not known whether the change was made. ${again}` };
}

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

/** "Wednesday 6 March at 10:00". */
function onAt(at: number, timeZone: string): string {
  const { day, time } = schoolDayAndTimeParts(at, timeZone);
  return `${day} at ${time}`;
}
