/**
 * The booking form's sentences: the school's rules beside the fields, the receipt, and what went wrong.
 * Pure, so every sentence can be checked without a browser; each says only what the server's answer says.
 */
import type { BookingAnswer, BookingRules, InvitedStaff } from '../api/bookingClient.js';
import { schoolDayAndTime } from './schoolTime.js';

const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday to Friday", or the days named one by one when they do not run in a row. */
function daysWords(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const inARow = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (sorted.length > 2 && inARow) return `${DAY_NAMES[sorted[0]!]} to ${DAY_NAMES[sorted.at(-1)!]}`;
  const names = sorted.map((d) => DAY_NAMES[d]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'no day');
}

/** The rule beside the day and time: notice, school hours and the clock the times are on. */
export function whenRule(rules: BookingRules): string {
  const notice = rules.minHoursAhead > 0 ? `Lessons are booked at least ${rules.minHoursAhead} hours ahead. ` : '';
  const hours = rules.schoolHours;
  const during = hours ? `They run between ${hours.start} and ${hours.end}, ${daysWords(hours.days)}. ` : '';
  return `${notice}${during}Times are school time (${rules.timeZone}).`;
}

/** The rule beside the duration, when the school has one. */
export function durationRule(rules: BookingRules): string | undefined {
  return rules.maxPupilMinutes === null
    ? undefined
    : `Lessons with pupils last at most ${rules.maxPupilMinutes} minutes.`;
}

/** The receipt's sentences, from the server's answer and the person the teacher chose. */
export interface ReceiptWords {
  title: string;
  details: string[];
  /** Something the teacher should do now, when the answer shows a step did not happen. */
  warning?: string;
}

type Booked = Extract<BookingAnswer, { kind: 'booked' }>;

/** "Booked: Year 5 maths, Wednesday 6 March, 10:00." and who the answer says was invited and told. */
export function receiptWords(answer: Booked, staff: InvitedStaff | undefined, timeZone: string): ReceiptWords {
  const { booking } = answer;
  const title = `Booked: ${booking.title}, ${schoolDayAndTime(booking.start, timeZone)}.`;
  const details: string[] = [];
  // Named as invited only when the booking lists them among the lesson's staff.
  if (staff && booking.staffIds.includes(staff.aadObjectId) && staff.aadObjectId !== booking.organizerId)
    details.push(`${staff.name} is invited.`);
  if (booking.pupilCount > 0)
    details.push(`${booking.pupilCount === 1 ? '1 pupil is' : `${booking.pupilCount} pupils are`} invited.`);
  if (answer.repeated) {
    details.push('This lesson had already been booked from this form, so it was not booked twice.');
    return { title, details };
  }
  const warnings: string[] = [];
  if (answer.sltCardsQueued > 0) details.push('Chaperone is telling the senior team about it.');
  else warnings.push('Chaperone could not tell the senior team about this lesson; let them know yourself.');
  if (answer.chaperoneInChat === 'added')
    details.push('Chaperone is in the lesson already, so it watches from the start.');
  else if (answer.chaperoneInChat) warnings.push(ADD_CHAPERONE);
  return warnings.length ? { title, details, warning: warnings.join(' ') } : { title, details };
}

/** What to do when Chaperone is not in the lesson's chat yet (not allowed, Teams did not answer, or not set up). */
const ADD_CHAPERONE =
  'Add Chaperone to the lesson before it starts: open the meeting in Teams, select + (Apps) and add Chaperone.';

/** What went wrong with a press of "Book", and whether anything is left in the calendar. */
export interface FailureWords {
  title: string;
  message: string;
  /** The sentence to pass on to the school's IT team. */
  forIt?: string;
}

type Failure = Exclude<BookingAnswer, Booked>;

/** A refusal or failure in the server's words, under a title that says whether the lesson is in the calendar. */
export function failureWords(answer: Failure): FailureWords {
  const forIt = answer.kind === 'refused' && answer.forIt ? { forIt: answer.forIt } : {};
  return { title: titleOf(answer), message: answer.message, ...forIt };
}

// Refused before anything was made: the policy, consent, a permission, or the same request already under way.
const NOTHING_MADE = new Set([401, 403, 409, 422]);

function titleOf(answer: Failure): string {
  if (answer.kind !== 'refused') return 'Nothing was booked.';
  if (answer.rolledBack === false) return 'The lesson was only partly set up.';
  if (answer.rolledBack === true || NOTHING_MADE.has(answer.status)) return 'Nothing was booked.';
  return 'The lesson could not be booked.';
}

/** When Chaperone could not be reached, the booking may or may not have gone through. */
export const UNREACHED: FailureWords = {
  title: 'Chaperone could not be reached.',
  message:
    'It is not known whether the lesson was booked. Press Book again when you are back online: if the form is unchanged, the lesson is not booked twice.',
};

/** When the teacher closed Teams' permission window, or Teams could not show it. */
export const NO_CONSENT: FailureWords = {
  title: 'Nothing was booked.',
  message:
    'Chaperone needs your permission to add lessons to your calendar, and the permission window was closed. Press Book to see it again.',
};
