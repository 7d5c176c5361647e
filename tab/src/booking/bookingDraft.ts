/**
 * The booking form as typed, and the form the server reads from it. What cannot be sent as typed (no title,
 * no day, a pupil line that is not an email address) gets a sentence for its field here; the school's rules
 * are the server's to check.
 */
import type { BookingForm, BookingRules, FieldProblem, InvitedStaff } from '../api/bookingClient.js';
import { zonedToEpoch } from '../../../bot/src/app/time.js';

/** The form's fields as typed. */
export interface BookingDraft {
  title: string;
  /** `YYYY-MM-DD`, on the school's calendar. */
  date: string;
  /** `HH:MM`, on the school's clock. */
  time: string;
  duration: string;
  /** Email addresses, one a line (commas and spaces also separate them). */
  pupils: string;
  /** The second adult, as chosen in Teams' people picker (none yet: undefined). */
  staff: InvitedStaff | undefined;
  notesForSlt: string;
  overrideReason: string;
}

/** The fields a sentence can sit beside (the server's problem fields, and the ones checked here). */
export type DraftField = 'title' | 'start' | 'durationMinutes' | 'pupils' | 'otherStaff' | 'noticeOverride';

/** A sentence for each field that needs another look. */
export type FieldMessages = Partial<Record<DraftField, string>>;

/** An empty form. */
export const EMPTY_DRAFT: BookingDraft = {
  title: '',
  date: '',
  time: '',
  duration: '',
  pupils: '',
  staff: undefined,
  notesForSlt: '',
  overrideReason: '',
};

// What a browser's `type="email"` accepts, near enough: the server has the last word.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The fields that say when a lesson is: the booking form's, and a move's. */
export type WhenDraft = Pick<BookingDraft, 'date' | 'time' | 'duration'>;

/** When the lesson starts (epoch ms) and how long it lasts, or the sentences for what is not a day, time or length. */
export function whenOf(
  draft: WhenDraft,
  rules: Pick<BookingRules, 'timeZone'>,
): { start?: number; durationMinutes?: number; messages: FieldMessages } {
  const messages: FieldMessages = {};
  const start = zonedToEpoch(draft.date, draft.time, rules.timeZone);
  if (start === undefined) messages.start = 'Choose the day and the start time.';
  const duration = Number(draft.duration);
  const whole = Number.isInteger(duration) && duration >= 1 && duration <= 600;
  if (!whole) messages.durationMinutes = 'Say how many minutes the lesson lasts, as a whole number.';
  return { ...(start === undefined ? {} : { start }), ...(whole ? { durationMinutes: duration } : {}), messages };
}

/**
 * The server's problems by field; a problem about a field not among `shown` (one this person is not offered) goes
 * beside the day.
 */
export function byField(problems: FieldProblem[], shown: ReadonlySet<DraftField>): FieldMessages {
  const messages: FieldMessages = {};
  for (const { field, message } of problems) {
    const at = shown.has(field) ? field : 'start';
    messages[at] = messages[at] ? `${messages[at]} ${message}` : message;
  }
  return messages;
}

/** The draft as the server reads it, or the sentences for what must be put right first. */
export function formOf(draft: BookingDraft, rules: BookingRules): { form?: BookingForm; messages: FieldMessages } {
  const messages: FieldMessages = {};
  const title = draft.title.trim();
  if (!title) messages.title = 'Give the lesson a title, as it will appear in the invitation.';
  const { start, durationMinutes: duration, messages: whenMessages } = whenOf(draft, rules);
  Object.assign(messages, whenMessages);
  const pupils = [...new Set(draft.pupils.split(/[\s,;]+/).filter(Boolean))];
  const notEmails = pupils.filter((p) => !EMAIL.test(p));
  if (notEmails.length)
    messages.pupils = `${notEmails.length === 1 ? 'This is not' : 'These are not'} an email address: ${notEmails.join(', ')}. Put one pupil's email address on each line.`;
  if (Object.keys(messages).length || start === undefined || duration === undefined) return { messages };
  const reason = draft.overrideReason.trim();
  const notes = draft.notesForSlt.trim();
  return {
    messages,
    form: {
      title,
      start: new Date(start).toISOString(),
      durationMinutes: duration,
      pupils,
      otherStaff: draft.staff ? [draft.staff] : [],
      ...(notes ? { notesForSlt: notes } : {}),
      ...(reason ? { noticeOverride: { reason } } : {}),
    },
  };
}

/** Whether the draft is far enough along for the rules to be checked as the teacher types. */
export function isCheckable(draft: BookingDraft): boolean {
  return draft.date !== '' && draft.time !== '' && draft.duration !== '';
}
